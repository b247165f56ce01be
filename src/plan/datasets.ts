/**
 * Dataset files are read exactly as sacreBLEU reads them (the metrics port's
 * reader: strict UTF-8, split on \n, Python rstrip), so the harness scores
 * the same lines `mtgate score` and sacreBLEU would. Line alignment is checked here.
 */
import { UsageError } from '../errors.js';
import type { Dataset } from '../suite/types.js';
import { readDatasetFile, type DatasetFile } from './dataset-checks.js';

export function readLines(path: string, where: string): string[] {
  return readChecked(path, where).lines;
}

/** Lines plus warnings (BOM stripped, empty lines, non-NFC text...): see dataset-checks.ts. */
export function readChecked(path: string, where: string): DatasetFile {
  try {
    return readDatasetFile(path);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    throw new UsageError(`${where}: ${err.message}; paths are relative to the suite file`);
  }
}

export interface LoadedDataset {
  dataset: Dataset;
  sources: string[];
  /** Reference streams: references[k][i] is line i of reference file k. */
  references: string[][];
  /** Suspicious but legal content, one line each, for stderr and the record. */
  warnings?: string[];
}

export function loadDataset(d: Dataset, where: string): LoadedDataset {
  const files = [d.source, ...d.references].map((f) => readChecked(f, where));
  const sources = files[0].lines;
  const references = files.slice(1).map((f) => f.lines);
  const warnings = files.flatMap((f) => f.warnings.map((w) => `dataset ${d.id}: ${w}`));
  references.forEach((ref, k) => {
    if (ref.length !== sources.length) {
      throw new UsageError(
        `${where}: ${d.references[k]} has ${ref.length} lines but ${d.source} has ${sources.length}; source and references must be line-aligned`,
      );
    }
  });
  if (sources.length === 0) throw new UsageError(`${where}: ${d.source} is empty; a dataset needs at least one line`);
  const n = d.limit ? Math.min(d.limit, sources.length) : sources.length;
  return { dataset: d, sources: sources.slice(0, n), references: references.map((r) => r.slice(0, n)), warnings };
}
