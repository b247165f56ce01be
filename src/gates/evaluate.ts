/**
 * Gate rules over a run's values. Every rule yields one check per variant
 * (× pair) it covers, each with its evidence. Fail-closed: a value that is
 * missing or whose cell errored fails the check, and a rule that covers
 * nothing fails too (a typo in a pattern must not pass silently).
 */
import { lookup, measureOf, VARIANT_LEVEL_MEASURES, type RunRecord } from '../results/record.js';
import type { GateRule } from '../suite/types.js';
import { matchesAny } from './patterns.js';

export type Verdict = 'pass' | 'fail';

export interface GateCheck {
  variant: string;
  pair?: string;
  value?: number;
  referenceValue?: number;
  delta?: number;
  ratio?: number;
  status: Verdict;
  /** Why, in words: `41.2 < min 45` or `cell errored: ...`. */
  reason: string;
}

export interface GateResult {
  id: string;
  description?: string;
  metric: string;
  status: Verdict;
  checks: GateCheck[];
}

const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(Math.abs(x) >= 100 ? 1 : 3));

function bounds(rule: GateRule, value: number, ref?: number): { failures: string[]; delta?: number; ratio?: number } {
  const failures: string[] = [];
  if (rule.min !== undefined && value < rule.min) failures.push(`${fmt(value)} < min ${fmt(rule.min)}`);
  if (rule.max !== undefined && value > rule.max) failures.push(`${fmt(value)} > max ${fmt(rule.max)}`);
  if (ref === undefined) return { failures };
  const delta = value - ref;
  const ratio = ref === 0 ? NaN : value / ref;
  if (rule.min_delta !== undefined && delta < rule.min_delta) failures.push(`delta ${fmt(delta)} < min_delta ${fmt(rule.min_delta)}`);
  if (rule.max_delta !== undefined && delta > rule.max_delta) failures.push(`delta ${fmt(delta)} > max_delta ${fmt(rule.max_delta)}`);
  if (rule.min_ratio !== undefined && !(ratio >= rule.min_ratio)) failures.push(`ratio ${fmt(ratio)} < min_ratio ${fmt(rule.min_ratio)}`);
  if (rule.max_ratio !== undefined && !(ratio <= rule.max_ratio)) failures.push(`ratio ${fmt(ratio)} > max_ratio ${fmt(rule.max_ratio)}`);
  return { failures, delta, ratio };
}

type GateInput = Pick<RunRecord, 'cells' | 'variants' | 'datasets' | 'suite'>;

export function evaluateGates(rules: readonly GateRule[], record: GateInput): GateResult[] {
  return rules.map((rule) => evaluateGate(rule, record));
}

export function evaluateGate(rule: GateRule, record: GateInput): GateResult {
  // Cold start and memory are measured once per variant, not per pair.
  const pairScoped = !VARIANT_LEVEL_MEASURES.has(measureOf(rule.metric));
  const reference = record.suite.reference;
  const variants = record.variants.map((v) => v.id).filter((id) => matchesAny(id, rule.variants) && !(rule.vs && id === reference));
  const pairs = pairScoped ? [...new Set(record.datasets.map((d) => d.pair))].filter((p) => matchesAny(p, rule.pairs)) : [undefined];
  const checks: GateCheck[] = [];
  for (const variant of variants) {
    for (const pair of pairs) {
      const own = lookup(record, variant, pair, rule.metric);
      const at = { variant, pair };
      if (own.value === undefined || Number.isNaN(own.value)) {
        checks.push({ ...at, status: 'fail', reason: own.error ? `cell errored: ${own.error}` : 'no value was measured' });
        continue;
      }
      if (own.invalid) {
        checks.push({ ...at, value: own.value, status: 'fail', reason: `INVALID: ${own.invalid}` });
        continue;
      }
      let ref: number | undefined;
      if (rule.vs === 'reference') {
        const r = lookup(record, reference, pair, rule.metric);
        if (r.value === undefined || Number.isNaN(r.value)) {
          checks.push({ ...at, value: own.value, status: 'fail', reason: r.error ? `reference cell errored: ${r.error}` : `reference ${reference} has no value` });
          continue;
        }
        if (r.invalid) {
          checks.push({ ...at, value: own.value, referenceValue: r.value, status: 'fail', reason: `reference INVALID: ${r.invalid}` });
          continue;
        }
        ref = r.value;
      }
      const { failures, delta, ratio } = bounds(rule, own.value, ref);
      checks.push({
        ...at,
        value: own.value,
        referenceValue: ref,
        delta,
        ratio,
        status: failures.length ? 'fail' : 'pass',
        reason: failures.length ? failures.join('; ') : 'within bounds',
      });
    }
  }
  if (!checks.length) {
    checks.push({ variant: rule.variants.join(','), status: 'fail', reason: 'the rule matched no variant and pair; check its variants/pairs patterns' });
  }
  return {
    id: rule.id,
    description: rule.description,
    metric: rule.metric,
    status: checks.every((c) => c.status === 'pass') ? 'pass' : 'fail',
    checks,
  };
}
