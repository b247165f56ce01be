/**
 * Reads an OpenVINO IR (.xml) without the OpenVINO runtime: parameters,
 * results, op histogram, constants (element type, byte size, offset into the
 * .bin), state variables (ReadValue/Assign of stateful decoders) and the
 * model-level <rt_info> block where optimum-intel and NNCF record how the
 * model was exported and compressed.
 *
 * The IR v10/v11 structure read here is OpenVINO's serializer output:
 * <net><layers><layer type=... ><data .../><input|output><port names precision><dim/>...
 * </layers><edges><edge from-layer from-port to-layer to-port/></edges><rt_info>...</rt_info></net>.
 */
import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { UsageError } from '../../errors.js';

export interface IrTensor {
  name: string;
  /** OpenVINO element type as the IR writes it: i64, f32, f16, ... */
  elementType: string;
  /** Dimensions; -1 (or '?') is dynamic, printed as '?'. */
  shape: (number | string)[];
}

/** <rt_info> as nested keys; leaves are the `value` attributes. */
export interface RtInfo {
  [key: string]: string | RtInfo;
}

export interface IrConstants {
  count: number;
  /** Element type → number of constants and their bytes in the .bin. */
  byElementType: Record<string, { count: number; bytes: number }>;
  /** The largest offset + size: the .bin must be at least this long. */
  binBytesNeeded: number;
}

export interface IrModel {
  file: string;
  irVersion: number;
  name: string;
  inputs: IrTensor[];
  outputs: IrTensor[];
  layerCount: number;
  ops: Record<string, number>;
  constants: IrConstants;
  /** variable_id of ReadValue layers: the KV cache held as state in stateful exports. */
  stateVariables: string[];
  rtInfo: RtInfo;
}

interface XmlPort {
  id?: string;
  precision?: string;
  names?: string;
  dim?: (string | number | { '#text': string })[];
}
interface XmlLayer {
  id: string;
  name: string;
  type: string;
  data?: Record<string, string>;
  input?: { port?: XmlPort[] };
  output?: { port?: XmlPort[] };
}
interface XmlNet {
  name?: string;
  version?: string;
  layers?: { layer?: XmlLayer[] };
  edges?: { edge?: { 'from-layer': string; 'from-port': string; 'to-layer': string; 'to-port': string }[] };
  rt_info?: Record<string, unknown>;
}

const ALWAYS_ARRAYS = ['net.layers.layer', 'net.edges.edge'];
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  isArray: (_tag, jPath) => {
    const path = String(jPath);
    return ALWAYS_ARRAYS.includes(path) || (path.startsWith('net.layers.layer.') && (path.endsWith('.port') || path.endsWith('.dim')));
  },
});

/** Port precisions (FP32, I64, ...) in the element-type spelling of <data element_type>. */
const PRECISION_TO_ELEMENT: Record<string, string> = {
  FP64: 'f64', FP32: 'f32', FP16: 'f16', BF16: 'bf16', I64: 'i64', I32: 'i32', I16: 'i16', I8: 'i8', I4: 'i4',
  U64: 'u64', U32: 'u32', U16: 'u16', U8: 'u8', U4: 'u4', U1: 'u1', BOOL: 'boolean', BOOLEAN: 'boolean', NF4: 'nf4',
};

function elementOfPrecision(precision: string | undefined): string {
  if (!precision) return 'dynamic';
  return PRECISION_TO_ELEMENT[precision.toUpperCase()] ?? precision.toLowerCase();
}

function portDims(port: XmlPort | undefined): (number | string)[] {
  return (port?.dim ?? []).map((d) => {
    const text = typeof d === 'object' ? d['#text'] : String(d);
    const n = Number(text);
    return Number.isInteger(n) && n >= 0 ? n : '?';
  });
}

/** `shape="?,1024"` or `"-1,1024"` or `"..."`; port dims are the fallback. */
function parseShape(shape: string | undefined, port: XmlPort | undefined): (number | string)[] {
  if (shape === undefined) return portDims(port);
  if (shape.trim() === '') return [];
  return shape.split(',').map((s) => {
    const n = Number(s.trim());
    return Number.isInteger(n) && n >= 0 ? n : s.trim() === '-1' ? '?' : s.trim();
  });
}

/** Port `names` is a comma-separated list in which a literal comma is written `\,`. */
function firstName(names: string | undefined): string | undefined {
  if (!names) return undefined;
  return names.split(/(?<!\\),/)[0].replace(/\\,/g, ',').trim() || undefined;
}

function toRtInfo(node: unknown): RtInfo {
  const out: RtInfo = {};
  if (node === null || typeof node !== 'object') return out;
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const v = value as Record<string, unknown>;
      const keys = Object.keys(v);
      out[key] = keys.length === 1 && keys[0] === 'value' ? String(v.value) : toRtInfo(v);
    } else if (Array.isArray(value)) {
      // The same key twice: keep the last, as OpenVINO's reader does.
      const last = value[value.length - 1] as Record<string, unknown> | undefined;
      if (last && typeof last === 'object') out[key] = 'value' in last && Object.keys(last).length === 1 ? String(last.value) : toRtInfo(last);
    } else if (key === 'value') {
      // A bare <key value=".."/> at this level is handled by the parent.
    } else if (value !== '') {
      out[key] = String(value);
    }
  }
  return out;
}

export function parseIr(xml: string, file: string): IrModel {
  let doc: { net?: XmlNet };
  try {
    doc = parser.parse(xml) as { net?: XmlNet };
  } catch (err) {
    throw new UsageError(`${file}: not a readable OpenVINO IR XML file (${(err as Error).message.split('\n')[0]}); re-export the model`);
  }
  const net = doc.net;
  if (!net || !net.layers) throw new UsageError(`${file}: no <net><layers> element, so this is not an OpenVINO IR file; re-export the model`);
  const layers = net.layers.layer ?? [];
  const byId = new Map(layers.map((l) => [l.id, l]));
  const ops: Record<string, number> = {};
  const constants: IrConstants = { count: 0, byElementType: {}, binBytesNeeded: 0 };
  const inputs: IrTensor[] = [];
  const stateVariables: string[] = [];
  for (const layer of layers) {
    ops[layer.type] = (ops[layer.type] ?? 0) + 1;
    if (layer.type === 'Parameter') {
      const port = layer.output?.port?.[0];
      inputs.push({ name: firstName(port?.names) ?? layer.name, elementType: layer.data?.element_type ?? elementOfPrecision(port?.precision), shape: parseShape(layer.data?.shape, port) });
    } else if (layer.type === 'Const') {
      const et = layer.data?.element_type ?? 'unknown';
      const size = Number(layer.data?.size ?? 0);
      const offset = Number(layer.data?.offset ?? 0);
      constants.count++;
      const slot = (constants.byElementType[et] ??= { count: 0, bytes: 0 });
      slot.count++;
      slot.bytes += size;
      constants.binBytesNeeded = Math.max(constants.binBytesNeeded, offset + size);
    } else if (layer.type === 'ReadValue' && layer.data?.variable_id) {
      stateVariables.push(layer.data.variable_id);
    }
  }
  // A Result's tensor name is the name of the output port that feeds it.
  const outputs: IrTensor[] = [];
  for (const layer of layers.filter((l) => l.type === 'Result')) {
    const edge = net.edges?.edge?.find((e) => e['to-layer'] === layer.id);
    const from = edge ? byId.get(edge['from-layer']) : undefined;
    const fromPort = from?.output?.port?.find((p) => p.id === edge?.['from-port']);
    const inPort = layer.input?.port?.[0];
    outputs.push({
      name: firstName(fromPort?.names) ?? firstName(inPort?.names) ?? layer.name,
      elementType: elementOfPrecision(inPort?.precision ?? fromPort?.precision),
      shape: portDims(inPort ?? fromPort),
    });
  }
  return {
    file,
    irVersion: Number(net.version ?? 0),
    name: net.name ?? '',
    inputs,
    outputs,
    layerCount: layers.length,
    ops,
    constants,
    stateVariables,
    rtInfo: toRtInfo(net.rt_info),
  };
}

export function readIr(file: string): IrModel {
  let xml: string;
  try {
    xml = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`${file}: cannot read the IR file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); check the path`);
  }
  return parseIr(xml, file);
}

/** A value at a path in rt_info (['nncf', 'weight_compression', 'mode']), when it is a leaf. */
export function rtValue(rt: RtInfo, path: string[]): string | undefined {
  let node: string | RtInfo | undefined = rt;
  for (const key of path) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = node[key];
  }
  return typeof node === 'string' ? node : undefined;
}
