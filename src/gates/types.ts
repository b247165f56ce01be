/**
 * What a gate evaluation leaves in the run record (`record.gates`). Reports
 * (Markdown, HTML, JUnit, sign-off views) read only these shapes, so every
 * field says what it is without the suite at hand.
 *
 * Verdicts, worst first: fail > warn > waived > pass.
 * - `fail`   a check broke a bound of a `severity: fail` rule (or a value it
 *            needed is missing/errored: fail-closed); the run exits 1.
 * - `warn`   the same for a `severity: warn` rule; the run does not fail.
 * - `waived` it would have failed or warned, but an unexpired waiver covers it
 *            (`check.waiver` says which, who and why).
 * - `pass`   within bounds.
 */
import type { Waiver } from '../suite/types.js';

export type Verdict = 'pass' | 'warn' | 'fail' | 'waived';

/** What a relative bound compares with: the suite's reference variant in the same run, or the same variant in a baseline run. */
export type ComparedWith = 'reference' | 'baseline';

/** Paired significance of a quality difference (sacreBLEU's paired bootstrap or approximate randomization). */
export interface SignificanceEvidence {
  kind: 'paired-test';
  /** `bs` paired bootstrap resampling, `ar` approximate randomization. */
  test: 'bs' | 'ar';
  /** Resamples (bs) or trials (ar). */
  samples: number;
  /** Significance level the rule asked for; significant when pValue < alpha. */
  alpha: number;
  pValue: number;
  significant: boolean;
  /** Score of the compared-with system (baseline/reference) and of this variant, as the test computed them. */
  comparedScore: number;
  score: number;
  /** Bootstrap 95% CI of this variant's score (bs only): mean ± ci. */
  mean?: number;
  ci?: number;
  /** sacreBLEU signature incl. the test's fields, e.g. `nrefs:1|bs:1000|seed:12345|…`. */
  signature: string;
}

/** Significance of a timing difference from a confidence interval of the delta recorded by the measure. */
export interface DeltaCiEvidence {
  kind: 'delta-ci';
  /** Lower and upper end of the CI of (value − compared value), in the metric's unit. */
  low: number;
  high: number;
  /** Confidence level, e.g. 0.95. */
  level?: number;
  /** Significant when the interval excludes 0. */
  significant: boolean;
}

/** A rule asked for significance but nothing to decide it with was recorded; the bound alone decides. */
export interface NoSignificanceEvidence {
  kind: 'none';
  significant: null;
  /** e.g. `no CI recorded`. */
  note: string;
}

export type Significance = SignificanceEvidence | DeltaCiEvidence | NoSignificanceEvidence;

/** A waiver as the record keeps it (the suite's waiver and its state): enough to show in a sign-off view without the suite. */
export interface WaiverInfo extends Waiver {
  /** `expired` waivers no longer waive; they are listed so the report can say so. */
  state: 'active' | 'expired';
}

/** One variant (× pair) a rule covers. */
export interface GateCheck {
  variant: string;
  /** Absent for variant-level metrics (cold start, memory). */
  pair?: string;
  /** The variant's device (CPU, GPU, NPU, AUTO, or what a precomputed variant declares). */
  device?: string;
  /** The measured value, when there is one. */
  value?: number;
  /** What relative bounds compared with (absent for absolute-only rules). */
  comparedWith?: ComparedWith;
  /** The compared value: the reference variant's (comparedWith reference) or the baseline run's (comparedWith baseline). */
  referenceValue?: number;
  /** Run id of the baseline, when comparedWith is baseline. */
  baselineRun?: string;
  /** value − referenceValue. */
  delta?: number;
  /** value / referenceValue. */
  ratio?: number;
  /** Present when the rule asks for significance (and a bound was broken, so it mattered). */
  significance?: Significance;
  status: Verdict;
  /** Why, in words: `41.2 < min 45`, `cell errored: ...`, `delta -2.1 < min_delta -1 (p = 0.001 < 0.05)`. */
  reason: string;
  /** The waiver that waived this check (status waived), or an expired one that would have (status fail/warn). */
  waiver?: WaiverInfo;
}

/** A check the rule's scope covered but that does not apply (e.g. latency of a precomputed variant). */
export interface SkippedCheck {
  variant: string;
  pair?: string;
  reason: string;
}

/** The bounds of a rule, as written in the suite. */
export interface GateBounds {
  min?: number;
  max?: number;
  min_delta?: number;
  max_delta?: number;
  min_ratio?: number;
  max_ratio?: number;
}

export interface GateResult {
  id: string;
  description?: string;
  metric: string;
  /** `warn` rules never fail a run. */
  severity: 'fail' | 'warn';
  /** Absent for absolute-only rules. */
  comparedWith?: ComparedWith;
  bounds: GateBounds;
  /** Patterns the rule targets (`*` = all). */
  scope: { variants: string[]; pairs: string[]; devices: string[] };
  /** Requested significance test, when the rule has one. */
  significance?: { test: 'bs' | 'ar'; alpha: number; samples: number };
  /** Worst verdict among the checks. */
  status: Verdict;
  checks: GateCheck[];
  skipped?: SkippedCheck[];
}

const ORDER: Record<Verdict, number> = { pass: 0, waived: 1, warn: 2, fail: 3 };

/** The worst of some verdicts (pass for none). */
export function worstVerdict(verdicts: Iterable<Verdict>): Verdict {
  let worst: Verdict = 'pass';
  for (const v of verdicts) if (ORDER[v] > ORDER[worst]) worst = v;
  return worst;
}
