/**
 * Weight-only quantizers for weights in PyTorch's Linear layout [N, K]
 * (one row per output channel), which keeps every per-channel and per-block
 * pass over contiguous memory even for the 128112-row lm_head.
 * Conventions match the toy's quantizers (src/models/onnx/quantize.ts):
 * int8 symmetric per output channel; int4 asymmetric per block of K with the
 * range widened to include 0 (MLAS's blockwise quantizer).
 */
import { roundHalfEven } from '../onnx/quantize.js';

export interface RowsInt8 {
  /** int8 codes [N, K]. */
  q: Int8Array;
  scales: Float32Array;
}

export function quantizeRowsInt8(w: Float32Array, N: number, K: number): RowsInt8 {
  const q = new Int8Array(N * K);
  const scales = new Float32Array(N);
  for (let n = 0; n < N; n++) {
    const row = n * K;
    let max = 0;
    for (let k = 0; k < K; k++) max = Math.max(max, Math.abs(w[row + k]));
    const scale = Math.fround(max === 0 ? 1 : max / 127);
    scales[n] = scale;
    for (let k = 0; k < K; k++) q[row + k] = Math.max(-127, Math.min(127, roundHalfEven(w[row + k] / scale)));
  }
  return { q, scales };
}

export interface RowsInt4 {
  blockSize: number;
  blocksPerRow: number;
  /** uint8 [N, blocksPerRow, blockSize/2], low nibble first (MatMulNBits' B). */
  packed: Uint8Array;
  /** float32 [N, blocksPerRow]. */
  scales: Float32Array;
  /** 4-bit zero points, [N, ceil(blocksPerRow/2)] bytes, low nibble first. */
  zeroPoints: Uint8Array;
  /** Unpacked zero points [N, blocksPerRow], for other encodings. */
  zeroPointValues: Uint8Array;
}

export function quantizeRowsInt4(w: Float32Array, N: number, K: number, blockSize: number): RowsInt4 {
  if (K % blockSize !== 0) throw new Error(`int4: K=${K} is not a multiple of the block size ${blockSize}`);
  const nb = K / blockSize;
  const half = blockSize / 2;
  const zpBytes = Math.ceil(nb / 2);
  const packed = new Uint8Array(N * nb * half);
  const scales = new Float32Array(N * nb);
  const zeroPoints = new Uint8Array(N * zpBytes);
  const zeroPointValues = new Uint8Array(N * nb);
  for (let n = 0; n < N; n++) {
    for (let b = 0; b < nb; b++) {
      const k0 = n * K + b * blockSize;
      let lo = 0;
      let hi = 0;
      for (let j = 0; j < blockSize; j++) {
        const v = w[k0 + j];
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      const scale = Math.fround(hi > lo ? (hi - lo) / 15 : 1);
      const zp = Math.max(0, Math.min(15, roundHalfEven(-lo / scale)));
      scales[n * nb + b] = scale;
      zeroPointValues[n * nb + b] = zp;
      zeroPoints[n * zpBytes + (b >> 1)] |= (b & 1) === 0 ? zp : zp << 4;
      const out = (n * nb + b) * half;
      for (let j = 0; j < blockSize; j += 2) {
        const c0 = Math.max(0, Math.min(15, roundHalfEven(w[k0 + j] / scale) + zp));
        const c1 = Math.max(0, Math.min(15, roundHalfEven(w[k0 + j + 1] / scale) + zp));
        packed[out + (j >> 1)] = c0 | (c1 << 4);
      }
    }
  }
  return { blockSize, blocksPerRow: nb, packed, scales, zeroPoints, zeroPointValues };
}

/** The float weights an int4 quantization stands for, [N, K]. */
export function dequantizeRowsInt4(q: RowsInt4, N: number, K: number): Float32Array {
  const out = new Float32Array(N * K);
  const half = q.blockSize / 2;
  for (let n = 0; n < N; n++) {
    for (let k = 0; k < K; k++) {
      const b = Math.floor(k / q.blockSize);
      const j = k % q.blockSize;
      const byte = q.packed[(n * q.blocksPerRow + b) * half + (j >> 1)];
      const code = (j & 1) === 0 ? byte & 15 : byte >> 4;
      out[n * K + k] = (code - q.zeroPointValues[n * q.blocksPerRow + b]) * q.scales[n * q.blocksPerRow + b];
    }
  }
  return out;
}

export function dequantizeRowsInt8(q: RowsInt8, N: number, K: number): Float32Array {
  const out = new Float32Array(N * K);
  for (let n = 0; n < N; n++) for (let k = 0; k < K; k++) out[n * K + k] = q.q[n * K + k] * q.scales[n];
  return out;
}
