/**
 * Loading a variant's model the way the suite asked: compile-cache folder,
 * KV cache, static shapes — and checking where it really runs. A variant that
 * asked for one device and runs on another (OpenVINO EXECUTION_DEVICES, e.g.
 * NPU asked, CPU used) changes quality silently, so it is always flagged, and
 * fails the variant when the suite says `fallback: fail`.
 */
import { dirname } from 'node:path';
import type { ModelFiles } from '../models/layouts/detect.js';
import type { Suite, Variant } from '../suite/types.js';
import { variantCacheDir } from './compile-cache.js';
import type { Engine, LoadedModel, LoadOptions, LoadTimings, PaddingCost } from './engine.js';
import { unexpectedDevices } from './openvino/devices.js';

/** What the record keeps about a variant's load. */
export interface VariantLoad extends LoadTimings {
  cacheDir?: string;
  /** Devices it ran on that the variant did not ask for; set only when it fell back. */
  fallback?: string[];
}

/** Padding between two snapshots of a model's counters: what static shapes cost on one dataset. */
export function paddingSince(before: PaddingCost, now: PaddingCost) {
  const d = {
    sourceTokens: now.sourceTokens - before.sourceTokens,
    sourcePositions: now.sourcePositions - before.sourcePositions,
    targetTokens: now.targetTokens - before.targetTokens,
    targetPositions: now.targetPositions - before.targetPositions,
  };
  const computed = d.sourcePositions + d.targetPositions;
  return { ...d, paddedFraction: computed ? 1 - (d.sourceTokens + d.targetTokens) / computed : 0 };
}

export class DeviceFallbackError extends Error {
  readonly exitCode = 3;
}

export function loadOptions(variant: Variant, cacheDir: string | undefined): LoadOptions {
  const s = variant.static_shape;
  return {
    device: variant.device,
    options: variant.engine_options,
    ...(cacheDir ? { cacheDir } : {}),
    ...(variant.kv_cache !== undefined ? { kvCache: variant.kv_cache } : {}),
    ...(s ? { staticShape: { sourceLength: s.source_length, targetLength: s.target_length } } : {}),
  };
}

export function fallbackMessage(variant: Pick<Variant, 'id' | 'device'>, devices: readonly string[]): string {
  return `variant ${variant.id} asked for ${variant.device} but runs on ${devices.join(', ')} (EXECUTION_DEVICES)`;
}

export async function loadVariant(
  engine: Engine,
  files: ModelFiles,
  variant: Variant,
  suite: Pick<Suite, 'path'>,
): Promise<{ model: LoadedModel; load: VariantLoad }> {
  const cacheDir = await variantCacheDir(engine, variant.device, files, variant.engine_options, dirname(suite.path));
  const { model, timings } = await engine.load(files, loadOptions(variant, cacheDir));
  const load: VariantLoad = { ...timings, ...(cacheDir ? { cacheDir } : {}) };
  const other = unexpectedDevices(variant.device, timings.executionDevices ?? []);
  if (other.length) {
    load.fallback = other;
    if (variant.fallback === 'fail') {
      await model.dispose();
      throw new DeviceFallbackError(`${fallbackMessage(variant, timings.executionDevices ?? [])}; the suite says fallback: fail`);
    }
  }
  return { model, load };
}
