/**
 * `mtgate inspect`: what a model directory holds, read from the files alone
 * (no runtime): layout, files and sizes, each graph's inputs and outputs,
 * and how its weights are compressed — from the IR's rt_info (NNCF,
 * optimum-intel) or from the ONNX graph (initializer types, quantization ops).
 */
import { statSync } from 'node:fs';
import { relative } from 'node:path';
import { detectLayout, type ModelFiles } from '../layouts/detect.js';
import { binOf } from '../layouts/openvino-ir-common.js';
import { readIr, rtValue, type IrModel, type RtInfo } from '../ir/read-ir.js';
import { inspectOnnxFile, type OnnxGraphInfo } from './onnx-graph.js';

export interface InspectedTensor {
  name: string;
  elementType: string;
  shape: (number | string)[];
}

export interface InspectedGraph {
  role: 'encoder' | 'decoder' | 'decoder_with_past';
  file: string;
  format: 'onnx' | 'openvino-ir';
  inputs: InspectedTensor[];
  outputs: InspectedTensor[];
  ops: Record<string, number>;
  /** Weight element type → count and bytes (ONNX initializers, IR Const layers). */
  weights: Record<string, { count: number; bytes: number }>;
  /** IR: state variables (a stateful decoder's KV cache). */
  stateVariables?: number;
  /** IR: the whole <rt_info> block. */
  rtInfo?: RtInfo;
  /** ONNX: quantization ops and their settings. */
  quantization?: OnnxGraphInfo['quantization'];
  /** ONNX: opset imports. */
  opsets?: Record<string, number>;
  compression: string;
}

export interface Compression {
  /** Short label for reports, e.g. `int4_asym g128 r0.8 +int8_asym`, `int8 DequantizeLinear`, `fp32`. */
  label: string;
  source: 'nncf rt_info' | 'ir weights' | 'onnx graph';
  /** NNCF weight_compression parameters as written in rt_info (mode, group_size, ratio, backup_mode, ...). */
  nncf?: Record<string, string>;
  /** Tool versions recorded in rt_info: optimum_intel_version, transformers_version, Runtime_version, ... */
  versions?: Record<string, string>;
}

export interface InspectReport {
  dir: string;
  layout: string;
  format: string;
  files: { role: string; path: string; bytes: number }[];
  totalBytes: number;
  graphs: InspectedGraph[];
  compression: Compression;
  /** Inconsistencies found (e.g. a .bin shorter than its constants need); non-empty → exit 2. */
  problems: string[];
}

const flatLeaves = (node: RtInfo | string | undefined): Record<string, string> =>
  node && typeof node === 'object' ? Object.fromEntries(Object.entries(node).filter(([, v]) => typeof v === 'string') as [string, string][]) : {};

function dominantType(weights: Record<string, { bytes: number }>, among: string[]): string | undefined {
  return Object.entries(weights)
    .filter(([t]) => among.includes(t))
    .sort((a, b) => b[1].bytes - a[1].bytes)[0]?.[0];
}

/** NNCF's weight_compression parameters → `int4_asym g128 r0.8 +int8_asym`. */
export function nncfLabel(wc: Record<string, string>): string {
  const parts = [wc.mode ?? 'compressed'];
  const group = Number(wc.group_size);
  if (Number.isFinite(group) && group > 0) parts.push(`g${group}`);
  const ratio = Number(wc.ratio);
  const fourBit = /^(int4|nf4|mxfp4|e2m1|fp4|cb4)/.test(wc.mode ?? '');
  if (fourBit && Number.isFinite(ratio) && ratio < 1) parts.push(`r${ratio}`);
  if (fourBit && wc.backup_mode && (ratio < 1 || wc.all_layers !== 'True')) parts.push(`+${wc.backup_mode}`);
  return parts.join(' ');
}

function irCompression(ir: IrModel): string {
  const wc = ir.rtInfo.nncf;
  if (wc && typeof wc === 'object' && typeof wc.weight_compression === 'object') return nncfLabel(flatLeaves(wc.weight_compression));
  if (wc && typeof wc === 'object' && typeof wc.quantization === 'object') return `nncf quantization${rtValue(ir.rtInfo, ['nncf', 'quantization', 'preset']) ? ` ${rtValue(ir.rtInfo, ['nncf', 'quantization', 'preset'])}` : ''}`;
  const low = dominantType(ir.constants.byElementType, ['u4', 'i4', 'nf4', 'u8', 'i8']);
  if (low) return `${low} weights`;
  return dominantType(ir.constants.byElementType, ['f32', 'f16', 'bf16']) ?? 'unknown';
}

function onnxCompression(g: OnnxGraphInfo): string {
  const q = g.quantization;
  if (q.matMulNBits) return `int${q.bits.join('/')} MatMulNBits${q.blockSizes.length ? ` b${q.blockSizes.join('/')}` : ''}`;
  if (q.dequantizeLinear && Object.keys(q.dequantizeTypes).length) {
    const types = Object.keys(q.dequantizeTypes).sort().join('/');
    return `${types} DequantizeLinear${q.dequantizeBlockSizes.length ? ` b${q.dequantizeBlockSizes.join('/')}` : ''}`;
  }
  if (q.matMulInteger || q.dynamicQuantizeLinear) return 'int8 dynamic (MatMulInteger)';
  if (q.qLinearMatMul) return 'int8 static (QLinearMatMul)';
  const t = dominantType(g.initializers.byType, ['float32', 'float16', 'bfloat16', 'float64']);
  return t === 'float32' ? 'fp32' : t === 'float16' ? 'fp16' : (t ?? 'unknown');
}

function graphOf(role: InspectedGraph['role'], file: string, format: ModelFiles['format'], problems: string[]): InspectedGraph {
  if (format === 'openvino-ir') {
    const ir = readIr(file);
    const bin = binOf(file);
    const binBytes = statSync(bin).size;
    if (binBytes < ir.constants.binBytesNeeded) {
      problems.push(`${bin} is ${binBytes} bytes but ${file} reads constants up to byte ${ir.constants.binBytesNeeded}: the .bin is truncated or belongs to another export; re-export`);
    }
    return {
      role, file, format,
      inputs: ir.inputs, outputs: ir.outputs, ops: ir.ops, weights: ir.constants.byElementType,
      stateVariables: ir.stateVariables.length, rtInfo: ir.rtInfo, compression: irCompression(ir),
    };
  }
  const g = inspectOnnxFile(file);
  return {
    role, file, format,
    inputs: g.inputs, outputs: g.outputs, ops: g.ops, weights: g.initializers.byType,
    quantization: g.quantization, opsets: g.opsets, compression: onnxCompression(g),
  };
}

/** Labels joined when graphs differ (`int8 DequantizeLinear / fp32`), encoder first. */
function joinLabels(graphs: InspectedGraph[]): string {
  return [...new Set(graphs.map((g) => g.compression))].join(' / ');
}

export function inspectFiles(files: ModelFiles): InspectReport {
  const problems: string[] = [];
  const roles: [InspectedGraph['role'], string | undefined][] = [
    ['encoder', files.encoder],
    ['decoder', files.decoder],
    ['decoder_with_past', files.decoderWithPast],
  ];
  const graphs = roles.filter((r): r is [InspectedGraph['role'], string] => !!r[1]).map(([role, f]) => graphOf(role, f, files.format, problems));
  const listed: { role: string; path: string }[] = [];
  for (const [role, f] of roles) {
    if (!f) continue;
    listed.push({ role, path: f });
    if (files.format === 'openvino-ir') listed.push({ role: `${role} weights`, path: binOf(f) });
  }
  for (const [role, f] of [['tokenizer', files.tokenizer], ['tokenizer config', files.tokenizerConfig], ['config', files.config], ['generation config', files.generationConfig]] as const) {
    if (f) listed.push({ role, path: f });
  }
  const fileRows = listed.map((f) => ({ role: f.role, path: relative(files.dir, f.path) || f.path, bytes: statSync(f.path).size }));

  let compression: Compression;
  if (files.format === 'openvino-ir') {
    const rt = graphs.find((g) => g.role === 'decoder')?.rtInfo ?? {};
    const nncf = rt.nncf && typeof rt.nncf === 'object' && typeof rt.nncf.weight_compression === 'object' ? flatLeaves(rt.nncf.weight_compression) : undefined;
    const versions = { ...flatLeaves(rt.optimum), ...(typeof rt.Runtime_version === 'string' ? { Runtime_version: rt.Runtime_version } : {}) };
    compression = { label: joinLabels(graphs), source: nncf ? 'nncf rt_info' : 'ir weights', ...(nncf ? { nncf } : {}), ...(Object.keys(versions).length ? { versions } : {}) };
  } else {
    compression = { label: joinLabels(graphs), source: 'onnx graph' };
  }
  return {
    dir: files.dir,
    layout: files.layout,
    format: files.format,
    files: fileRows,
    totalBytes: fileRows.reduce((s, f) => s + f.bytes, 0),
    graphs,
    compression,
    problems,
  };
}

export function inspectModel(dir: string): InspectReport {
  return inspectFiles(detectLayout(dir, 'mtgate inspect'));
}

/** The short label the run record carries for a variant; never fails a run. */
export function compressionLabel(files: ModelFiles): string | undefined {
  try {
    return inspectFiles(files).compression.label;
  } catch {
    return undefined;
  }
}
