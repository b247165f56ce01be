/**
 * Weight-only quantizers for MatMul weights stored row-major as [K, N]
 * (K = input features, N = output features), as ONNX MatMul expects them.
 *
 * Both follow the conventions of ONNX Runtime's own tools so the toy models
 * look like real exports: int8 is symmetric per output channel (the form
 * DequantizeLinear with `axis` runs), int4 is asymmetric per block of K with
 * the value range widened to include 0 (MLAS's blockwise quantizer), packed
 * for com.microsoft::MatMulNBits.
 */

export interface Matrix {
  rows: number;
  cols: number;
  /** Row-major, rows × cols. */
  data: Float32Array;
}

export function matrix(rows: number, cols: number): Matrix {
  return { rows, cols, data: new Float32Array(rows * cols) };
}

/** Round half to even, as numpy and MLAS do. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

export interface Int8PerChannel {
  /** int8 codes, row-major [K, N]. */
  q: Int8Array;
  /** One float32 scale per output channel, [N]. */
  scales: Float32Array;
}

export function quantizeInt8PerChannel(w: Matrix): Int8PerChannel {
  const { rows: K, cols: N, data } = w;
  const scales = new Float32Array(N);
  for (let n = 0; n < N; n++) {
    let max = 0;
    for (let k = 0; k < K; k++) max = Math.max(max, Math.abs(data[k * N + n]));
    scales[n] = max === 0 ? 1 : max / 127;
  }
  const q = new Int8Array(K * N);
  for (let k = 0; k < K; k++) {
    for (let n = 0; n < N; n++) {
      const v = roundHalfEven(data[k * N + n] / scales[n]);
      q[k * N + n] = Math.max(-127, Math.min(127, v));
    }
  }
  return { q, scales };
}

export interface Int4Blockwise {
  blockSize: number;
  blocksPerColumn: number;
  /** uint8 [N, blocksPerColumn, blockSize / 2]: two codes per byte, the lower K index in the low nibble. */
  packed: Uint8Array;
  /** float32 [N * blocksPerColumn], column-major by block (column n's blocks are contiguous). */
  scales: Float32Array;
  /** uint8 [N * ceil(blocksPerColumn / 2)]: 4-bit zero points, packed like the codes, per column. */
  zeroPoints: Uint8Array;
}

export function quantizeInt4Blockwise(w: Matrix, blockSize: number): Int4Blockwise {
  const { rows: K, cols: N, data } = w;
  if (blockSize % 2 !== 0 || blockSize < 16) throw new Error(`int4 block size ${blockSize} must be an even number >= 16`);
  const nb = Math.ceil(K / blockSize);
  const blob = blockSize / 2;
  const zpPerCol = Math.ceil(nb / 2);
  const packed = new Uint8Array(N * nb * blob);
  const scales = new Float32Array(N * nb);
  const zeroPoints = new Uint8Array(N * zpPerCol);
  for (let n = 0; n < N; n++) {
    for (let b = 0; b < nb; b++) {
      const k0 = b * blockSize;
      const k1 = Math.min(K, k0 + blockSize);
      // The range always contains 0 so that exact zeros stay exact.
      let lo = 0;
      let hi = 0;
      for (let k = k0; k < k1; k++) {
        const v = data[k * N + n];
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      const scale = Math.fround(hi > lo ? (hi - lo) / 15 : 1);
      const zp = Math.max(0, Math.min(15, roundHalfEven(-lo / scale)));
      scales[n * nb + b] = scale;
      zeroPoints[n * zpPerCol + (b >> 1)] |= (b & 1) === 0 ? zp : zp << 4;
      for (let k = k0; k < k1; k++) {
        const code = Math.max(0, Math.min(15, roundHalfEven(data[k * N + n] / scale) + zp));
        const j = k - k0;
        const at = (n * nb + b) * blob + (j >> 1);
        packed[at] |= (j & 1) === 0 ? code : code << 4;
      }
      // Padding past K (when K is not a multiple of the block) holds the zero point, i.e. 0.0.
      for (let j = k1 - k0; j < blockSize; j++) {
        const at = (n * nb + b) * blob + (j >> 1);
        packed[at] |= (j & 1) === 0 ? zp : zp << 4;
      }
    }
  }
  return { blockSize, blocksPerColumn: nb, packed, scales, zeroPoints };
}

/** The float weights an int4 quantization stands for, [K, N]: (code - zero point) * scale. */
export function dequantizeInt4(q: Int4Blockwise, K: number, N: number): Matrix {
  const out = matrix(K, N);
  const blob = q.blockSize / 2;
  const zpPerCol = Math.ceil(q.blocksPerColumn / 2);
  for (let n = 0; n < N; n++) {
    for (let k = 0; k < K; k++) {
      const b = Math.floor(k / q.blockSize);
      const j = k % q.blockSize;
      const byte = q.packed[(n * q.blocksPerColumn + b) * blob + (j >> 1)];
      const code = (j & 1) === 0 ? byte & 15 : byte >> 4;
      const zpByte = q.zeroPoints[n * zpPerCol + (b >> 1)];
      const zp = (b & 1) === 0 ? zpByte & 15 : zpByte >> 4;
      out.data[k * N + n] = (code - zp) * q.scales[n * q.blocksPerColumn + b];
    }
  }
  return out;
}

export function dequantizeInt8(q: Int8PerChannel, K: number, N: number): Matrix {
  const out = matrix(K, N);
  for (let k = 0; k < K; k++) for (let n = 0; n < N; n++) out.data[k * N + n] = q.q[k * N + n] * q.scales[n];
  return out;
}
