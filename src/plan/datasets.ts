/**
 * Reads line-aligned dataset files the way sacreBLEU does (UTF-8, split on
 * \n, trailing whitespace stripped) and checks they line up.
 */
import { readFileSync } from 'node:fs';
import { UsageError } from '../errors.js';
import type { Dataset } from '../suite/types.js';

export function readLines(path: string, where: string): string[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`${where}: file ${path} not found; fix the path (it is relative to the suite file)`);
  }
  const lines = text.split('\n');
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => l.trimEnd());
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
