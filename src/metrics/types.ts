/**
 * The contract every sacreBLEU-compatible metric implements.
 *
 * It mirrors sacreBLEU's own split: per-sentence sufficient statistics are
 * extracted once, and a score is computed from statistics summed over any
 * subset of sentences. Corpus scores, bootstrap resampling and approximate
 * randomization all reuse the same two functions, so they can never disagree.
 *
 * References follow sacreBLEU's layout: `refs[k][i]` is line i of reference
 * stream k (one stream per reference file).
 */
export interface MetricScore {
  /** Metric name as sacreBLEU prints it: 'BLEU', 'chrF2', 'chrF2++', 'TER'. */
  name: string;
  score: number;
}

export interface SentenceStatistics {
  /** Row-major n × width matrix: one row of sufficient statistics per sentence. */
  stats: Float64Array;
  width: number;
  n: number;
}

export interface CorpusMetric<S extends MetricScore = MetricScore> {
  /** True when a higher score is better (BLEU, chrF); false for TER. */
  readonly higherIsBetter: boolean;
  sentenceStatistics(hyps: readonly string[], refs: readonly (readonly string[])[]): SentenceStatistics;
  /** Score from statistics summed over a set of sentences (length `width`). */
  scoreFromStatistics(summed: ArrayLike<number>): S;
  corpusScore(hyps: readonly string[], refs: readonly (readonly string[])[]): S;
  sentenceScore(hyp: string, refs: readonly string[]): S;
  /** sacreBLEU signature, e.g. `nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0`. */
  signature(nrefs: number): string;
}
