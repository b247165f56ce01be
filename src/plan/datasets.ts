/**
 * Dataset files are read exactly as sacreBLEU reads them (the metrics port's
 * reader: strict UTF-8, split on \n, Python rstrip), so the harness scores
 * the same lines `mtgate score` and sacreBLEU would. Line alignment is checked here.
 */
import { UsageError } from '../errors.js';
import { readLines as readSacrebleuLines } from '../metrics/read-lines.js';
import type { Dataset } from '../suite/types.js';

export function readLines(path: string, where: string): string[] {
  try {
    return readSacrebleuLines(path);
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
}

export function loadDataset(d: Dataset, where: string): LoadedDataset {
  const sources = readLines(d.source, where);
  const references = d.references.map((r) => readLines(r, where));
  references.forEach((ref, k) => {
    if (ref.length !== sources.length) {
      throw new UsageError(
        `${where}: ${d.references[k]} has ${ref.length} lines but ${d.source} has ${sources.length}; source and references must be line-aligned`,
      );
    }
  });
  if (sources.length === 0) throw new UsageError(`${where}: ${d.source} is empty; a dataset needs at least one line`);
  const n = d.limit ? Math.min(d.limit, sources.length) : sources.length;
  return { dataset: d, sources: sources.slice(0, n), references: references.map((r) => r.slice(0, n)) };
}
