/**
 * A FAKE openvino-node for tests on machines without the OpenVINO runtime
 * (this one: the runtime cannot be downloaded here). It implements the part
 * of openvino-node's typed interface the engine uses and runs the graphs
 * through onnxruntime-node underneath, so outputs are real. It also enforces
 * the binding's traps, failing where the real binding would misbehave:
 * tensors must be passed by name, i64 data must be BigInt64Array, typed
 * arrays must own their whole buffer, element counts must match shapes, and
 * reshaped (static) inputs must arrive at exactly the static shape. Every
 * compileModel config is logged so tests can check each one is complete.
 *
 * "Stateful" decoders are emulated on the plain ONNX decoder: the request
 * keeps the token prefix as its state and needs beam_idx, like an
 * optimum-intel stateful IR decoder. "With-past" pairs are emulated the same
 * way under the stateless protocol: the first decoder returns present.0.*
 * tensors (the prefix as decoder.*, the encoder states as encoder.*), and the
 * with-past decoder must be given them back as past_key_values.0.* with only
 * the new token — the KV-cache hand-over an optimum export needs.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import type { OpenVino } from '../../src/engines/openvino/binding.js';

export interface FakeOpenVinoOptions {
  version?: string;
  /** What getAvailableDevices() lists (default CPU only). */
  devices?: string[];
  /** Device asked for → device the compiled model reports in EXECUTION_DEVICES (fallback). */
  runsOn?: Record<string, string>;
  /** Per device property values for getProperty(device, name). */
  properties?: Record<string, Record<string, string | number>>;
  /** Model paths to treat as optimum-intel stateful decoders. */
  stateful?: string[];
  /** Emulated stateless KV-cache pair: the first-step decoder and the with-past decoder (any copies of the ONNX decoder). */
  withPast?: { first: string; next: string };
}

type Role = 'plain' | 'stateful' | 'past-first' | 'past-next';
const PRESENT = ['present.0.decoder.key', 'present.0.decoder.value', 'present.0.encoder.key', 'present.0.encoder.value'];
const PAST_INPUTS = PRESENT.map((n) => n.replace('present', 'past_key_values'));

export interface FakeLog {
  compiles: { path: string; device: string; config: Record<string, unknown>; reshaped: boolean }[];
  reshapes: { path: string; shapes: Record<string, string> }[];
  infers: number;
}

type ElementType = 'i64' | 'i32' | 'f32';
type Data = BigInt64Array | Int32Array | Float32Array;
const ARRAY_OF: Record<ElementType, new (n: number) => Data> = { i64: BigInt64Array, i32: Int32Array, f32: Float32Array };
const ORT_TYPE: Record<ElementType, 'int64' | 'int32' | 'float32'> = { i64: 'int64', i32: 'int32', f32: 'float32' };
const I64_INPUTS = new Set(['input_ids', 'attention_mask', 'encoder_attention_mask', 'decoder_attention_mask', 'cache_position']);

class FakeTensor {
  private readonly buffer: Data;
  constructor(
    private readonly type: ElementType,
    private readonly shape: number[],
    data?: Data,
  ) {
    const size = shape.reduce((a, b) => a * b, 1);
    if (!ARRAY_OF[type]) throw new Error(`fake openvino: unsupported element type ${type}`);
    if (data) {
      if (!(data instanceof ARRAY_OF[type])) throw new TypeError(`fake openvino: ${type} tensor needs a ${ARRAY_OF[type].name}, got ${data.constructor.name}`);
      if (data.byteOffset !== 0 || data.byteLength !== data.buffer.byteLength) {
        throw new TypeError('fake openvino: the typed array must own its whole ArrayBuffer (the binding wraps the buffer, not the view)');
      }
      if (data.length !== size) throw new RangeError(`fake openvino: ${data.length} elements for shape [${shape}]`);
      this.buffer = data;
    } else {
      this.buffer = new ARRAY_OF[type](size);
    }
  }
  /** Like the binding: a copy of the tensor memory. */
  get data(): Data {
    return this.buffer.slice();
  }
  getData(): Data {
    return this.data;
  }
  getShape(): number[] {
    return [...this.shape];
  }
  getSize(): number {
    return this.buffer.length;
  }
  getElementType(): ElementType {
    return this.type;
  }
  toOrt(): ort.Tensor {
    return new ort.Tensor(ORT_TYPE[this.type], this.buffer, this.shape);
  }
}

const port = (name: string) => ({ anyName: name, getAnyName: () => name, toString: () => name });

class FakeModel {
  staticShapes = new Map<string, string>();
  constructor(
    readonly path: string,
    readonly session: ort.InferenceSession,
    private readonly log: FakeLog,
    readonly role: Role,
  ) {}
  get stateful(): boolean {
    return this.role === 'stateful';
  }
  get inputs() {
    if (this.role === 'past-next') return ['input_ids', 'encoder_attention_mask', ...PAST_INPUTS].map(port);
    return [...this.session.inputNames, ...(this.stateful ? ['beam_idx'] : [])].map(port);
  }
  get outputs() {
    if (this.role === 'past-first') return ['logits', ...PRESENT].map(port);
    if (this.role === 'past-next') return ['logits', ...PRESENT.slice(0, 2)].map(port);
    return this.session.outputNames.map(port);
  }
  reshape(shapes: Map<string, string>): FakeModel {
    if (!(shapes instanceof Map)) throw new TypeError('fake openvino: reshape takes a Map of input name → shape');
    const names = new Set(this.inputs.map((i) => i.anyName));
    for (const [name, shape] of shapes) {
      if (!names.has(name)) throw new Error(`fake openvino: reshape: no input named ${name}`);
      this.staticShapes.set(name, shape);
    }
    this.log.reshapes.push({ path: this.path, shapes: Object.fromEntries(shapes) });
    return this;
  }
  isDynamic(): boolean {
    return this.staticShapes.size === 0;
  }
}

class FakeInferRequest {
  /** Stateful emulation: the tokens seen so far. */
  private state: bigint[] = [];
  constructor(
    private readonly model: FakeModel,
    private readonly log: FakeLog,
  ) {}

  private check(inputs: Record<string, FakeTensor>): void {
    if (Array.isArray(inputs)) throw new TypeError('fake openvino: inputs must be set by name, not by position');
    const names = new Set(this.model.inputs.map((i) => i.anyName));
    for (const [name, tensor] of Object.entries(inputs)) {
      if (!names.has(name)) throw new Error(`fake openvino: ${this.model.path} has no input named ${name}`);
      if (!(tensor instanceof FakeTensor)) throw new TypeError(`fake openvino: input ${name} is not a Tensor`);
      if (I64_INPUTS.has(name) && tensor.getElementType() !== 'i64') throw new TypeError(`fake openvino: ${name} must be i64`);
      if (name === 'beam_idx' && tensor.getElementType() !== 'i32') throw new TypeError('fake openvino: beam_idx must be i32');
      const fixed = this.model.staticShapes.get(name);
      if (fixed) {
        const dims = fixed.replace(/[[\]\s]/g, '').split(',');
        const shape = tensor.getShape();
        if (dims.length !== shape.length || dims.some((d, i) => d !== '?' && d !== '-1' && Number(d) !== shape[i])) {
          throw new Error(`fake openvino: ${name} has shape [${shape}] but the model was reshaped to ${fixed}`);
        }
      }
    }
    for (const name of names) if (!(name in inputs)) throw new Error(`fake openvino: input ${name} of ${this.model.path} was not set`);
  }

  /** Stateless KV protocol: the prefix and the encoder states travel in present.* / past_key_values.*. */
  private async inferWithPast(inputs: Record<string, FakeTensor>): Promise<Record<string, FakeTensor>> {
    let prefix: bigint[];
    let hidden: FakeTensor;
    const fresh = [...(inputs.input_ids.data as BigInt64Array)];
    if (inputs.input_ids.getShape()[1] !== 1) throw new Error('fake openvino: a KV-cache decoder takes one new token per step');
    if (this.model.role === 'past-first') {
      prefix = fresh;
      hidden = inputs.encoder_hidden_states;
    } else {
      prefix = [...(inputs['past_key_values.0.decoder.key'].data as Float32Array)].map((x) => BigInt(x)).concat(fresh);
      hidden = inputs['past_key_values.0.encoder.key'];
    }
    const out = await this.model.session.run({
      input_ids: new ort.Tensor('int64', BigInt64Array.from(prefix), [1, prefix.length]),
      encoder_hidden_states: hidden.toOrt(),
      encoder_attention_mask: inputs.encoder_attention_mask.toOrt(),
    });
    const [, t, vocab] = out.logits.dims;
    const result: Record<string, FakeTensor> = {
      logits: new FakeTensor('f32', [1, 1, vocab], (out.logits.data as Float32Array).slice((t - 1) * vocab)),
    };
    const kv = () => new FakeTensor('f32', [1, 1, prefix.length, 1], Float32Array.from(prefix, Number));
    result['present.0.decoder.key'] = kv();
    result['present.0.decoder.value'] = kv();
    if (this.model.role === 'past-first') {
      result['present.0.encoder.key'] = new FakeTensor('f32', hidden.getShape(), hidden.data as Float32Array);
      result['present.0.encoder.value'] = new FakeTensor('f32', hidden.getShape(), hidden.data as Float32Array);
    }
    return result;
  }

  async inferAsync(inputs: Record<string, FakeTensor>): Promise<Record<string, FakeTensor>> {
    this.check(inputs);
    this.log.infers++;
    if (this.model.role === 'past-first' || this.model.role === 'past-next') return this.inferWithPast(inputs);
    const feeds: Record<string, ort.Tensor> = {};
    for (const [name, tensor] of Object.entries(inputs)) if (name !== 'beam_idx') feeds[name] = tensor.toOrt();
    if (this.model.stateful) {
      // The state holds the prefix; each call appends its tokens and returns logits for them only.
      const fresh = [...(inputs.input_ids.data as BigInt64Array)];
      this.state.push(...fresh);
      feeds.input_ids = new ort.Tensor('int64', BigInt64Array.from(this.state), [1, this.state.length]);
    }
    const out = await this.model.session.run(feeds);
    const result: Record<string, FakeTensor> = {};
    for (const [name, t] of Object.entries(out)) {
      let dims = [...t.dims];
      let data = t.data as Float32Array;
      if (this.model.stateful && name === 'logits') {
        const n = (inputs.input_ids.getShape()[1] ?? 1) as number;
        const vocab = dims[2];
        data = data.slice((dims[1] - n) * vocab);
        dims = [1, n, vocab];
      }
      result[name] = new FakeTensor('f32', dims, data.slice());
    }
    return result;
  }
}

class FakeCompiledModel {
  constructor(
    private readonly model: FakeModel,
    private readonly runsOn: string,
    private readonly fromCache: boolean,
    private readonly log: FakeLog,
  ) {}
  get inputs() {
    return this.model.inputs;
  }
  get outputs() {
    return this.model.outputs;
  }
  getProperty(name: string): string | number | boolean | string[] {
    if (name === 'EXECUTION_DEVICES') return [this.runsOn];
    if (name === 'LOADED_FROM_CACHE') return this.fromCache;
    throw new Error(`fake openvino: unsupported compiled-model property ${name}`);
  }
  createInferRequest(): FakeInferRequest {
    return new FakeInferRequest(this.model, this.log);
  }
}

/** A fake openvino-node addon and the log of what the engine asked of it. */
export function fakeOpenVino(options: FakeOpenVinoOptions = {}): { ov: OpenVino; log: FakeLog } {
  const log: FakeLog = { compiles: [], reshapes: [], infers: 0 };
  const devices = options.devices ?? ['CPU'];
  const version = options.version ?? '2026.4.0-fake';
  const stateful = new Set(options.stateful ?? []);
  const roleOf = (path: string): Role =>
    stateful.has(path) ? 'stateful' : path === options.withPast?.first ? 'past-first' : path === options.withPast?.next ? 'past-next' : 'plain';

  async function read(path: string): Promise<FakeModel> {
    if (!existsSync(path)) throw new Error(`fake openvino: model file ${path} not found`);
    return new FakeModel(path, await ort.InferenceSession.create(path), log, roleOf(path));
  }

  class Core {
    getAvailableDevices(): string[] {
      return [...devices];
    }
    getVersions(device: string) {
      const plugin = device.split('.')[0];
      if (!devices.some((d) => d.split('.')[0] === plugin)) throw new Error(`Device with "${device}" name is not registered in the OpenVINO Runtime`);
      return { [plugin]: { buildNumber: version, description: `fake ${plugin} plugin` } };
    }
    getProperty(device: string, name: string): string | number {
      const value = options.properties?.[device]?.[name];
      if (value === undefined) throw new Error(`fake openvino: ${device} does not support property ${name}`);
      return value;
    }
    async readModel(path: string): Promise<FakeModel> {
      return read(path);
    }
    async compileModel(modelOrPath: FakeModel | string, device: string, config: Record<string, unknown> = {}): Promise<FakeCompiledModel> {
      const model = typeof modelOrPath === 'string' ? await read(modelOrPath) : modelOrPath;
      const physical = device.includes(':') ? device.split(':')[1].split(',') : device === 'AUTO' ? devices : [device];
      for (const d of physical) {
        if (!devices.includes(d)) throw new Error(`Device with "${d}" name is not registered in the OpenVINO Runtime`);
      }
      log.compiles.push({ path: model.path, device, config: { ...config }, reshaped: !model.isDynamic() });
      let fromCache = false;
      if (typeof config.CACHE_DIR === 'string') {
        // Like OpenVINO: a blob per (model, device, shapes, config) inside the folder.
        const key = createHash('sha256')
          .update(JSON.stringify([model.path, device, [...model.staticShapes], Object.entries(config).filter(([k]) => k !== 'CACHE_DIR')]))
          .digest('hex');
        const blob = join(config.CACHE_DIR, `${key.slice(0, 16)}.blob`);
        fromCache = existsSync(blob);
        if (!fromCache) {
          mkdirSync(config.CACHE_DIR, { recursive: true });
          writeFileSync(blob, 'compiled');
        }
      }
      return new FakeCompiledModel(model, options.runsOn?.[device] ?? physical[0], fromCache, log);
    }
  }

  const addon = {
    Core,
    Tensor: FakeTensor,
    getOpenvinoVersion: () => ({ buildNumber: version, description: 'FAKE OpenVINO (onnxruntime-node underneath)' }),
  };
  return { ov: addon as unknown as OpenVino, log };
}
