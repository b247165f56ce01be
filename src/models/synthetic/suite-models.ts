/**
 * Suites can name synthetic models (`models: { m: { synthetic: { preset: 418M, ... } } }`).
 * They live in the model cache; `mtgate run` generates missing ones before
 * planning, `mtgate validate` only checks what can be checked without them.
 */
import type { SyntheticModelRef } from '../../suite/types.js';
import { defaultModelDir, makeSyntheticModel, readManifest, type SyntheticSpec } from './make.js';

export function syntheticSpec(ref: SyntheticModelRef): SyntheticSpec {
  return { preset: ref.preset, precision: ref.precision, layout: ref.layout, seed: ref.seed, int8Form: ref.int8_form, int4Form: ref.int4_form, decoderMask: ref.decoder_mask };
}

export function syntheticModelDir(ref: SyntheticModelRef): string {
  return defaultModelDir(syntheticSpec(ref));
}

/** Whether the cache holds a complete model for this reference. */
export function syntheticModelReady(ref: SyntheticModelRef): boolean {
  return readManifest(syntheticModelDir(ref)) !== undefined;
}

/** Generates the model when the cache lacks it; returns its directory. */
export function ensureSyntheticModel(ref: SyntheticModelRef, progress: (message: string) => void): string {
  return makeSyntheticModel(syntheticSpec(ref), syntheticModelDir(ref), progress).dir;
}
