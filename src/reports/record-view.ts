/**
 * Read-only views of a run record that every report format shares. Gates and
 * measures grow new fields on other branches (verdicts warn/waived, waivers,
 * significance, CIs, cache states), so these readers take what is there and
 * never assume a field beyond the record's core shape.
 */
import { METRICS } from '../measures/registry.js';
import { measureOf, type Cell, type RunRecord } from '../results/record.js';

/** A gate check as stored, with whatever evidence fields its producer added. */
export type LooseCheck = { variant: string; pair?: string; status: string; reason?: string } & Record<string, unknown>;
export type LooseGate = { id: string; metric: string; status: string; description?: string; checks: LooseCheck[] } & Record<string, unknown>;

export const gatesOf = (r: RunRecord): LooseGate[] => r.gates as unknown as LooseGate[];

/** Worst first; an unknown verdict ranks as fail so nothing unrecognised reads as a pass. */
const RANK: Record<string, number> = { pass: 0, waived: 1, warn: 2, fail: 3 };
export const verdictRank = (v: string): number => RANK[v] ?? 3;
export function worst(verdicts: Iterable<string>): string | undefined {
  let out: string | undefined;
  for (const v of verdicts) if (out === undefined || verdictRank(v) > verdictRank(out)) out = v;
  return out;
}

/** Check fields every report shows in their own columns; anything else is evidence shown generically. */
export const CORE_CHECK_FIELDS = new Set(['variant', 'pair', 'device', 'status', 'reason', 'value', 'referenceValue', 'delta', 'ratio']);
export const CORE_GATE_FIELDS = new Set(['id', 'metric', 'status', 'description', 'checks']);

/** Extra fields as `key: value` strings (objects compacted to JSON), for any format to escape and show. */
export function extraFields(obj: Record<string, unknown>, core: ReadonlySet<string>): [string, string][] {
  return Object.entries(obj)
    .filter(([k, v]) => !core.has(k) && v !== undefined && v !== null)
    .map(([k, v]) => [k, typeof v === 'object' ? compactJson(v) : String(v)]);
}

function compactJson(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'number' && !Number.isInteger(x) ? Number(x.toPrecision(6)) : x));
}

export interface MetricInfo {
  unit: string;
  better?: 'higher' | 'lower';
}

/** Unit and direction of a metric from the measure registry; a metric it does not know gets a blank unit. */
export function metricInfo(metric: string): MetricInfo {
  const def = METRICS.get(metric);
  return def ? { unit: def.unit, better: def.better } : { unit: '' };
}

/**
 * A confidence interval for a cell value when the cell's details carry one.
 * Accepted shapes (by metric name or under `ci`): `{ low, high }`, `{ lower, upper }`,
 * `{ ci_low, ci_high }`, `[low, high]`, or `{ mean, ci }` meaning mean ± ci (sacreBLEU's bootstrap).
 */
export function ciOf(cell: Cell, metric: string): { low: number; high: number } | undefined {
  const d = cell.details;
  if (!d) return undefined;
  const short = metric.includes('.') ? metric.slice(metric.indexOf('.') + 1) : metric;
  const candidates: unknown[] = [d[metric], (d[metric] as { ci?: unknown } | undefined)?.ci, (d.ci as Record<string, unknown> | undefined)?.[metric], (d.ci as Record<string, unknown> | undefined)?.[short], d[`${short}_ci`], d[`${metric}_ci`]];
  for (const c of candidates) {
    const ci = asInterval(c);
    if (ci) return ci;
  }
  return undefined;
}

function asInterval(c: unknown): { low: number; high: number } | undefined {
  const ok = (low: unknown, high: unknown) => (typeof low === 'number' && typeof high === 'number' && Number.isFinite(low) && Number.isFinite(high) && low <= high ? { low, high } : undefined);
  if (Array.isArray(c) && c.length === 2) return ok(c[0], c[1]);
  if (!c || typeof c !== 'object') return undefined;
  const o = c as Record<string, unknown>;
  return (
    ok(o.low, o.high) ??
    ok(o.lower, o.upper) ??
    ok(o.ci_low, o.ci_high) ??
    ok(o.ciLow, o.ciHigh) ??
    (typeof o.mean === 'number' && typeof o.ci === 'number' ? ok(o.mean - o.ci, o.mean + o.ci) : undefined)
  );
}

/** Every numeric value of the record, one row per variant × (pair) × metric, plus one row per errored cell. */
export interface ValueRow {
  cell: Cell;
  metric?: string;
  value?: number;
}

export function valueRows(r: RunRecord): ValueRow[] {
  const rows: ValueRow[] = [];
  for (const cell of r.cells) {
    if (cell.error) rows.push({ cell });
    for (const [metric, value] of Object.entries(cell.values)) rows.push({ cell, metric, value });
  }
  return rows;
}

/** Performance (speed, memory) or quality (scores, agreement): the two halves of a sign-off. */
export function categoryOf(metric: string): 'performance' | 'quality' {
  const m = measureOf(metric);
  return m === 'quality' || m === 'agreement' ? 'quality' : 'performance';
}

/** Measures that have values (translation is bookkeeping, not a measure with values). */
export function measuresOf(r: RunRecord): string[] {
  return [...new Set(r.cells.filter((c) => c.measure !== 'translation').map((c) => c.measure))];
}
