/**
 * Gate rules over a run's values. Every rule yields one check per variant
 * (× pair) it covers, each with its evidence. Fail-closed: a value that is
 * missing or whose cell errored fails the check, and a rule that covers
 * nothing fails too (a typo in a pattern must not pass silently).
 * A `severity: warn` rule turns its failures into warnings; an active waiver
 * turns a failure or warning into `waived`; an expired waiver changes nothing
 * but is named in the reason.
 */
import { lookup, measureOf, VARIANT_LEVEL_MEASURES, type Cell, type RunRecord } from '../results/record.js';
import type { GateRule, QualitySettings, Waiver } from '../suite/types.js';
import { matchesAny } from './patterns.js';
import { deltaCiSignificance, pairedSignificance, type OutputsSource } from './significance.js';
import { worstVerdict, type ComparedWith, type GateCheck, type GateResult, type Significance, type SkippedCheck } from './types.js';
import { findWaiver } from './waivers.js';

export type { GateCheck, GateResult, Verdict } from './types.js';

const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(Math.abs(x) >= 100 ? 1 : 3));

function bounds(rule: GateRule, value: number, ref?: number): { absolute: string[]; relative: string[]; delta?: number; ratio?: number } {
  const absolute: string[] = [];
  const relative: string[] = [];
  if (rule.min !== undefined && value < rule.min) absolute.push(`${fmt(value)} < min ${fmt(rule.min)}`);
  if (rule.max !== undefined && value > rule.max) absolute.push(`${fmt(value)} > max ${fmt(rule.max)}`);
  if (ref === undefined) return { absolute, relative };
  const delta = value - ref;
  const ratio = ref === 0 ? NaN : value / ref;
  if (rule.min_delta !== undefined && delta < rule.min_delta) relative.push(`delta ${fmt(delta)} < min_delta ${fmt(rule.min_delta)}`);
  if (rule.max_delta !== undefined && delta > rule.max_delta) relative.push(`delta ${fmt(delta)} > max_delta ${fmt(rule.max_delta)}`);
  if (rule.min_ratio !== undefined && !(ratio >= rule.min_ratio)) relative.push(`ratio ${fmt(ratio)} < min_ratio ${fmt(rule.min_ratio)}`);
  if (rule.max_ratio !== undefined && !(ratio <= rule.max_ratio)) relative.push(`ratio ${fmt(ratio)} > max_ratio ${fmt(rule.max_ratio)}`);
  return { absolute, relative, delta, ratio };
}

type GateInput = Pick<RunRecord, 'cells' | 'variants' | 'datasets' | 'suite'> & { run?: Pick<RunRecord['run'], 'id' | 'folder'> };

export interface GateOptions {
  /** The baseline run, for `vs: baseline` rules. */
  baseline?: GateInput;
  waivers?: readonly Waiver[];
  /** "Today" for waiver expiry (default: now). */
  now?: Date;
  /** Quality metric settings, so significance tests score as the run did. */
  quality?: QualitySettings;
  /** Where hypotheses and references are read from for paired tests (default: the files the records name). */
  outputs?: OutputsSource;
}

export function evaluateGates(rules: readonly GateRule[], record: GateInput, opts: GateOptions = {}): GateResult[] {
  return rules.map((rule) => evaluateGate(rule, record, opts));
}

const isMissing = (x: { value?: number }) => x.value === undefined || Number.isNaN(x.value);
const skippedNote = (cell?: Cell) => (cell?.details?.skipped as string | undefined) ?? undefined;

export function evaluateGate(rule: GateRule, record: GateInput, opts: GateOptions = {}): GateResult {
  // Cold start and memory are measured once per variant, not per pair.
  const pairScoped = !VARIANT_LEVEL_MEASURES.has(measureOf(rule.metric));
  const reference = record.suite.reference;
  const now = opts.now ?? new Date();
  const comparedWith: ComparedWith | undefined = rule.vs;
  const variants = record.variants.filter(
    (v) => matchesAny(v.id, rule.variants) && matchesAny(v.device, rule.devices ?? ['*']) && !(comparedWith === 'reference' && v.id === reference),
  );
  const pairs = pairScoped ? [...new Set(record.datasets.map((d) => d.pair))].filter((p) => matchesAny(p, rule.pairs)) : [undefined];
  const checks: GateCheck[] = [];
  const skipped: SkippedCheck[] = [];

  for (const { id: variant, device } of variants) {
    for (const pair of pairs) {
      const at = { variant, pair, device };
      if (variant === reference && measureOf(rule.metric) === 'agreement') {
        skipped.push({ variant, pair, reason: 'the reference variant is what agreement is measured against' });
        continue;
      }
      const own = lookup(record, variant, pair, rule.metric);
      const skip = skippedNote(own.cell) ?? skippedCellFor(record, variant, pair, rule.metric);
      if (skip) {
        skipped.push({ variant, pair, reason: skip });
        continue;
      }
      if (isMissing(own)) {
        checks.push({ ...at, status: 'fail', reason: own.error ? `cell errored: ${own.error}` : 'no value was measured' });
        continue;
      }
      if (own.invalid) {
        checks.push({ ...at, value: own.value, status: 'fail', reason: `INVALID: ${own.invalid}` });
        continue;
      }
      const value = own.value!;
      let ref: number | undefined;
      let baselineRun: string | undefined;
      if (comparedWith === 'reference') {
        const r = lookup(record, reference, pair, rule.metric);
        if (isMissing(r)) {
          checks.push({ ...at, value, comparedWith, status: 'fail', reason: r.error ? `reference cell errored: ${r.error}` : `reference ${reference} has no value` });
          continue;
        }
        if (r.invalid) {
          checks.push({ ...at, value, comparedWith, status: 'fail', reason: `reference INVALID: ${r.invalid}` });
          continue;
        }
        ref = r.value;
      } else if (comparedWith === 'baseline') {
        const base = opts.baseline;
        baselineRun = base?.run?.id;
        if (!base) {
          // A run without a baseline (the first nightly) has nothing to compare with: noted, not judged.
          skipped.push({ variant, pair, reason: 'no baseline run given (--baseline <run.json|run folder|last-passing>)' });
          continue;
        }
        if (!base.variants.some((v) => v.id === variant)) {
          checks.push({ ...at, value, comparedWith, baselineRun, status: 'fail', reason: `baseline run ${baselineRun ?? ''} has no variant ${variant}` });
          continue;
        }
        const r = lookup(base, variant, pair, rule.metric);
        if (isMissing(r)) {
          checks.push({ ...at, value, comparedWith, baselineRun, status: 'fail', reason: r.error ? `baseline cell errored: ${r.error}` : `baseline run ${baselineRun ?? ''} has no value` });
          continue;
        }
        if (r.invalid) {
          checks.push({ ...at, value, comparedWith, baselineRun, status: 'fail', reason: `baseline INVALID: ${r.invalid}` });
          continue;
        }
        ref = r.value;
      }
      const { absolute, relative, delta, ratio } = bounds(rule, value, ref);
      let significance: Significance | undefined;
      const failures = [...absolute];
      if (rule.significance && comparedWith && pair !== undefined) {
        significance = significanceFor(rule, record, opts, { variant, pair, comparedWith, reference });
      } else if (rule.significance && comparedWith) {
        significance = deltaCiSignificance(own.cell, rule.metric, comparedWith === 'reference' ? reference : undefined);
      }
      if (relative.length) {
        if (significance && significance.significant === false) {
          // Broken but indistinguishable from noise: recorded, not failed.
          relative.length = 0;
        } else failures.push(...relative);
      }
      const sigText = significance ? describeSignificance(significance) : '';
      const reason = failures.length
        ? `${failures.join('; ')}${sigText ? ` (${sigText})` : ''}`
        : `within bounds${sigText ? ` (${sigText})` : ''}`;
      checks.push({ ...at, value, comparedWith, referenceValue: ref, baselineRun, delta, ratio, significance, status: failures.length ? 'fail' : 'pass', reason });
    }
  }
  if (!checks.length && !skipped.length) {
    checks.push({ variant: rule.variants.join(','), status: 'fail', reason: 'the rule matched no variant and pair; check its variants/pairs/devices patterns' });
  }
  for (const c of checks) applySeverityAndWaivers(rule, c, opts.waivers ?? [], now);
  return {
    id: rule.id,
    description: rule.description,
    metric: rule.metric,
    severity: rule.severity ?? 'fail',
    comparedWith,
    bounds: pick(rule, ['min', 'max', 'min_delta', 'max_delta', 'min_ratio', 'max_ratio']),
    scope: { variants: rule.variants, pairs: rule.pairs, devices: rule.devices ?? ['*'] },
    significance: rule.significance,
    status: worstVerdict(checks.map((c) => c.status)),
    checks,
    ...(skipped.length ? { skipped } : {}),
  };
}

function applySeverityAndWaivers(rule: GateRule, check: GateCheck, waivers: readonly Waiver[], now: Date): void {
  if (check.status !== 'fail') return;
  if (rule.severity === 'warn') check.status = 'warn';
  const waiver = findWaiver(waivers, rule.id, check, now);
  if (!waiver) return;
  check.waiver = waiver;
  if (waiver.state === 'active') {
    check.status = 'waived';
    check.reason = `${check.reason}; waived by ${waiver.id} (${waiver.owner}, until ${waiver.expires}: ${waiver.reason})`;
  } else {
    check.reason = `${check.reason}; waiver ${waiver.id} (${waiver.owner}) expired on ${waiver.expires}`;
  }
}

/** A measure that was skipped for this variant (e.g. latency of precomputed outputs) produces a note, not a value. */
function skippedCellFor(record: GateInput, variant: string, pair: string | undefined, metric: string): string | undefined {
  const measure = measureOf(metric);
  const cell = record.cells.find((c) => c.variant === variant && c.measure === measure && (pair === undefined || c.pair === undefined || c.pair === pair) && c.details?.skipped);
  return skippedNote(cell);
}

function significanceFor(
  rule: GateRule,
  record: GateInput,
  opts: GateOptions,
  at: { variant: string; pair: string; comparedWith: ComparedWith; reference: string },
): Significance {
  const measure = measureOf(rule.metric);
  if (measure === 'quality') {
    const other = at.comparedWith === 'reference' ? { record, variant: at.reference } : { record: opts.baseline!, variant: at.variant };
    return pairedSignificance(rule.metric as 'bleu' | 'chrf' | 'ter', rule.significance!, { record, variant: at.variant }, other, at.pair, opts.quality, opts.outputs);
  }
  const own = lookup(record, at.variant, at.pair, rule.metric).cell;
  if (measure === 'latency' || measure === 'cold_start') return deltaCiSignificance(own, rule.metric, at.comparedWith === 'reference' ? at.reference : undefined);
  return { kind: 'none', significant: null, note: `no significance test for ${rule.metric}` };
}

export function describeSignificance(s: Significance): string {
  switch (s.kind) {
    case 'paired-test':
      return `${s.test === 'bs' ? 'paired bootstrap' : 'approximate randomization'} p = ${s.pValue.toFixed(4)} ${s.significant ? '<' : '≥'} ${s.alpha}: ${s.significant ? 'significant' : 'not significant'}`;
    case 'delta-ci':
      return `delta CI [${fmt(s.low)}, ${fmt(s.high)}] ${s.significant ? 'excludes' : 'includes'} 0: ${s.significant ? 'significant' : 'not significant'}`;
    case 'none':
      return s.note;
  }
}

function pick<T extends object, K extends keyof T>(o: T, keys: K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}
