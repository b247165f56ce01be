/**
 * A small, deterministic ONNX graph builder on top of onnx-proto.
 *
 * Tensors are stored as little-endian raw_data and everything is emitted in
 * insertion order, so building the same graph twice gives the same bytes.
 */
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

/** ONNX TensorProto.DataType numbers (onnx-proto's enum predates INT4, so keep our own). */
export const DataType = {
  FLOAT: 1,
  UINT8: 2,
  INT8: 3,
  INT32: 6,
  INT64: 7,
  BOOL: 9,
  UINT4: 21,
  INT4: 22,
} as const;
export type DataTypeId = (typeof DataType)[keyof typeof DataType];

/** A dimension: a fixed size or a symbolic name such as `batch_size`. */
export type Dim = number | string;

export type AttributeValue =
  | number
  | string
  | readonly number[]
  | { float: number }
  | { floats: readonly number[] }
  /** A subgraph (If/Loop bodies), from GraphBuilder.toGraph(). */
  | { graph: onnxProto.onnx.IGraphProto };

export interface NodeOptions {
  name?: string;
  domain?: string;
  attributes?: Record<string, AttributeValue>;
}

export interface OpsetImport {
  domain: string;
  version: number;
}

const AttrType = onnxProto.onnx.AttributeProto.AttributeType;

function attribute(name: string, value: AttributeValue): onnxProto.onnx.IAttributeProto {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new Error(`attribute ${name}: ${value} is not an integer; wrap floats as {float: x}`);
    return { name, type: AttrType.INT, i: value };
  }
  if (typeof value === 'string') return { name, type: AttrType.STRING, s: new TextEncoder().encode(value) };
  if ('float' in value) return { name, type: AttrType.FLOAT, f: value.float };
  if ('floats' in value) return { name, type: AttrType.FLOATS, floats: [...value.floats] };
  if ('graph' in value) return { name, type: AttrType.GRAPH, g: value.graph };
  return { name, type: AttrType.INTS, ints: [...(value as readonly number[])] };
}

function shape(dims: readonly Dim[]): onnxProto.onnx.ITensorShapeProto {
  return { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) };
}

/** Little-endian bytes of typed data, independent of the host's byte order. */
export function rawBytes(dataType: DataTypeId, data: ArrayLike<number> | BigInt64Array): Uint8Array {
  switch (dataType) {
    case DataType.FLOAT: {
      const out = new Uint8Array(data.length * 4);
      const view = new DataView(out.buffer);
      for (let i = 0; i < data.length; i++) view.setFloat32(i * 4, Number(data[i]), true);
      return out;
    }
    case DataType.INT64: {
      const out = new Uint8Array(data.length * 8);
      const view = new DataView(out.buffer);
      for (let i = 0; i < data.length; i++) view.setBigInt64(i * 8, BigInt(data[i]), true);
      return out;
    }
    case DataType.INT32: {
      const out = new Uint8Array(data.length * 4);
      const view = new DataView(out.buffer);
      for (let i = 0; i < data.length; i++) view.setInt32(i * 4, Number(data[i]), true);
      return out;
    }
    case DataType.INT8: {
      const out = new Uint8Array(data.length);
      for (let i = 0; i < data.length; i++) out[i] = Number(data[i]) & 0xff;
      return out;
    }
    case DataType.UINT4:
    case DataType.INT4:
      throw new Error('4-bit tensors are packed by the caller; pass their bytes to rawInitializer()');
    case DataType.UINT8:
    case DataType.BOOL: {
      const out = new Uint8Array(data.length);
      for (let i = 0; i < data.length; i++) out[i] = Number(data[i]);
      return out;
    }
  }
}

export class GraphBuilder {
  private readonly nodes: onnxProto.onnx.INodeProto[] = [];
  private readonly initializers: onnxProto.onnx.ITensorProto[] = [];
  private readonly inputs: onnxProto.onnx.IValueInfoProto[] = [];
  private readonly outputs: onnxProto.onnx.IValueInfoProto[] = [];
  private readonly names = new Set<string>();
  /** Names handed out by fresh() and not yet used for a value. */
  private readonly reserved = new Set<string>();
  private readonly counters = new Map<string, number>();

  /** `scope` prefixes every fresh name, so a subgraph's values never shadow its parent's. */
  constructor(
    readonly graphName: string,
    private readonly scope = '',
  ) {}

  /** A fresh value name with the given prefix (`prefix`, then `prefix_1`, ...). */
  fresh(prefix: string): string {
    prefix = this.scope + prefix;
    let n = this.counters.get(prefix) ?? 0;
    let name = n === 0 ? prefix : `${prefix}_${n}`;
    while (this.names.has(name)) {
      n++;
      name = `${prefix}_${n}`;
    }
    this.counters.set(prefix, n + 1);
    this.names.add(name);
    this.reserved.add(name);
    return name;
  }

  input(name: string, elemType: DataTypeId, dims: readonly Dim[]): string {
    this.claim(name);
    this.inputs.push({ name, type: { tensorType: { elemType, shape: shape(dims) } } });
    return name;
  }

  output(name: string, elemType: DataTypeId, dims: readonly Dim[]): void {
    this.outputs.push({ name, type: { tensorType: { elemType, shape: shape(dims) } } });
  }

  /** Adds a constant tensor (an initializer) and returns its name. */
  initializer(name: string, dataType: DataTypeId, dims: readonly number[], data: ArrayLike<number> | BigInt64Array): string {
    const count = dims.reduce((a, b) => a * b, 1);
    if (count !== data.length) throw new Error(`initializer ${name}: dims ${dims.join('x')} need ${count} values, got ${data.length}`);
    this.claim(name);
    this.initializers.push({ name, dataType, dims: [...dims], rawData: rawBytes(dataType, data) });
    return name;
  }

  /**
   * Adds an initializer whose bytes are already laid out (packed 4-bit codes),
   * or that lives in an external data file (`external`: ONNX external data,
   * location relative to the model file).
   */
  rawInitializer(
    name: string,
    dataType: DataTypeId,
    dims: readonly number[],
    data: Uint8Array | { location: string; offset: number; length: number },
  ): string {
    this.claim(name);
    if (data instanceof Uint8Array) {
      this.initializers.push({ name, dataType, dims: [...dims], rawData: data });
    } else {
      this.initializers.push({
        name,
        dataType,
        dims: [...dims],
        dataLocation: onnx.TensorProto.DataLocation.EXTERNAL,
        externalData: [
          { key: 'location', value: data.location },
          { key: 'offset', value: String(data.offset) },
          { key: 'length', value: String(data.length) },
        ],
      });
    }
    return name;
  }

  /** Scalar or 1-D int64 constant, named after its use. */
  int64s(prefix: string, values: readonly number[], scalar = false): string {
    return this.initializer(this.fresh(prefix), DataType.INT64, scalar ? [] : [values.length], values);
  }

  floatScalar(prefix: string, value: number): string {
    return this.initializer(this.fresh(prefix), DataType.FLOAT, [], [value]);
  }

  /** Adds a node; returns its output names (fresh names derived from the op unless given). */
  node(opType: string, inputs: readonly string[], outputs: number | readonly string[] = 1, opts: NodeOptions = {}): string[] {
    const outNames =
      typeof outputs === 'number'
        ? Array.from({ length: outputs }, () => this.fresh(`${opts.name ?? opType}_out`))
        : outputs.map((o) => {
            this.claim(o);
            return o;
          });
    const node: onnxProto.onnx.INodeProto = {
      input: [...inputs],
      output: outNames,
      name: this.fresh(opts.name ?? opType),
      opType,
    };
    if (opts.domain) node.domain = opts.domain;
    if (opts.attributes) node.attribute = Object.entries(opts.attributes).map(([k, v]) => attribute(k, v));
    this.nodes.push(node);
    return outNames;
  }

  /** Single-output convenience form of node(). */
  op(opType: string, inputs: readonly string[], opts: NodeOptions & { output?: string } = {}): string {
    const [out] = this.node(opType, inputs, opts.output ? [opts.output] : 1, opts);
    return out;
  }

  /** The graph as a GraphProto, e.g. an If branch. */
  toGraph(): onnxProto.onnx.IGraphProto {
    return { name: this.graphName, node: this.nodes, initializer: this.initializers, input: this.inputs, output: this.outputs };
  }

  /** Serialized ModelProto. */
  toBytes(
    opsets: readonly OpsetImport[],
    meta: { producerName: string; producerVersion: string; docString?: string; irVersion?: number },
  ): Uint8Array {
    const model: onnxProto.onnx.IModelProto = {
      irVersion: meta.irVersion ?? 8,
      opsetImport: opsets.map((o) => ({ domain: o.domain, version: o.version })),
      producerName: meta.producerName,
      producerVersion: meta.producerVersion,
      docString: meta.docString,
      graph: {
        name: this.graphName,
        node: this.nodes,
        initializer: this.initializers,
        input: this.inputs,
        output: this.outputs,
      },
    };
    return onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish();
  }

  private claim(name: string): void {
    if (this.reserved.delete(name)) return;
    if (this.names.has(name)) throw new Error(`value name ${name} is used twice`);
    this.names.add(name);
  }
}
