/**
 * Reads an ONNX graph's interface and weight format with onnx-proto (no
 * runtime): inputs/outputs with shapes and element types, op histogram
 * (subgraphs of If/Loop included, as merged decoders nest their branches),
 * initializer dtype histogram, and the quantization ops that tell int8
 * (DequantizeLinear / MatMulInteger) from int4 (MatMulNBits bits/block_size).
 */
import { readFileSync } from 'node:fs';
import onnxProto from 'onnx-proto';
import { UsageError } from '../../errors.js';

const { onnx } = onnxProto;

/** TensorProto.DataType numbers, including the 4-bit ones onnx-proto's enum predates. */
const DTYPE: Record<number, { name: string; bits: number }> = {
  1: { name: 'float32', bits: 32 }, 2: { name: 'uint8', bits: 8 }, 3: { name: 'int8', bits: 8 }, 4: { name: 'uint16', bits: 16 },
  5: { name: 'int16', bits: 16 }, 6: { name: 'int32', bits: 32 }, 7: { name: 'int64', bits: 64 }, 8: { name: 'string', bits: 0 },
  9: { name: 'bool', bits: 8 }, 10: { name: 'float16', bits: 16 }, 11: { name: 'float64', bits: 64 }, 12: { name: 'uint32', bits: 32 },
  13: { name: 'uint64', bits: 64 }, 16: { name: 'bfloat16', bits: 16 }, 17: { name: 'float8e4m3fn', bits: 8 }, 19: { name: 'float8e5m2', bits: 8 },
  21: { name: 'uint4', bits: 4 }, 22: { name: 'int4', bits: 4 },
};
const dtypeName = (t: number | null | undefined): string => DTYPE[t ?? 0]?.name ?? `type${t ?? 0}`;

export interface OnnxTensorInfo {
  name: string;
  elementType: string;
  shape: (number | string)[];
}

export interface OnnxGraphInfo {
  file: string;
  irVersion: number;
  opsets: Record<string, number>;
  producer: string;
  inputs: OnnxTensorInfo[];
  outputs: OnnxTensorInfo[];
  nodeCount: number;
  ops: Record<string, number>;
  initializers: { count: number; byType: Record<string, { count: number; bytes: number }>; externalBytes: number };
  quantization: {
    dequantizeLinear: number;
    /** Element types of the tensors DequantizeLinear reads when they are initializers (int8, uint8, int4, ...). */
    dequantizeTypes: Record<string, number>;
    /** block_size attributes of blockwise DequantizeLinear (opset 21). */
    dequantizeBlockSizes: number[];
    matMulNBits: number;
    bits: number[];
    blockSizes: number[];
    matMulInteger: number;
    qLinearMatMul: number;
    dynamicQuantizeLinear: number;
  };
}

function tensorShape(vi: onnxProto.onnx.IValueInfoProto): OnnxTensorInfo {
  const t = vi.type?.tensorType;
  return {
    name: vi.name ?? '',
    elementType: dtypeName(t?.elemType),
    shape: (t?.shape?.dim ?? []).map((d) => (d.dimParam ? d.dimParam : d.dimValue !== undefined && d.dimValue !== null ? Number(d.dimValue) : '?')),
  };
}

function tensorBytes(t: onnxProto.onnx.ITensorProto): number {
  if (t.rawData && t.rawData.length) return t.rawData.length;
  const elements = (t.dims ?? []).reduce<number>((a, d) => a * Number(d), 1);
  return Math.ceil((elements * (DTYPE[t.dataType ?? 0]?.bits ?? 0)) / 8);
}

export function inspectOnnxBytes(bytes: Uint8Array, file: string): OnnxGraphInfo {
  let model: onnxProto.onnx.ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (err) {
    throw new UsageError(`${file}: not a readable ONNX model (${(err as Error).message.split('\n')[0]}); re-export the model`);
  }
  const graph = model.graph;
  if (!graph) throw new UsageError(`${file}: the ONNX model has no graph; re-export the model`);
  const ops: Record<string, number> = {};
  const initTypes = new Map<string, string>();
  const info: OnnxGraphInfo = {
    file,
    irVersion: Number(model.irVersion ?? 0),
    opsets: Object.fromEntries((model.opsetImport ?? []).map((o) => [o.domain || 'ai.onnx', Number(o.version)])),
    producer: [model.producerName, model.producerVersion].filter(Boolean).join(' '),
    inputs: [],
    outputs: (graph.output ?? []).map(tensorShape),
    nodeCount: 0,
    ops,
    initializers: { count: 0, byType: {}, externalBytes: 0 },
    quantization: { dequantizeLinear: 0, dequantizeTypes: {}, dequantizeBlockSizes: [], matMulNBits: 0, bits: [], blockSizes: [], matMulInteger: 0, qLinearMatMul: 0, dynamicQuantizeLinear: 0 },
  };
  const q = info.quantization;
  const addUnique = (list: number[], v: number) => {
    if (!list.includes(v)) list.push(v);
  };

  const visit = (g: onnxProto.onnx.IGraphProto) => {
    for (const t of g.initializer ?? []) {
      const type = dtypeName(t.dataType);
      initTypes.set(t.name ?? '', type);
      const bytes = tensorBytes(t);
      info.initializers.count++;
      const slot = (info.initializers.byType[type] ??= { count: 0, bytes: 0 });
      slot.count++;
      slot.bytes += bytes;
      if (t.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL) info.initializers.externalBytes += bytes;
    }
    for (const node of g.node ?? []) {
      info.nodeCount++;
      const op = node.domain && node.domain !== 'ai.onnx' ? `${node.domain}::${node.opType}` : (node.opType ?? '?');
      ops[op] = (ops[op] ?? 0) + 1;
      const attr = (name: string) => node.attribute?.find((a) => a.name === name);
      switch (node.opType) {
        case 'DequantizeLinear': {
          q.dequantizeLinear++;
          const xType = initTypes.get(node.input?.[0] ?? '');
          if (xType) q.dequantizeTypes[xType] = (q.dequantizeTypes[xType] ?? 0) + 1;
          const block = attr('block_size');
          if (block?.i) addUnique(q.dequantizeBlockSizes, Number(block.i));
          break;
        }
        case 'MatMulNBits':
          q.matMulNBits++;
          addUnique(q.bits, Number(attr('bits')?.i ?? 4));
          if (attr('block_size')?.i) addUnique(q.blockSizes, Number(attr('block_size')?.i));
          break;
        case 'MatMulInteger':
          q.matMulInteger++;
          break;
        case 'QLinearMatMul':
          q.qLinearMatMul++;
          break;
        case 'DynamicQuantizeLinear':
          q.dynamicQuantizeLinear++;
          break;
      }
      for (const a of node.attribute ?? []) {
        if (a.g) visit(a.g);
        for (const sub of a.graphs ?? []) visit(sub);
      }
    }
  };
  visit(graph);
  // Before IR version 4 initializers were also listed as inputs; they are weights, not inputs.
  info.inputs = (graph.input ?? []).filter((i) => !initTypes.has(i.name ?? '')).map(tensorShape);
  return info;
}

export function inspectOnnxFile(file: string): OnnxGraphInfo {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw new UsageError(`${file}: cannot read the ONNX file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); check the path`);
  }
  return inspectOnnxBytes(bytes, file);
}
