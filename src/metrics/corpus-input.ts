/**
 * Shared input handling. References follow sacreBLEU's layout (`refs[k][i]`);
 * a `null`/`undefined` reference line is dropped for that segment, which is
 * how sacreBLEU supports a variable number of references.
 */
import type { SentenceStatistics } from './types.js';

export type RefStreams = readonly (readonly (string | null | undefined)[])[];

export function checkCorpus(metric: string, hyps: readonly string[], refs: RefStreams): void {
  if (refs.length === 0) throw new Error(`${metric}: at least one reference stream is required.`);
  for (let k = 0; k < refs.length; k++) {
    if (refs[k].length !== hyps.length) {
      throw new Error(
        `${metric}: reference stream ${k} has ${refs[k].length} lines but there are ${hyps.length} hypotheses.`,
      );
    }
  }
}

/** The references of segment i, in stream order, without missing ones. */
export function segmentRefs(refs: RefStreams, i: number): string[] {
  const out: string[] = [];
  for (let k = 0; k < refs.length; k++) {
    const r = refs[k][i];
    if (r !== null && r !== undefined) out.push(r);
  }
  return out;
}

/** Tracks sacreBLEU's `num_refs`: the common count, or −1 when it varies. */
export class RefCounter {
  private value: number | undefined;
  add(n: number): void {
    if (this.value === undefined) this.value = n;
    else if (this.value !== n) this.value = -1;
  }
  get result(): number {
    return this.value ?? 0;
  }
}

/** Column sums of a row-major statistics matrix, in row order (as sacreBLEU's `sum_of_lists`). */
export function sumRows(stats: Float64Array, width: number, n: number): Float64Array {
  const out = new Float64Array(width);
  for (let i = 0; i < n; i++) {
    const base = i * width;
    for (let j = 0; j < width; j++) out[j] += stats[base + j];
  }
  return out;
}

interface StatisticsSource {
  sentenceStatistics(hyps: readonly string[], refs: RefStreams): SentenceStatistics;
}

/** The summed sentence statistics of a corpus: what its corpus score is computed from. */
export function corpusStatistics(metric: StatisticsSource, hyps: readonly string[], refs: RefStreams): Float64Array {
  const { stats, width, n } = metric.sentenceStatistics(hyps, refs);
  return sumRows(stats, width, n);
}

/** The statistics of one segment against its references (one per stream). */
export function segmentStatistics(metric: StatisticsSource, hyp: string, refs: readonly string[]): Float64Array {
  return metric.sentenceStatistics([hyp], refs.map((r) => [r])).stats;
}
