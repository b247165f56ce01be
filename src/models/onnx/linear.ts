/**
 * Emits `x @ W` for a weight matrix in one of three precisions, the way
 * real weight-only exports spell it:
 * - fp32: MatMul with a float initializer;
 * - int8: DequantizeLinear(int8 W, per-channel scale, axis=1) -> MatMul;
 * - int4: com.microsoft::MatMulNBits (bits=4, blockwise along K).
 */
import { DataType, type GraphBuilder } from './graph-builder.js';
import { type Matrix, quantizeInt4Blockwise, quantizeInt8PerChannel } from './quantize.js';

export type Precision = 'fp32' | 'int8' | 'int4';
export const PRECISIONS: readonly Precision[] = ['fp32', 'int8', 'int4'];

export const MS_DOMAIN = 'com.microsoft';
/** Block size along K for int4; 32 keeps the toy's small matrices in several blocks. */
export const INT4_BLOCK_SIZE = 32;

export function linear(b: GraphBuilder, precision: Precision, x: string, name: string, w: Matrix): string {
  const K = w.rows;
  const N = w.cols;
  switch (precision) {
    case 'fp32': {
      const weight = b.initializer(`${name}.weight`, DataType.FLOAT, [K, N], w.data);
      return b.op('MatMul', [x, weight], { name: `${name}/MatMul` });
    }
    case 'int8': {
      const q = quantizeInt8PerChannel(w);
      const codes = b.initializer(`${name}.weight_quantized`, DataType.INT8, [K, N], q.q);
      const scale = b.initializer(`${name}.weight_scale`, DataType.FLOAT, [N], q.scales);
      const zero = b.initializer(`${name}.weight_zero_point`, DataType.INT8, [N], new Int8Array(N));
      const weight = b.op('DequantizeLinear', [codes, scale, zero], { name: `${name}/DequantizeLinear`, attributes: { axis: 1 } });
      return b.op('MatMul', [x, weight], { name: `${name}/MatMul` });
    }
    case 'int4': {
      const q = quantizeInt4Blockwise(w, INT4_BLOCK_SIZE);
      const codes = b.initializer(`${name}.weight_Q4`, DataType.UINT8, [N, q.blocksPerColumn, INT4_BLOCK_SIZE / 2], q.packed);
      const scales = b.initializer(`${name}.weight_scales`, DataType.FLOAT, [N * q.blocksPerColumn], q.scales);
      const zeros = b.initializer(`${name}.weight_zero_points`, DataType.UINT8, [q.zeroPoints.length], q.zeroPoints);
      return b.op('MatMulNBits', [x, codes, scales, zeros], {
        name: `${name}/MatMulNBits`,
        domain: MS_DOMAIN,
        attributes: { K, N, bits: 4, block_size: INT4_BLOCK_SIZE },
      });
    }
  }
}
