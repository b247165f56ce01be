/**
 * "Worse by more than X and statistically significant": the evidence behind
 * a broken delta/ratio bound. Quality metrics get sacreBLEU's paired tests on
 * the stored hypotheses (the run folder's hypotheses/, the dataset references
 * the record names); timings use a confidence interval of the delta when the
 * measure recorded one. When nothing can decide, the bound alone decides and
 * the evidence says why (fail-closed).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describeError } from '../errors.js';
import { qualityMetric } from '../measures/quality.js';
import { pairedApproxRandomization, pairedBootstrap } from '../metrics/index.js';
import { readLines } from '../metrics/read-lines.js';
import type { Cell, RunRecord } from '../results/record.js';
import type { GateRule, QualitySettings } from '../suite/types.js';
import type { DeltaCiEvidence, NoSignificanceEvidence, Significance } from './types.js';

type RecordLike = Pick<RunRecord, 'cells' | 'datasets'> & { run?: Pick<RunRecord['run'], 'folder'> };

/** Where a run's hypotheses and references come from. */
export interface OutputsSource {
  hypotheses(record: RecordLike, variant: string, pair: string): string[];
  references(record: RecordLike, pair: string): string[][];
}

/** The hypotheses file of a variant × pair: the run folder's hypotheses/ first (folders move), else the path the record names. */
export function hypothesesPath(record: RecordLike, variant: string, pair: string): string {
  const dataset = record.datasets.find((d) => d.pair === pair);
  if (!dataset) throw new Error(`the run has no dataset for ${pair}`);
  const tgt = pair.split('-')[1];
  const candidates: string[] = [];
  if (record.run?.folder) candidates.push(join(record.run.folder, 'hypotheses', variant, `${dataset.id}.${tgt}`));
  const cell = record.cells.find((c) => c.variant === variant && c.pair === pair && c.measure === 'translation');
  const named = cell?.details?.hypotheses;
  if (typeof named === 'string') candidates.push(named);
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`no stored hypotheses for ${variant} ${pair} (looked for ${candidates.join(', ') || 'a translation cell'})`);
  return found;
}

export const fileOutputs: OutputsSource = {
  hypotheses: (record, variant, pair) => {
    const dataset = record.datasets.find((d) => d.pair === pair)!;
    return readLines(hypothesesPath(record, variant, pair)).slice(0, dataset.lines);
  },
  references: (record, pair) => {
    const dataset = record.datasets.find((d) => d.pair === pair);
    if (!dataset) throw new Error(`the run has no dataset for ${pair}`);
    return dataset.references.map((r) => readLines(r).slice(0, dataset.lines));
  },
};

const none = (note: string): NoSignificanceEvidence => ({ kind: 'none', significant: null, note });

export function pairedSignificance(
  metricName: 'bleu' | 'chrf' | 'ter',
  test: NonNullable<GateRule['significance']>,
  system: { record: RecordLike; variant: string },
  compared: { record: RecordLike; variant: string },
  pair: string,
  quality: QualitySettings | undefined,
  source: OutputsSource = fileOutputs,
): Significance {
  try {
    const hyps = source.hypotheses(system.record, system.variant, pair);
    const base = source.hypotheses(compared.record, compared.variant, pair);
    if (hyps.length !== base.length) return none(`cannot pair the outputs: ${hyps.length} lines vs ${base.length} in the compared run`);
    const refs = source.references(system.record, pair);
    const metric = qualityMetric(metricName, quality);
    // A fixed seed (sacreBLEU's default) makes the verdict reproducible.
    const r =
      test.test === 'bs'
        ? pairedBootstrap(metric, base, [hyps], refs, { nBootstrap: test.samples, seed: 12345, parallel: false })
        : pairedApproxRandomization(metric, base, [hyps], refs, { nTrials: test.samples, seed: 12345, parallel: false });
    const s = r.systems[0];
    // sacreBLEU counts resampled differences strictly above the real one, so a zero
    // difference gets p = 1/(N+1); no difference is never a significant one.
    const pValue = s.score === r.baseline.score ? 1 : (s.p_value ?? 1);
    return {
      kind: 'paired-test',
      test: test.test,
      samples: test.samples,
      alpha: test.alpha,
      pValue,
      significant: pValue < test.alpha,
      comparedScore: r.baseline.score,
      score: s.score,
      ...(s.mean !== null && s.ci !== null ? { mean: s.mean, ci: s.ci } : {}),
      signature: r.signature,
    };
  } catch (err) {
    return none(`paired test not possible: ${describeError(err)}`);
  }
}

interface RecordedCi {
  low: number;
  high: number;
  level?: number;
  vs?: string;
}

/**
 * A CI of the delta recorded by the measure, in `cell.details.deltaCi[metric]`
 * as `{ low, high, level?, vs? }` (vs = the variant it was measured against,
 * interleaved). Only usable against that variant.
 */
export function deltaCiSignificance(cell: Cell | undefined, metric: string, against: string | undefined): Significance {
  const all = cell?.details?.deltaCi as Record<string, RecordedCi> | undefined;
  const ci = all?.[metric];
  if (!ci || typeof ci.low !== 'number' || typeof ci.high !== 'number') return none('no CI recorded');
  if (against === undefined) return none('no CI recorded against the baseline run (delta CIs exist only within a run)');
  if (ci.vs !== undefined && ci.vs !== against) return none(`the recorded CI is against ${ci.vs}, not ${against}`);
  const evidence: DeltaCiEvidence = { kind: 'delta-ci', low: ci.low, high: ci.high, level: ci.level, significant: ci.low > 0 || ci.high < 0 };
  return evidence;
}
