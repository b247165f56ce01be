/**
 * ONNX Runtime engine (onnxruntime-node, CPU execution provider).
 * Runs optimum-style exports: an encoder once per sentence, then the decoder
 * on the growing prefix (this export has no KV cache).
 */
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import type * as Ort from 'onnxruntime-node';
import { UsageError } from '../errors.js';
import type { ModelFiles } from '../models/layouts/detect.js';
import { createCheckedSession, OPTIMUM_DECODER_IO, OPTIMUM_ENCODER_IO } from './onnx-session.js';
import type { DecoderRun, EncodedSource, Engine, EngineAvailability, LoadedModel, LoadOptions } from './engine.js';

type OrtModule = typeof Ort;
let ortModule: OrtModule | undefined;

/** Loaded on first use so that commands that never run a model start fast. */
async function ort(): Promise<OrtModule> {
  ortModule ??= (await import('onnxruntime-node')) as OrtModule;
  return ortModule;
}

const GRAPH_LEVELS = ['disabled', 'basic', 'extended', 'all'] as const;

export interface OnnxRuntimeOptions {
  intraOpNumThreads?: number;
  interOpNumThreads?: number;
  graphOptimizationLevel?: (typeof GRAPH_LEVELS)[number];
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

function int64(values: readonly number[]): BigInt64Array {
  const out = new BigInt64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = BigInt(values[i]);
  return out;
}

interface OrtEncoded extends EncodedSource {
  hidden: Ort.Tensor;
  mask: Ort.Tensor;
}

class OrtSeq2Seq implements LoadedModel {
  readonly decodingMode = { kvCache: false };
  constructor(
    private readonly lib: OrtModule,
    private readonly encoder: Ort.InferenceSession,
    private readonly decoder: Ort.InferenceSession,
  ) {}

  async encode(sourceIds: readonly number[]): Promise<OrtEncoded> {
    const n = sourceIds.length;
    const mask = new this.lib.Tensor('int64', new BigInt64Array(n).fill(1n), [1, n]);
    const out = await this.encoder.run({
      input_ids: new this.lib.Tensor('int64', int64(sourceIds), [1, n]),
      attention_mask: mask,
    });
    return { sourceLength: n, hidden: out.last_hidden_state, mask };
  }

  startDecoder(source: EncodedSource): DecoderRun {
    const { hidden, mask } = source as OrtEncoded;
    const prefix: number[] = [];
    const { lib, decoder } = this;
    return {
      async step(tokenId: number): Promise<Float32Array> {
        prefix.push(tokenId);
        const t = prefix.length;
        const out = await decoder.run({
          input_ids: new lib.Tensor('int64', int64(prefix), [1, t]),
          encoder_hidden_states: hidden,
          encoder_attention_mask: mask,
        });
        const vocab = out.logits.dims[2];
        return (out.logits.data as Float32Array).subarray((t - 1) * vocab, t * vocab);
      },
      dispose() {
        prefix.length = 0;
      },
    };
  }

  async dispose(): Promise<void> {
    await this.encoder.release();
    await this.decoder.release();
  }
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

  async load(files: ModelFiles, { device, options }: LoadOptions) {
    if (device !== 'CPU') {
      throw new UsageError(`device ${device} is not available on the onnxruntime engine here; use device: CPU`);
    }
    const lib = await ort();
    const t0 = performance.now();
    const [encBytes, decBytes] = await Promise.all([readFile(files.encoder), readFile(files.decoder)]);
    const t1 = performance.now();
    const so = sessionOptions(options);
    const encoder = await createCheckedSession(lib, encBytes, so, files.encoder, OPTIMUM_ENCODER_IO);
    const decoder = await createCheckedSession(lib, decBytes, so, files.decoder, OPTIMUM_DECODER_IO).catch(async (err: unknown) => {
      await encoder.release();
      throw err;
    });
    const t2 = performance.now();
    return { model: new OrtSeq2Seq(lib, encoder, decoder), timings: { readMs: t1 - t0, compileMs: t2 - t1, cache: 'off' as const } };
  },
};
