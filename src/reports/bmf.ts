/**
 * bmf.json, Bencher Metric Format (`bencher run --adapter json --file bmf.json`):
 * `{ "<variant>/<pair>": { "<measure>": { value, lower_value?, upper_value? } } }`.
 * Variant-level values (cold start, memory) use the variant alone as the
 * benchmark name. Measure keys are Bencher slugs (lowercase, `-`); bounds come
 * from the cell's confidence interval when it has one.
 */
import type { RunRecord } from '../results/record.js';
import { ciOf, valueRows } from './record-view.js';

export interface BmfMetric {
  value: number;
  lower_value?: number;
  upper_value?: number;
}

export const bmfSlug = (metric: string) => metric.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

export function bmfOf(r: RunRecord): Record<string, Record<string, BmfMetric>> {
  const out: Record<string, Record<string, BmfMetric>> = {};
  for (const { cell, metric, value } of valueRows(r)) {
    // Bencher takes finite numbers only; an errored or NaN value is left out (results.csv and run.json keep it).
    if (metric === undefined || value === undefined || !Number.isFinite(value)) continue;
    const name = cell.pair ? `${cell.variant}/${cell.pair}` : cell.variant;
    const ci = ciOf(cell, metric);
    (out[name] ??= {})[bmfSlug(metric)] = ci ? { value, lower_value: ci.low, upper_value: ci.high } : { value };
  }
  return out;
}

export const renderBmf = (r: RunRecord): string => `${JSON.stringify(bmfOf(r), null, 2)}\n`;
