/**
 * OpenVINO engine (openvino-node). Runs optimum-intel IR exports (stateful
 * decoder with the KV cache as state, or the stateless with-past layout) and
 * plain ONNX exports, which OpenVINO reads directly, on CPU, GPU, NPU, AUTO
 * and HETERO. Typed against openvino-node's own .d.ts; the binding is loaded
 * lazily (see ./openvino/binding.ts), so this file costs nothing when no
 * OpenVINO variant runs.
 *
 * The binding's traps this code is written around:
 * - every compileModel call gets the whole config, CACHE_DIR included (the
 *   async compile path does not see properties set on the Core);
 * - inputs are passed by name, never by position;
 * - every typed array handed to a Tensor is freshly allocated and owns its
 *   whole buffer (the binding wraps the ArrayBuffer, not the view);
 * - i64 inputs are BigInt64Array; beam_idx is i32.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { UsageError } from '../errors.js';
import type { ModelFiles } from '../models/layouts/detect.js';
import {
  loadOpenVino,
  OpenVinoUnavailable,
  type BindingLoader,
  type OpenVino,
  type OvAny,
  type OvCompiledModel,
  type OvCore,
  type OvInferRequest,
  type OvTensor,
} from './openvino/binding.js';
import { IDENTITY_PROPERTIES, parseExecutionDevices, physicalDevices, readProperty } from './openvino/devices.js';
import type { DecoderRun, EncodedSource, Engine, EngineAvailability, LoadedModel, LoadOptions, LoadTimings, PaddingCost } from './engine.js';

type StaticShape = NonNullable<LoadOptions['staticShape']>;

/** Engine options that are mtgate's, not OpenVINO properties. */
const MTGATE_OPTIONS = new Set(['CACHE_DIR']);

/** The compile config every compileModel call gets, whole (see the traps above). */
export function compileConfig(options: Record<string, unknown>, cacheDir: string | undefined): Record<string, OvAny> {
  const config: Record<string, OvAny> = {};
  for (const [key, value] of Object.entries(options)) {
    if (MTGATE_OPTIONS.has(key) || value === undefined) continue;
    config[key] = typeof value === 'number' || typeof value === 'boolean' ? value : String(value);
  }
  if (cacheDir) config.CACHE_DIR = cacheDir;
  return config;
}

function int64(values: readonly number[], length = values.length, fill = 0): BigInt64Array {
  const out = new BigInt64Array(length).fill(BigInt(fill));
  for (let i = 0; i < values.length; i++) out[i] = BigInt(values[i]);
  return out;
}

/** A copy that owns its whole buffer (tensor.data already copies; this guards views). */
function owned<T extends Float32Array>(data: T): T {
  return data.byteOffset === 0 && data.byteLength === data.buffer.byteLength ? data : (data.slice() as T);
}

function readPadTokenId(configPath: string): number {
  try {
    const id = (JSON.parse(readFileSync(configPath, 'utf8')) as { pad_token_id?: unknown }).pad_token_id;
    return typeof id === 'number' ? id : 1;
  } catch {
    return 1;
  }
}

function inputNames(compiled: OvCompiledModel): Set<string> {
  return new Set(compiled.inputs.map((i) => i.anyName));
}

function logitsOf(outputs: Record<string, OvTensor>): OvTensor {
  const t = outputs.logits ?? Object.values(outputs)[0];
  if (!t) throw new Error('the decoder returned no outputs');
  return t;
}

/** Logits of position `row` of a [1, T, V] output, as an array of its own. */
function logitsRow(t: OvTensor, row: number): Float32Array {
  const shape = t.getShape();
  const vocab = shape[shape.length - 1];
  const data = t.data as Float32Array;
  return data.slice(row * vocab, (row + 1) * vocab);
}

type DecoderKind = 'prefix' | 'stateful' | 'with-past';

interface OvEncoded extends EncodedSource {
  hidden: OvTensor;
  mask: OvTensor;
}

class OpenVinoSeq2Seq implements LoadedModel {
  readonly decodingMode: LoadedModel['decodingMode'];
  readonly padding: PaddingCost = { sourceTokens: 0, sourcePositions: 0, targetTokens: 0, targetPositions: 0 };
  private readonly encoderRequest: OvInferRequest;
  private readonly decoderInputs: Set<string>;
  private readonly encoderHasMask: boolean;

  constructor(
    private readonly ov: OpenVino,
    private readonly encoder: OvCompiledModel,
    private readonly decoder: OvCompiledModel,
    private readonly decoderWithPast: OvCompiledModel | undefined,
    private readonly kind: DecoderKind,
    private readonly padTokenId: number,
    private readonly staticShape: StaticShape | undefined,
  ) {
    this.decodingMode = { kvCache: kind !== 'prefix', ...(staticShape ? { staticShape } : {}) };
    this.encoderRequest = encoder.createInferRequest();
    this.decoderInputs = inputNames(decoder);
    this.encoderHasMask = inputNames(encoder).has('attention_mask');
  }

  async encode(sourceIds: readonly number[]): Promise<OvEncoded> {
    const n = sourceIds.length;
    const width = this.staticShape?.sourceLength ?? n;
    if (n > width) {
      throw new UsageError(
        `source has ${n} tokens, more than static_shape.source_length ${width}; raise source_length (mtgate never truncates inputs)`,
      );
    }
    this.padding.sourceTokens += n;
    this.padding.sourcePositions += width;
    const mask = new this.ov.Tensor('i64', [1, width], int64(new Array<number>(n).fill(1), width, 0));
    const ids = new this.ov.Tensor('i64', [1, width], int64(sourceIds, width, this.padTokenId));
    const out = await this.encoderRequest.inferAsync(this.encoderHasMask ? { input_ids: ids, attention_mask: mask } : { input_ids: ids });
    const last = out.last_hidden_state ?? Object.values(out)[0];
    // The request's output memory is reused by the next sentence: keep a copy.
    const hidden = new this.ov.Tensor('f32', last.getShape(), owned(last.data as Float32Array));
    return { sourceLength: n, hidden, mask };
  }

  startDecoder(source: EncodedSource): DecoderRun {
    const encoded = source as OvEncoded;
    if (this.kind === 'stateful') return this.statefulRun(encoded);
    if (this.kind === 'with-past') return this.withPastRun(encoded);
    return this.prefixRun(encoded);
  }

  /** Inputs every decoder variant shares, set by name where the graph has them. */
  private commonInputs(names: Set<string>, encoded: OvEncoded, prefixLength: number): Record<string, OvTensor> {
    const inputs: Record<string, OvTensor> = {};
    if (names.has('encoder_hidden_states')) inputs.encoder_hidden_states = encoded.hidden;
    if (names.has('encoder_attention_mask')) inputs.encoder_attention_mask = encoded.mask;
    if (names.has('beam_idx')) inputs.beam_idx = new this.ov.Tensor('i32', [1], new Int32Array([0]));
    if (names.has('cache_position')) inputs.cache_position = new this.ov.Tensor('i64', [1], int64([prefixLength - 1]));
    return inputs;
  }

  private checkTarget(t: number): void {
    const limit = this.staticShape?.targetLength;
    if (limit !== undefined && t > limit) {
      throw new UsageError(
        `decoder input reached ${t} tokens, more than static_shape.target_length ${limit}; raise target_length to at least decoding.max_length`,
      );
    }
  }

  /** No cache: the whole prefix every step (padded to the static length when there is one). */
  private prefixRun(encoded: OvEncoded): DecoderRun {
    const prefix: number[] = [];
    const self = this;
    return {
      async step(tokenId: number): Promise<Float32Array> {
        prefix.push(tokenId);
        const t = prefix.length;
        self.checkTarget(t);
        const width = self.staticShape?.targetLength ?? t;
        self.padding.targetTokens += t;
        self.padding.targetPositions += width;
        // A stateful graph run without its cache: a fresh request (empty state) per step.
        const request = self.decoder.createInferRequest();
        const inputs = self.commonInputs(self.decoderInputs, encoded, t);
        inputs.input_ids = new self.ov.Tensor('i64', [1, width], int64(prefix, width, self.padTokenId));
        if (self.decoderInputs.has('decoder_attention_mask')) {
          inputs.decoder_attention_mask = new self.ov.Tensor('i64', [1, width], int64(new Array<number>(t).fill(1), width, 0));
        }
        const out = await request.inferAsync(inputs);
        return logitsRow(logitsOf(out), t - 1);
      },
      dispose() {
        prefix.length = 0;
      },
    };
  }

  /** optimum-intel stateful decoder: the KV cache lives in the request's state; a fresh request per sentence resets it. */
  private statefulRun(encoded: OvEncoded): DecoderRun {
    const request = this.decoder.createInferRequest();
    let t = 0;
    const self = this;
    return {
      async step(tokenId: number): Promise<Float32Array> {
        t++;
        self.padding.targetTokens += 1;
        self.padding.targetPositions += 1;
        const inputs = self.commonInputs(self.decoderInputs, encoded, t);
        inputs.input_ids = new self.ov.Tensor('i64', [1, 1], int64([tokenId]));
        if (self.decoderInputs.has('decoder_attention_mask')) {
          inputs.decoder_attention_mask = new self.ov.Tensor('i64', [1, t], int64(new Array<number>(t).fill(1)));
        }
        const out = await request.inferAsync(inputs);
        return logitsRow(logitsOf(out), 0);
      },
      dispose() {
        t = 0;
      },
    };
  }

  /** Stateless with-past: the first step runs the plain decoder, later ones feed present.* back as past_key_values.*. */
  private withPastRun(encoded: OvEncoded): DecoderRun {
    const withPast = this.decoderWithPast as OvCompiledModel;
    const pastNames = inputNames(withPast);
    const first = this.decoder.createInferRequest();
    const next = withPast.createInferRequest();
    const past = new Map<string, OvTensor>();
    let t = 0;
    const self = this;
    const keep = (out: Record<string, OvTensor>) => {
      for (const [name, tensor] of Object.entries(out)) {
        if (!name.startsWith('present')) continue;
        // Outputs live in the request's memory, which the next step overwrites.
        past.set(name.replace(/^present/, 'past_key_values'), new self.ov.Tensor('f32', tensor.getShape(), owned(tensor.data as Float32Array)));
      }
    };
    return {
      async step(tokenId: number): Promise<Float32Array> {
        t++;
        self.padding.targetTokens += 1;
        self.padding.targetPositions += 1;
        const ids = new self.ov.Tensor('i64', [1, 1], int64([tokenId]));
        let out: Record<string, OvTensor>;
        if (t === 1) {
          out = await first.inferAsync({ ...self.commonInputs(self.decoderInputs, encoded, t), input_ids: ids });
        } else {
          const inputs = self.commonInputs(pastNames, encoded, t);
          inputs.input_ids = ids;
          for (const name of pastNames) {
            if (!name.startsWith('past_key_values')) continue;
            const tensor = past.get(name);
            if (!tensor) throw new Error(`the decoder gave no ${name.replace(/^past_key_values/, 'present')} for the with-past decoder's ${name}`);
            inputs[name] = tensor;
          }
          out = await next.inferAsync(inputs);
        }
        keep(out);
        return logitsRow(logitsOf(out), 0);
      },
      dispose() {
        past.clear();
      },
    };
  }

  async dispose(): Promise<void> {
    // openvino-node frees compiled models and requests with their JS objects.
  }
}

/** Files in the cache folder, to tell written from nothing-cached when LOADED_FROM_CACHE is unreadable. */
function cacheEntries(dir: string | undefined): number {
  if (!dir) return 0;
  try {
    return readdirSync(dir).length;
  } catch {
    return 0;
  }
}

function compiledFromCache(compiled: OvCompiledModel): boolean | undefined {
  try {
    const v = compiled.getProperty('LOADED_FROM_CACHE');
    return v === true || v === 'YES' || v === 'true' || v === 1;
  } catch {
    return undefined;
  }
}

function executionDevices(compiled: OvCompiledModel): string[] {
  try {
    return parseExecutionDevices(compiled.getProperty('EXECUTION_DEVICES'));
  } catch {
    return [];
  }
}

const ENCODER_INPUTS = new Set(['input_ids', 'attention_mask']);
const DECODER_INPUTS = new Set(['input_ids', 'encoder_hidden_states', 'encoder_attention_mask', 'beam_idx', 'cache_position', 'decoder_attention_mask']);

/**
 * OpenVINO runs a request whose input was never set on whatever the tensor
 * holds; an input this engine does not know how to feed is refused instead.
 */
function checkInputs(path: string, compiled: OvCompiledModel, known: Set<string>, past: boolean): void {
  const unknown = [...inputNames(compiled)].filter((n) => !known.has(n) && !(past && n.startsWith('past_key_values')));
  if (unknown.length) {
    throw new UsageError(`${path}: inputs ${unknown.join(', ')} are not ones mtgate feeds (it feeds ${[...known].join(', ')}${past ? ', past_key_values.*' : ''}); is this an M2M-100/NLLB/Marian export?`);
  }
}

function decoderKind(files: ModelFiles, kvCache: boolean, staticShape: StaticShape | undefined): DecoderKind {
  if (files.layout === 'onnx-merged') {
    throw new UsageError(
      `${files.dir}: the merged ONNX decoder (use_cache_branch) is not supported by the openvino engine; export without --merged or as OpenVINO IR`,
    );
  }
  if (files.layout === 'openvino-ir-stateful') {
    if (staticShape && kvCache) {
      throw new UsageError(
        `${files.dir}: static shapes need a fixed-size KV cache, which the stateful decoder does not have; set kv_cache: false, or export with --disable-stateful`,
      );
    }
    return kvCache ? 'stateful' : 'prefix';
  }
  // Static shapes re-run the padded prefix: a growing past cache has no fixed shape.
  if (kvCache && !staticShape && files.decoderWithPast) return 'with-past';
  return 'prefix';
}

/** Static input shapes, set on the graph before compiling (NPU compiles static graphs only). */
function staticEncoderShapes(shape: StaticShape): Map<string, string> {
  const s = `[1,${shape.sourceLength}]`;
  return new Map([
    ['input_ids', s],
    ['attention_mask', s],
  ]);
}

function staticDecoderShapes(shape: StaticShape, names: Set<string>, hidden: number | undefined): Map<string, string> {
  const m = new Map<string, string>([['input_ids', `[1,${shape.targetLength}]`]]);
  if (names.has('encoder_attention_mask')) m.set('encoder_attention_mask', `[1,${shape.sourceLength}]`);
  if (names.has('encoder_hidden_states')) m.set('encoder_hidden_states', `[1,${shape.sourceLength},${hidden ?? '?'}]`);
  if (names.has('decoder_attention_mask')) m.set('decoder_attention_mask', `[1,${shape.targetLength}]`);
  if (names.has('beam_idx')) m.set('beam_idx', '[1]');
  return m;
}

function hiddenSize(configPath: string): number | undefined {
  try {
    const c = JSON.parse(readFileSync(configPath, 'utf8')) as { d_model?: number; hidden_size?: number };
    return c.d_model ?? c.hidden_size;
  } catch {
    return undefined;
  }
}

export function createOpenVinoEngine(loader: BindingLoader = loadOpenVino, name = 'openvino'): Engine {
  const withCore = async <T>(fn: (ov: OpenVino, core: OvCore) => T): Promise<T> => {
    const ov = await loader();
    return fn(ov, new ov.Core());
  };

  return {
    name,

    async availability(): Promise<EngineAvailability> {
      try {
        const ov = await loader();
        return { available: true, version: ov.getOpenvinoVersion().buildNumber };
      } catch (err) {
        return { available: false, reason: err instanceof OpenVinoUnavailable ? err.message : String(err) };
      }
    },

    async devices() {
      return withCore((_ov, core) => core.getAvailableDevices());
    },

    async fingerprint(device: string) {
      return withCore((ov, core) => {
        const out: Record<string, string> = { runtime_version: ov.getOpenvinoVersion().buildNumber, device };
        const available = core.getAvailableDevices();
        const physical = physicalDevices(device, available);
        for (const d of physical) {
          const prefix = physical.length > 1 || d !== device ? `${d}.` : '';
          for (const [property, key] of Object.entries(IDENTITY_PROPERTIES)) {
            const value = readProperty(core, d, property);
            if (value !== undefined) out[`${prefix}${key}`] = value;
          }
          try {
            const plugin = core.getVersions(d)[d.split('.')[0]] ?? Object.values(core.getVersions(d))[0];
            if (plugin) out[`${prefix}plugin_version`] = plugin.buildNumber;
          } catch {
            // Not a device this runtime has a plugin for; load() says so.
          }
        }
        return out;
      });
    },

    async load(files: ModelFiles, opts: LoadOptions) {
      const ov = await loader();
      const core = new ov.Core();
      const { device, staticShape } = opts;
      const kind = decoderKind(files, opts.kvCache ?? true, staticShape);
      const config = compileConfig(opts.options, opts.cacheDir);
      const cacheBefore = cacheEntries(opts.cacheDir);
      let readMs = 0;
      let compileMs = 0;
      const fromCache: (boolean | undefined)[] = [];
      const devices = new Set<string>();

      const compile = async (path: string, shapes?: (names: Set<string>) => Map<string, string>): Promise<OvCompiledModel> => {
        let compiled: OvCompiledModel;
        try {
          if (shapes) {
            const r0 = performance.now();
            const model = await core.readModel(path);
            model.reshape(shapes(new Set(model.inputs.map((i) => i.anyName))));
            readMs += performance.now() - r0;
            const c0 = performance.now();
            compiled = await core.compileModel(model, device, { ...config });
            compileMs += performance.now() - c0;
          } else {
            // By path: with a warm cache OpenVINO skips reading the model at all.
            const c0 = performance.now();
            compiled = await core.compileModel(path, device, { ...config });
            compileMs += performance.now() - c0;
          }
        } catch (err) {
          const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
          throw new Error(`OpenVINO could not compile ${path} for ${device}: ${message}`);
        }
        fromCache.push(compiledFromCache(compiled));
        for (const d of executionDevices(compiled)) devices.add(d);
        return compiled;
      };

      const hidden = hiddenSize(files.config);
      const encoder = await compile(files.encoder, staticShape ? () => staticEncoderShapes(staticShape) : undefined);
      const decoder = await compile(files.decoder, staticShape ? (names) => staticDecoderShapes(staticShape, names, hidden) : undefined);
      const decoderWithPast = kind === 'with-past' && files.decoderWithPast ? await compile(files.decoderWithPast) : undefined;
      checkInputs(files.encoder, encoder, ENCODER_INPUTS, false);
      checkInputs(files.decoder, decoder, DECODER_INPUTS, false);
      if (decoderWithPast) checkInputs(files.decoderWithPast!, decoderWithPast, DECODER_INPUTS, true);
      if (kind === 'with-past' && !decoderWithPast?.inputs.some((i) => i.anyName.startsWith('past_key_values'))) {
        throw new UsageError(`${files.decoderWithPast}: has no past_key_values.* inputs; this is not a with-past decoder`);
      }

      let cache: LoadTimings['cache'] = 'off';
      if (opts.cacheDir) {
        if (fromCache.every((v) => v === true)) cache = 'loaded';
        else if (fromCache.some((v) => v === false) && cacheEntries(opts.cacheDir) > cacheBefore) cache = 'written';
        else if (fromCache.some((v) => v === undefined)) cache = cacheEntries(opts.cacheDir) > cacheBefore ? 'written' : 'loaded';
        // else: LOADED_FROM_CACHE false and nothing written: the device does not cache this model.
      }
      const model = new OpenVinoSeq2Seq(ov, encoder, decoder, decoderWithPast, kind, readPadTokenId(files.config), staticShape);
      const timings: LoadTimings = { readMs, compileMs, cache, executionDevices: [...devices] };
      return { model, timings };
    },
  };
}

export const openVinoEngine: Engine = createOpenVinoEngine();
