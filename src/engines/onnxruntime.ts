/**
 * ONNX Runtime engine (onnxruntime-node, CPU execution provider).
 *
 * Layouts: optimum without past (the decoder re-runs the whole prefix),
 * optimum with past (decoder_model for the first step, then
 * decoder_with_past_model fed its own present.* outputs) and the merged
 * decoder (use_cache_branch false, then true). The KV cache is used when the
 * export has one unless LoadOptions.kvCache is false. present.* tensors are
 * fed back as past_key_values.* as they come out of the session: no copies.
 *
 * Static shapes (LoadOptions.staticShape, as NPUs need): the source is padded
 * to source_length (attention mask 0) and the decoder input to target_length
 * with pad tokens, right-padded so the causal mask hides the padding; the
 * logits are read at the last real position. With the KV cache, the
 * self-attention cache is a fixed target_length buffer masked by
 * decoder_attention_mask — an input NPU-style exports (and synthetic models
 * made with decoderMask) have and optimum's do not: for those, static shapes
 * run without the KV cache (an explicit kvCache: true is refused).
 * Inputs longer than the static lengths are refused, never truncated.
 *
 * Compile cache (LoadOptions.cacheDir): ONNX Runtime's optimized model file,
 * saved at the portable `extended` level (never `all`, whose layout
 * transforms are machine-specific) and loaded when present.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type * as Ort from 'onnxruntime-node';
import { UsageError } from '../errors.js';
import type { ModelFiles } from '../models/layouts/detect.js';
import { checkSession, OPTIMUM_DECODER_IO, OPTIMUM_DECODER_WITH_PAST_IO, OPTIMUM_ENCODER_IO, openSession, type GraphIO } from './onnx-session.js';

/** Optional decoder input (NPU-style static exports, synthetic `decoderMask`): masks a padded self-attention cache. */
const DECODER_MASK = 'decoder_attention_mask';
import type { DecoderRun, EncodedSource, Engine, EngineAvailability, LoadedModel, LoadOptions, LoadTimings } from './engine.js';

type OrtModule = typeof Ort;
let ortModule: OrtModule | undefined;

/** Loaded on first use so that commands that never run a model start fast. */
async function ort(): Promise<OrtModule> {
  ortModule ??= (await import('onnxruntime-node')) as OrtModule;
  return ortModule;
}

const GRAPH_LEVELS = ['disabled', 'basic', 'extended', 'all'] as const;
type GraphLevel = (typeof GRAPH_LEVELS)[number];
/** The level the compile cache is saved at: portable across machines with the same runtime. */
const CACHE_LEVEL: GraphLevel = 'extended';

export interface OnnxRuntimeOptions {
  intraOpNumThreads?: number;
  interOpNumThreads?: number;
  graphOptimizationLevel?: GraphLevel;
  executionMode?: 'sequential' | 'parallel';
  enableCpuMemArena?: boolean;
}

function sessionOptions(opts: Record<string, unknown>): Ort.InferenceSession.SessionOptions {
  const o = opts as OnnxRuntimeOptions;
  const so: Ort.InferenceSession.SessionOptions = {
    executionProviders: ['cpu'],
    graphOptimizationLevel: o.graphOptimizationLevel ?? 'all',
    executionMode: o.executionMode ?? 'sequential',
  };
  // onnxruntime-node rejects keys that are present but undefined.
  if (o.intraOpNumThreads !== undefined) so.intraOpNumThreads = o.intraOpNumThreads;
  if (o.interOpNumThreads !== undefined) so.interOpNumThreads = o.interOpNumThreads;
  if (o.enableCpuMemArena !== undefined) so.enableCpuMemArena = o.enableCpuMemArena;
  return so;
}

function int64(values: readonly number[], length = values.length, fill = 0): BigInt64Array {
  const out = new BigInt64Array(length).fill(BigInt(fill));
  for (let i = 0; i < values.length; i++) out[i] = BigInt(values[i]);
  return out;
}

/**
 * Whether a model may reference ONNX external data (optimum: model.onnx_data,
 * torch exporter: model.onnx.data, or a data file shared by several graphs):
 * then ONNX Runtime must load it from its path to find the data beside it.
 */
function hasExternalData(file: string): boolean {
  return readdirSync(dirname(file)).some((f) => f.endsWith('.onnx_data') || f.endsWith('.onnx.data'));
}

type Role = 'encoder' | 'decoder' | 'decoder_with_past';
const ROLE_IO: Record<Role, GraphIO> = { encoder: OPTIMUM_ENCODER_IO, decoder: OPTIMUM_DECODER_IO, decoder_with_past: OPTIMUM_DECODER_WITH_PAST_IO };

interface ModelShape {
  layers: number;
  heads: number;
  headDim: number;
  padId: number;
}

function modelShape(files: ModelFiles): ModelShape {
  const c = JSON.parse(readFileSync(files.config, 'utf8')) as Record<string, number>;
  const heads = c.decoder_attention_heads ?? c.num_attention_heads;
  const layers = c.decoder_layers ?? c.num_hidden_layers;
  if (!heads || !layers || !c.d_model) throw new UsageError(`${files.config}: needs d_model, decoder_layers and decoder_attention_heads for the KV cache`);
  return { layers, heads, headDim: c.d_model / heads, padId: c.pad_token_id ?? 1 };
}

interface OrtEncoded extends EncodedSource {
  hidden: Ort.Tensor;
  mask: Ort.Tensor;
}

type StaticShape = { sourceLength: number; targetLength: number };

/** Times session.run so the harness can tell its own overhead from the model's. */
class TimedSession {
  runMs = 0;
  runs = 0;
  constructor(readonly session: Ort.InferenceSession) {}
  async run(feeds: Ort.InferenceSession.FeedsType, fetches?: readonly string[]): Promise<Ort.InferenceSession.ReturnType> {
    const t = performance.now();
    const out = fetches ? await this.session.run(feeds, fetches) : await this.session.run(feeds);
    this.runMs += performance.now() - t;
    this.runs++;
    return out;
  }
}

class OrtSeq2Seq implements LoadedModel {
  readonly decodingMode: LoadedModel['decodingMode'];
  private readonly pastNames: string[] = [];
  private readonly presentDecoderNames: string[] = [];
  private readonly allPresentNames: string[] = [];

  constructor(
    private readonly lib: OrtModule,
    private readonly layout: ModelFiles['layout'],
    private readonly encoder: TimedSession,
    private readonly decoder: TimedSession,
    private readonly withPast: TimedSession | undefined,
    private readonly kvCache: boolean,
    private readonly staticShape: StaticShape | undefined,
    private readonly shape: ModelShape | undefined,
  ) {
    this.decodingMode = staticShape ? { kvCache, staticShape } : { kvCache };
    if (shape) {
      for (let i = 0; i < shape.layers; i++) {
        for (const which of ['decoder', 'encoder']) {
          for (const kv of ['key', 'value']) {
            this.pastNames.push(`past_key_values.${i}.${which}.${kv}`);
            this.allPresentNames.push(`present.${i}.${which}.${kv}`);
            if (which === 'decoder') this.presentDecoderNames.push(`present.${i}.${which}.${kv}`);
          }
        }
      }
    }
  }

  /** Summed session.run time of every session so far, ms (for the harness-overhead figure). */
  modelRunMs(): number {
    return this.encoder.runMs + this.decoder.runMs + (this.withPast?.runMs ?? 0);
  }

  async encode(sourceIds: readonly number[]): Promise<OrtEncoded> {
    const n = sourceIds.length;
    const len = this.staticShape?.sourceLength ?? n;
    if (n > len) {
      throw new UsageError(
        `the source has ${n} tokens, more than static_shape.source_length ${len}; raise source_length (inputs are never truncated)`,
      );
    }
    const pad = this.shape?.padId ?? 1;
    const maskData = new BigInt64Array(len);
    maskData.fill(1n, 0, n);
    const mask = new this.lib.Tensor('int64', maskData, [1, len]);
    const out = await this.encoder.run({ input_ids: new this.lib.Tensor('int64', int64(sourceIds, len, pad), [1, len]), attention_mask: mask });
    return { sourceLength: n, hidden: out.last_hidden_state, mask };
  }

  startDecoder(source: EncodedSource): DecoderRun {
    const { hidden, mask } = source as OrtEncoded;
    if (this.kvCache) return this.staticShape ? this.staticCache(hidden, mask) : this.dynamicCache(hidden, mask);
    return this.prefixDecoder(hidden, mask);
  }

  private logitsRow(out: Ort.InferenceSession.ReturnType, position: number): Float32Array {
    const logits = out.logits;
    const vocab = logits.dims[2];
    return (logits.data as Float32Array).subarray(position * vocab, (position + 1) * vocab);
  }

  /** No KV cache: the decoder re-runs the whole prefix (padded to target_length under static shapes). */
  private prefixDecoder(hidden: Ort.Tensor, mask: Ort.Tensor): DecoderRun {
    const prefix: number[] = [];
    const { lib, decoder, staticShape, shape } = this;
    const merged = this.layout === 'onnx-merged';
    const emptyPast = merged ? this.emptyPast() : {};
    const withMask = merged && this.hasDecoderMask();
    const pad = shape?.padId ?? 1;
    return {
      step: async (tokenId: number): Promise<Float32Array> => {
        prefix.push(tokenId);
        const t = prefix.length;
        const len = staticShape?.targetLength ?? t;
        if (t > len) {
          throw new UsageError(
            `decoding needs ${t} decoder positions, more than static_shape.target_length ${len}; raise target_length to at least max_length (outputs are never truncated)`,
          );
        }
        const feeds: Ort.InferenceSession.FeedsType = {
          input_ids: new lib.Tensor('int64', int64(prefix, len, pad), [1, len]),
          encoder_hidden_states: hidden,
          encoder_attention_mask: mask,
        };
        if (merged) Object.assign(feeds, emptyPast, { use_cache_branch: new lib.Tensor('bool', [false], [1]) });
        // The no-past branch ignores it, but a declared input must be fed.
        if (merged && withMask) Object.assign(feeds, { [DECODER_MASK]: new lib.Tensor('int64', new BigInt64Array(len).fill(1n), [1, len]) });
        const out = await decoder.run(feeds, ['logits']);
        return this.logitsRow(out, t - 1);
      },
      dispose() {
        prefix.length = 0;
      },
    };
  }

  private emptyPast(): Record<string, Ort.Tensor> {
    const { heads, headDim } = this.shape!;
    const empty = new this.lib.Tensor('float32', new Float32Array(0), [1, heads, 0, headDim]);
    return Object.fromEntries(this.pastNames.map((n) => [n, empty]));
  }

  private hasDecoderMask(): boolean {
    const session = this.layout === 'onnx-merged' ? this.decoder : this.withPast;
    return session?.session.inputNames.includes(DECODER_MASK) ?? false;
  }

  /**
   * The two kinds of cached step. optimum: decoder_model once (it returns
   * every present.*), then decoder_with_past_model; merged: use_cache_branch
   * false with empty past, then true. `decMask` goes to exports that take
   * decoder_attention_mask.
   */
  private cachedSteps(hidden: Ort.Tensor, mask: Ort.Tensor) {
    const { lib, decoder } = this;
    const merged = this.layout === 'onnx-merged';
    const withMask = this.hasDecoderMask();
    const ids = (tokenId: number) => new lib.Tensor('int64', new BigInt64Array([BigInt(tokenId)]), [1, 1]);
    const cacheOff = new lib.Tensor('bool', [false], [1]);
    const cacheOn = new lib.Tensor('bool', [true], [1]);
    const ones1 = new lib.Tensor('int64', new BigInt64Array([1n]), [1, 1]);
    return {
      first: (tokenId: number) => {
        const feeds: Ort.InferenceSession.FeedsType = { input_ids: ids(tokenId), encoder_hidden_states: hidden, encoder_attention_mask: mask };
        if (merged) Object.assign(feeds, this.emptyPast(), { use_cache_branch: cacheOff }, withMask ? { [DECODER_MASK]: ones1 } : {});
        return decoder.run(feeds, ['logits', ...this.allPresentNames]);
      },
      next: (tokenId: number, past: Record<string, Ort.Tensor>, decMask: () => Ort.Tensor) => {
        const feeds: Ort.InferenceSession.FeedsType = { input_ids: ids(tokenId), encoder_attention_mask: mask, ...past };
        if (withMask) Object.assign(feeds, { [DECODER_MASK]: decMask() });
        if (!merged) return this.withPast!.run(feeds, ['logits', ...this.presentDecoderNames]);
        Object.assign(feeds, { encoder_hidden_states: hidden, use_cache_branch: cacheOn });
        return decoder.run(feeds, ['logits', ...this.allPresentNames]);
      },
    };
  }

  /** Dynamic KV cache: each step's present.* tensors are the next step's past, as they come out (no copies). */
  private dynamicCache(hidden: Ort.Tensor, mask: Ort.Tensor): DecoderRun {
    const steps = this.cachedSteps(hidden, mask);
    let past: Record<string, Ort.Tensor> = {};
    let fed = 0;
    const pastOf = (name: string) => `past_key_values${name.slice('present'.length)}`;
    return {
      step: async (tokenId: number): Promise<Float32Array> => {
        const out =
          fed === 0
            ? await steps.first(tokenId)
            : await steps.next(tokenId, past, () => new this.lib.Tensor('int64', new BigInt64Array(fed + 1).fill(1n), [1, fed + 1]));
        // Encoder entries come from the first step (optimum's with-past decoder does not return them).
        for (const name of fed === 0 ? this.allPresentNames : this.presentDecoderNames) past[pastOf(name)] = out[name];
        fed++;
        return this.logitsRow(out, 0);
      },
      dispose() {
        past = {};
      },
    };
  }

  /**
   * Static KV cache (export with decoder_attention_mask): the self-attention
   * cache is a fixed [1, H, target_length, hd] buffer per layer, masked where
   * unfilled; each step's new key/value row is copied into its slot (the
   * copy a static-shape device pays), the encoder cache is the padded source's.
   */
  private staticCache(hidden: Ort.Tensor, mask: Ort.Tensor): DecoderRun {
    const steps = this.cachedSteps(hidden, mask);
    const { heads: H, headDim: hd } = this.shape!;
    const L = this.staticShape!.targetLength;
    const past: Record<string, Ort.Tensor> = {};
    const buffers = new Map<string, Float32Array>();
    for (const name of this.presentDecoderNames) {
      const data = new Float32Array(H * L * hd);
      buffers.set(name, data);
      past[`past_key_values${name.slice('present'.length)}`] = new this.lib.Tensor('float32', data, [1, H, L, hd]);
    }
    const maskData = new BigInt64Array(L + 1);
    const maskTensor = new this.lib.Tensor('int64', maskData, [1, L + 1]);
    let fed = 0;
    return {
      step: async (tokenId: number): Promise<Float32Array> => {
        if (fed + 1 > L) {
          throw new UsageError(
            `decoding needs ${fed + 1} decoder positions, more than static_shape.target_length ${L}; raise target_length to at least max_length (outputs are never truncated)`,
          );
        }
        maskData[L] = 1n;
        const out = fed === 0 ? await steps.first(tokenId) : await steps.next(tokenId, past, () => maskTensor);
        if (fed === 0) {
          for (const name of this.allPresentNames.filter((n) => n.includes('.encoder.'))) past[`past_key_values${name.slice('present'.length)}`] = out[name];
        }
        // The new row is the last of present (length 1 on the first step, L + 1 after).
        for (const [name, buffer] of buffers) {
          const present = out[name];
          const rows = present.dims[2];
          const src = present.data as Float32Array;
          for (let h = 0; h < H; h++) buffer.set(src.subarray((h * rows + rows - 1) * hd, (h * rows + rows) * hd), (h * L + fed) * hd);
        }
        maskData[fed] = 1n;
        fed++;
        return this.logitsRow(out, 0);
      },
      dispose() {
        buffers.clear();
      },
    };
  }

  async dispose(): Promise<void> {
    await this.encoder.session.release();
    await this.decoder.session.release();
    await this.withPast?.session.release();
  }
}

interface Created {
  session: Ort.InferenceSession;
  readMs: number;
  compileMs: number;
  cache: LoadTimings['cache'];
}

/**
 * One session. Without a cache folder: from bytes read here (or from the path
 * when the model has external data, which ONNX Runtime resolves beside it).
 * With one: load `<cacheDir>/<role>.onnx` when present; otherwise optimize at
 * the portable level, save atomically (temporary folder, then rename), and
 * re-create from the saved file when the user asked for `all`.
 */
async function createSession(lib: OrtModule, file: string, role: Role, opts: LoadOptions): Promise<Created> {
  const so = sessionOptions(opts.options);
  const requested = (so.graphOptimizationLevel ?? 'all') as GraphLevel;
  if (!opts.cacheDir) {
    const t0 = performance.now();
    const source = hasExternalData(file) ? file : await readFile(file);
    const t1 = performance.now();
    const session = await checkSession(await openSession(lib, source, so, file), file, ROLE_IO[role]);
    return { session, readMs: t1 - t0, compileMs: performance.now() - t1, cache: 'off' };
  }
  const cached = join(opts.cacheDir, `${role}.onnx`);
  if (existsSync(cached)) {
    const t0 = performance.now();
    // The cached graph is already optimized; only `all`'s machine-specific passes are left to run.
    const session = await openSession(lib, cached, { ...so, graphOptimizationLevel: requested === 'all' ? 'all' : 'disabled' }, cached);
    return { session, readMs: 0, compileMs: performance.now() - t0, cache: 'loaded' };
  }
  const tmp = join(opts.cacheDir, `.tmp-${process.pid}-${role}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const t0 = performance.now();
  const level: GraphLevel = GRAPH_LEVELS.indexOf(requested) < GRAPH_LEVELS.indexOf(CACHE_LEVEL) ? requested : CACHE_LEVEL;
  let session = await openSession(lib, file, {
    ...so,
    graphOptimizationLevel: level,
    optimizedModelFilePath: join(tmp, `${role}.onnx`),
    // Weights go to a data file beside the optimized model (models over 2 GB cannot be one protobuf).
    extra: { session: { optimized_model_external_initializers_file_name: `${role}.onnx_data`, optimized_model_external_initializers_min_size_in_bytes: '1024' } },
  }, file);
  await checkSession(session, file, ROLE_IO[role]).catch((err: unknown) => {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  });
  // Data first, graph last: a cached graph file means its data is complete.
  if (existsSync(join(tmp, `${role}.onnx_data`))) renameSync(join(tmp, `${role}.onnx_data`), join(opts.cacheDir, `${role}.onnx_data`));
  renameSync(join(tmp, `${role}.onnx`), cached);
  rmSync(tmp, { recursive: true, force: true });
  if (requested !== level) {
    await session.release();
    session = await openSession(lib, cached, so, cached);
  }
  return { session, readMs: 0, compileMs: performance.now() - t0, cache: 'written' };
}

export const onnxRuntimeEngine: Engine = {
  name: 'onnxruntime',

  async availability(): Promise<EngineAvailability> {
    try {
      const lib = await ort();
      return { available: true, version: lib.env.versions.node ?? lib.env.versions.common };
    } catch (err) {
      return { available: false, reason: `onnxruntime-node failed to load (${String(err)}); reinstall with npm install` };
    }
  },

  async fingerprint(device: string) {
    const lib = await ort();
    return { runtime_version: lib.env.versions.node ?? lib.env.versions.common ?? 'unknown', device };
  },

  async load(files: ModelFiles, opts: LoadOptions) {
    const { device, staticShape } = opts;
    if (device !== 'CPU') {
      throw new UsageError(`device ${device} is not available on the onnxruntime engine here; use device: CPU`);
    }
    const exportHasCache = files.layout === 'optimum-onnx-with-past' || files.layout === 'onnx-merged';
    if (opts.kvCache === true && !exportHasCache) {
      throw new UsageError(`${files.dir}: kv_cache: true, but the ${files.layout} export has no KV cache; export with past (optimum) or drop kv_cache`);
    }
    let kvCache = exportHasCache && opts.kvCache !== false;
    const lib = await ort();
    if (opts.cacheDir) mkdirSync(opts.cacheDir, { recursive: true });
    const roles: [Role, string][] = [
      ['encoder', files.encoder],
      ['decoder', files.decoder],
    ];
    if (kvCache && files.decoderWithPast) roles.push(['decoder_with_past', files.decoderWithPast]);
    const created: Created[] = [];
    try {
      for (const [role, file] of roles) created.push(await createSession(lib, file, role, opts));
    } catch (err) {
      for (const c of created) await c.session.release();
      throw err;
    }
    let [enc, dec, past] = created.map((c) => new TimedSession(c.session));
    if (kvCache && staticShape && !(files.layout === 'onnx-merged' ? dec : past).session.inputNames.includes(DECODER_MASK)) {
      // A padded self-attention cache can only be masked by an export that takes decoder_attention_mask.
      if (opts.kvCache === true) {
        for (const c of created) await c.session.release();
        throw new UsageError(
          `${files.dir}: kv_cache: true with static_shape needs a decoder with past that takes ${DECODER_MASK} (optimum's do not), to mask the padded cache; use kv_cache: false, or a synthetic model with decoder_mask: true`,
        );
      }
      kvCache = false;
      await past?.session.release();
      past = undefined as unknown as TimedSession;
    }
    const shape = exportHasCache || staticShape ? modelShape(files) : undefined;
    const caches = new Set(created.map((c) => c.cache));
    const timings: LoadTimings = {
      readMs: created.reduce((s, c) => s + c.readMs, 0),
      compileMs: created.reduce((s, c) => s + c.compileMs, 0),
      // 'loaded' only when every session really came from the cache.
      cache: caches.has('off') ? 'off' : caches.has('written') ? 'written' : 'loaded',
    };
    return { model: new OrtSeq2Seq(lib, files.layout, enc, dec, past, kvCache, staticShape, shape), timings };
  },
};

/** Summed model-run time of an ONNX Runtime model (undefined for other engines). */
export function modelRunMs(model: LoadedModel): number | undefined {
  return model instanceof OrtSeq2Seq ? model.modelRunMs() : undefined;
}

