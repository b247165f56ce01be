/**
 * The synthetic model's parameters, named as in transformers' M2M100
 * (`model.shared.weight`, `model.encoder.layers.0.self_attn.q_proj.weight`,
 * ...), made deterministically from (seed, name) and spelled in the graph in
 * the chosen precision. Every precision quantizes the same fp32 weights.
 *
 * Forms (what ONNX Runtime CPU runs):
 * - fp32: MatMul with the transposed weight (as torch.onnx exports Linear);
 *   the tied lm_head is Gemm(transB=1) over the shared embedding.
 * - int8, `dq` (default): DequantizeLinear(int8 [K,N], scale [N], axis=1) ->
 *   MatMul: symmetric per output channel.
 * - int8, `nbits`: com.microsoft::MatMulNBits bits=8, symmetric per block of
 *   256 along K (MatMulNBits allows no larger block, so not per channel).
 * - int4, `nbits` (default): MatMulNBits bits=4, block 128, asymmetric.
 * - int4, `dq`: DequantizeLinear(int4 [K,N], blocked along K, block_size=128,
 *   opset 21) -> MatMul.
 * Embedding tables, biases and norms stay fp32, as in weight-only exports.
 */
import { endianness } from 'node:os';
import { DataType, type GraphBuilder } from '../onnx/graph-builder.js';
import { MS_DOMAIN } from '../onnx/linear.js';
import type { SyntheticPreset } from './presets.js';
import { PAD_ID, POSITION_OFFSET } from './presets.js';
import { quantizeRowsInt4, quantizeRowsInt8 } from './quantize-rows.js';
import { fillUniform } from './random.js';
import type { TensorSink } from './tensor-sink.js';

export type SyntheticPrecision = 'fp32' | 'int8' | 'int4';
export const SYNTHETIC_PRECISIONS: readonly SyntheticPrecision[] = ['fp32', 'int8', 'int4'];
export type QuantForm = 'nbits' | 'dq';
export const INT4_BLOCK = 128;
/** MatMulNBits supports blocks of 16..256 only (ONNX Runtime 1.30). */
const INT8_NBITS_BLOCK = 256;
/**
 * MatMulNBits accuracy_level 4: activations quantized to int8 for the dot
 * products (MLAS's fast path). 0 computes in fp32 and is far slower on CPU
 * (measured: about 10x for the int4 lm_head at the tiny shape, worse for 8 bits).
 */
const ACCURACY_LEVEL = Number(process.env.MTGATE_NBITS_ACCURACY ?? 4);
/** transformers' M2M100 init_std. */
const INIT_STD = 0.02;

if (endianness() !== 'LE') throw new Error('the synthetic model generator writes tensors from memory and needs a little-endian host');

const bytesOf = (a: Float32Array | Int8Array | Uint8Array): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

export function transpose(w: Float32Array | Int8Array, rows: number, cols: number): Float32Array | Int8Array {
  const out = w instanceof Float32Array ? new Float32Array(w.length) : new Int8Array(w.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = w[r * cols + c];
  return out;
}

/** fp32 weight [N, K] (torch Linear layout) of a named parameter. */
export function parameter(seed: number, name: string, N: number, K: number): Float32Array {
  return fillUniform(new Float32Array(N * K), seed, name, INIT_STD);
}

/** Sinusoidal table of M2M100SinusoidalPositionalEmbedding: [maxPositions + 2, D], row PAD_ID zero. */
export function sinusoidalTable(rows: number, D: number): Float32Array {
  const half = D / 2;
  const step = Math.log(10000) / (half - 1);
  const out = new Float32Array(rows * D);
  for (let p = 0; p < rows; p++) {
    if (p === PAD_ID) continue;
    for (let i = 0; i < half; i++) {
      const angle = Math.fround(p * Math.fround(Math.exp(-i * step)));
      out[p * D + i] = Math.sin(angle);
      out[p * D + half + i] = Math.cos(angle);
    }
  }
  return out;
}

export interface WeightOptions {
  preset: SyntheticPreset;
  seed: number;
  precision: SyntheticPrecision;
  int8Form: QuantForm;
  int4Form: QuantForm;
  /** Decoders with past take decoder_attention_mask (static-cache capable). */
  decoderMask?: boolean;
  sink: TensorSink;
}

/** Parameters of one data file (encoder's or decoder's), registered on an outer builder. */
export class SyntheticWeights {
  constructor(
    readonly o: WeightOptions,
    /** The graph that owns initializers (the outer graph, also for If branches). */
    readonly init: GraphBuilder,
    /** External data file name, relative to the .onnx file. */
    readonly location: string,
  ) {}

  /** Names already registered on `init` (If branches reference the same weights). */
  private readonly registered = new Set<string>();

  private put(name: string, dataType: (typeof DataType)[keyof typeof DataType], dims: readonly number[], make: () => Uint8Array): string {
    if (this.registered.has(name)) return name;
    this.registered.add(name);
    return this.o.sink.put(this.init, this.location, name, dataType, dims, make);
  }

  vector(name: string, length: number, std: number, mean = 0): string {
    return this.put(name, DataType.FLOAT, [length], () => bytesOf(fillUniform(new Float32Array(length), this.o.seed, name, std, mean)));
  }

  shared(): string {
    const { vocabSize, dModel } = this.o.preset;
    return this.put('model.shared.weight', DataType.FLOAT, [vocabSize, dModel], () =>
      bytesOf(parameter(this.o.seed, 'model.shared.weight', vocabSize, dModel)),
    );
  }

  positions(prefix: string): string {
    const { maxPositions, dModel } = this.o.preset;
    const rows = maxPositions + POSITION_OFFSET;
    return this.put(`${prefix}.embed_positions.weights`, DataType.FLOAT, [rows, dModel], () => bytesOf(sinusoidalTable(rows, dModel)));
  }

  layerNorm(ops: GraphBuilder, x: string, name: string): string {
    const D = this.o.preset.dModel;
    const gamma = this.vector(`${name}.weight`, D, 0.05, 1);
    const beta = this.vector(`${name}.bias`, D, 0.02);
    return ops.op('LayerNormalization', [x, gamma, beta], { name: `${name}/LayerNorm`, attributes: { axis: -1, epsilon: { float: 1e-5 } } });
  }

  /** x [.., K] -> x W^T + b for the parameter `name` ([N, K]); ops go to `ops`, initializers to the outer graph. */
  linear(ops: GraphBuilder, x: string, name: string, N: number, K: number, bias = true): string {
    const y = this.matmul(ops, x, name, N, K, () => parameter(this.o.seed, `${name}.weight`, N, K));
    if (!bias) return y;
    return ops.op('Add', [y, this.vector(`${name}.bias`, N, INIT_STD)], { name: `${name}/BiasAdd` });
  }

  /** The tied lm_head: logits = x · sharedᵀ. */
  lmHead(ops: GraphBuilder, x: string): string {
    const { vocabSize: V, dModel: D } = this.o.preset;
    if (this.o.precision === 'fp32') {
      // Gemm needs 2-D input: [B*T, D] -> Gemm(transB) -> [B, T, V].
      const shape = ops.op('Shape', [x], { name: 'lm_head/Shape' });
      const bt = ops.op('Slice', [shape, ops.int64s('lm_head_s0', [0]), ops.int64s('lm_head_s2', [2])], { name: 'lm_head/batch_seq' });
      const flat = ops.op('Reshape', [x, ops.int64s('lm_head_flat', [-1, D])], { name: 'lm_head/flatten' });
      const y = ops.op('Gemm', [flat, this.shared()], { name: 'lm_head/Gemm', attributes: { transB: 1 } });
      const outShape = ops.op('Concat', [bt, ops.int64s('lm_head_v', [V])], { name: 'lm_head/out_shape', attributes: { axis: 0 } });
      return ops.op('Reshape', [y, outShape], { name: 'lm_head/unflatten' });
    }
    return this.matmul(ops, x, 'lm_head', V, D, () => parameter(this.o.seed, 'model.shared.weight', V, D));
  }

  private matmul(ops: GraphBuilder, x: string, name: string, N: number, K: number, weight: () => Float32Array): string {
    const { precision, int8Form, int4Form } = this.o;
    if (precision === 'fp32') {
      const w = this.put(`${name}.weight_transposed`, DataType.FLOAT, [K, N], () => bytesOf(transpose(weight(), N, K) as Float32Array));
      return ops.op('MatMul', [x, w], { name: `${name}/MatMul` });
    }
    if (precision === 'int8') {
      let q: ReturnType<typeof quantizeRowsInt8> | undefined;
      const quant = () => (q ??= quantizeRowsInt8(weight(), N, K));
      if (int8Form === 'dq') {
        const codes = this.put(`${name}.weight_quantized`, DataType.INT8, [K, N], () => bytesOf(transpose(quant().q, N, K) as Int8Array));
        const scale = this.put(`${name}.weight_scale`, DataType.FLOAT, [N], () => bytesOf(quant().scales));
        const zero = this.put(`${name}.weight_zero_point`, DataType.INT8, [N], () => new Uint8Array(N));
        const w = ops.op('DequantizeLinear', [codes, scale, zero], { name: `${name}/DequantizeLinear`, attributes: { axis: 1 } });
        return ops.op('MatMul', [x, w], { name: `${name}/MatMul` });
      }
      // MatMulNBits takes blocks of at most 256 along K, so 8-bit codes here are per block, not per channel.
      const bs = Math.min(K, INT8_NBITS_BLOCK);
      const nb = K / bs;
      let qb: ReturnType<typeof quantizeRowsInt8> | undefined;
      const quantBlocks = () => (qb ??= quantizeRowsInt8(weight(), N * nb, bs));
      const codes = this.put(`${name}.weight_Q8`, DataType.UINT8, [N, nb, bs], () => {
        const u = new Uint8Array(N * K);
        const s = quantBlocks().q;
        for (let i = 0; i < u.length; i++) u[i] = s[i] + 128;
        return u;
      });
      const scales = this.put(`${name}.weight_scales`, DataType.FLOAT, [N * nb], () => bytesOf(quantBlocks().scales));
      const zeros = this.put(`${name}.weight_zero_points`, DataType.UINT8, [N * nb], () => new Uint8Array(N * nb).fill(128));
      return ops.op('MatMulNBits', [x, codes, scales, zeros], {
        name: `${name}/MatMulNBits`,
        domain: MS_DOMAIN,
        attributes: { K, N, bits: 8, block_size: bs, accuracy_level: ACCURACY_LEVEL },
      });
    }
    let q: ReturnType<typeof quantizeRowsInt4> | undefined;
    const quant = () => (q ??= quantizeRowsInt4(weight(), N, K, INT4_BLOCK));
    const nb = K / INT4_BLOCK;
    if (int4Form === 'dq') {
      // DequantizeLinear-21, blocked along K (axis 0): uint4 codes and zero points, scale [K/block, N].
      const codes = this.put(`${name}.weight_quantized`, DataType.UINT4, [K, N], () => packUint4Transposed(quant(), N, K));
      const scale = this.put(`${name}.weight_scale`, DataType.FLOAT, [nb, N], () => bytesOf(transpose(quant().scales, N, nb) as Float32Array));
      const zero = this.put(`${name}.weight_zero_point`, DataType.UINT4, [nb, N], () => packNibbles(transposeBytes(quant().zeroPointValues, N, nb)));
      const w = ops.op('DequantizeLinear', [codes, scale, zero], {
        name: `${name}/DequantizeLinear`,
        attributes: { axis: 0, block_size: INT4_BLOCK },
      });
      return ops.op('MatMul', [x, w], { name: `${name}/MatMul` });
    }
    const codes = this.put(`${name}.weight_Q4`, DataType.UINT8, [N, nb, INT4_BLOCK / 2], () => quant().packed);
    const scales = this.put(`${name}.weight_scales`, DataType.FLOAT, [N * nb], () => bytesOf(quant().scales));
    const zeros = this.put(`${name}.weight_zero_points`, DataType.UINT8, [N * Math.ceil(nb / 2)], () => quant().zeroPoints);
    return ops.op('MatMulNBits', [x, codes, scales, zeros], {
      name: `${name}/MatMulNBits`,
      domain: MS_DOMAIN,
      attributes: { K, N, bits: 4, block_size: INT4_BLOCK, accuracy_level: ACCURACY_LEVEL },
    });
  }
}

function transposeBytes(a: Uint8Array, rows: number, cols: number): Uint8Array {
  const out = new Uint8Array(a.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = a[r * cols + c];
  return out;
}

/** Two 4-bit values a byte, element 2i in the low nibble (ONNX INT4/UINT4 packing). */
function packNibbles(values: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(values.length / 2));
  for (let i = 0; i < values.length; i++) out[i >> 1] |= (i & 1) === 0 ? values[i] & 15 : (values[i] & 15) << 4;
  return out;
}

/** MatMulNBits' packed [N, K] codes re-laid as a [K, N] UINT4 tensor. */
function packUint4Transposed(q: ReturnType<typeof quantizeRowsInt4>, N: number, K: number): Uint8Array {
  const codes = new Uint8Array(K * N);
  for (let n = 0; n < N; n++) {
    for (let k = 0; k < K; k++) {
      const byte = q.packed[n * (K / 2) + (k >> 1)];
      codes[k * N + n] = (k & 1) === 0 ? byte & 15 : byte >> 4;
    }
  }
  return packNibbles(codes);
}
