/**
 * Variants that are precomputed outputs (captured on another machine, or
 * production/shadow logs) instead of a model: one hypothesis file per pair,
 * line-aligned with that pair's dataset. Checked at plan time like model files.
 */
import { UsageError } from '../errors.js';
import type { Suite, Variant } from '../suite/types.js';
import { readLines, type LoadedDataset } from './datasets.js';

export interface PrecomputedVariant {
  variant: Variant;
  isReference: boolean;
  /** Dataset id → the outputs for its lines (after the dataset's limit); absent when no file was given for its pair. */
  outputs: Map<string, string[]>;
  /** Dataset id → the file read. */
  files: Map<string, string>;
}

export function isPrecomputed(v: Variant): boolean {
  return v.outputs !== undefined;
}

export function planPrecomputed(suite: Suite, variant: Variant, datasets: readonly LoadedDataset[]): PrecomputedVariant {
  const outputs = new Map<string, string[]>();
  const files = new Map<string, string>();
  for (const data of datasets) {
    const file = variant.outputs?.[data.dataset.pair];
    if (!file) continue;
    const where = `${suite.path}: variant ${variant.id}, outputs for ${data.dataset.pair}`;
    const lines = readLines(file, where);
    // Aligned with the whole dataset file; the dataset's limit then applies to both.
    if (!data.dataset.limit && lines.length !== data.sources.length) {
      throw new UsageError(`${where}: ${file} has ${lines.length} lines but ${data.dataset.source} has ${data.sources.length}; outputs must be line-aligned with the dataset source`);
    }
    if (lines.length < data.sources.length) {
      throw new UsageError(`${where}: ${file} has ${lines.length} lines but dataset ${data.dataset.id} uses ${data.sources.length} (limit ${data.dataset.limit}); outputs must be line-aligned with the dataset source`);
    }
    outputs.set(data.dataset.id, lines.slice(0, data.sources.length));
    files.set(data.dataset.id, file);
  }
  return { variant, isReference: variant.id === suite.reference, outputs, files };
}
