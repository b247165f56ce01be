/**
 * The engine contract. An engine turns a model directory into something that
 * can run an encoder once and a decoder step by step; everything about
 * tokens, forcing and stopping belongs to the decoding loop, so every engine
 * is compared under the same decoding.
 */
import type { ModelFiles } from '../models/layouts/detect.js';

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
  /**
   * Compile-cache folder for this (engine version, device, model) — the caller
   * keys it so a runtime or driver change never reuses an old cache. Unset: no cache.
   */
  cacheDir?: string;
  /** Use the export's KV cache when it has one (default true); false re-runs the prefix. */
  kvCache?: boolean;
  /**
   * Static shapes, as NPUs require: inputs and cache padded to these lengths.
   * Inputs that would not fit are refused with a clear error, never truncated.
   */
  staticShape?: { sourceLength: number; targetLength: number };
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
  /** Whether decoding uses the export's KV cache, and the static shape in force, for the record. */
  readonly decodingMode: { kvCache: boolean; staticShape?: { sourceLength: number; targetLength: number } };
  encode(sourceIds: readonly number[]): Promise<EncodedSource>;
  startDecoder(source: EncodedSource): DecoderRun;
  dispose(): Promise<void>;
  /** Running totals of real vs computed positions, for engines that pad to static shapes. */
  readonly padding?: PaddingCost;
}

export interface PaddingCost {
  /** Real source tokens encoded, and positions computed for them (with padding). */
  sourceTokens: number;
  sourcePositions: number;
  /** Real decoder-input tokens, and positions computed for them. */
  targetTokens: number;
  targetPositions: number;
}

/** Phases of a load, for cold-start accounting. */
export interface LoadTimings {
  /** Reading model files from disk, ms. */
  readMs: number;
  /** Session creation / compilation, ms. */
  compileMs: number;
  /**
   * What the compile cache did, as the engine observed it (never assumed):
   * off = no cache asked, written = compiled and stored, loaded = read back.
   */
  cache: 'off' | 'written' | 'loaded';
  /** Devices the compiled model really runs on (OpenVINO EXECUTION_DEVICES), when the engine can tell. */
  executionDevices?: string[];
}

export interface Engine {
  readonly name: string;
  availability(): Promise<EngineAvailability>;
  /** Devices this engine sees on this machine (absent: CPU only). */
  devices?(): Promise<string[]>;
  /**
   * What identifies the runtime a result (or a compile cache) depends on for a
   * device: runtime version and, where the engine can read them, device name,
   * architecture, driver and compiler versions. Keys are stable names such as
   * `runtime_version`, `device_name`, `driver_version`.
   */
  fingerprint(device: string): Promise<Record<string, string>>;
  load(files: ModelFiles, opts: LoadOptions): Promise<{ model: LoadedModel; timings: LoadTimings }>;
}
