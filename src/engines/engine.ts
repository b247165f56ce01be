/**
 * The engine contract. An engine turns a model directory into something that
 * can run an encoder once and a decoder step by step; everything about
 * tokens, forcing and stopping belongs to the decoding loop, so every engine
 * is compared under the same decoding.
 */
import type { ModelFiles } from '../models/layout.js';

export interface EngineAvailability {
  available: boolean;
  /** Runtime version when available. */
  version?: string;
  /** Why not, and what to do about it, when unavailable. */
  reason?: string;
}

export interface LoadOptions {
  /** Device name as the suite says it: CPU, GPU, NPU, AUTO, ... */
  device: string;
  /** Engine-specific options straight from the suite (already schema-checked). */
  options: Record<string, unknown>;
}

/** Encoder output kept on the engine side between decoder steps. */
export interface EncodedSource {
  readonly sourceLength: number;
}

export interface DecoderRun {
  /**
   * Feed the next decoder input token; returns the logits for the following
   * position (length = vocabulary size). Implementations may re-run the full
   * prefix or use a KV cache; callers cannot tell the difference.
   */
  step(tokenId: number): Promise<Float32Array>;
  dispose(): void;
}

export interface LoadedModel {
  encode(sourceIds: readonly number[]): Promise<EncodedSource>;
  startDecoder(source: EncodedSource): DecoderRun;
  dispose(): Promise<void>;
}

/** Phases of a load, for cold-start accounting. */
export interface LoadTimings {
  /** Reading model files from disk, ms. */
  readMs: number;
  /** Session creation / compilation, ms. */
  compileMs: number;
}

export interface Engine {
  readonly name: string;
  availability(): Promise<EngineAvailability>;
  load(files: ModelFiles, opts: LoadOptions): Promise<{ model: LoadedModel; timings: LoadTimings }>;
}
