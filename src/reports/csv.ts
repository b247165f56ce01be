/** results.csv: one row per variant × pair × metric, with what a spreadsheet needs to filter and plot it. */
import { stringify } from 'csv-stringify/sync';
import type { RunRecord } from '../results/record.js';
import { ciOf, metricInfo, valueRows } from './record-view.js';

export const CSV_COLUMNS = [
  'run',
  'suite',
  'started_at',
  'variant',
  'model',
  'engine',
  'engine_version',
  'device',
  'precision',
  'dataset',
  'pair',
  'measure',
  'metric',
  'value',
  'unit',
  'better',
  'ci_low',
  'ci_high',
  'error',
] as const;

export function renderCsv(r: RunRecord): string {
  const variants = new Map(r.variants.map((v) => [v.id, v]));
  const records = valueRows(r).map(({ cell, metric, value }) => {
    const v = variants.get(cell.variant);
    const info = metric ? metricInfo(metric) : { unit: '' };
    const ci = metric ? ciOf(cell, metric) : undefined;
    return {
      run: r.run.id,
      suite: r.suite.name,
      started_at: r.run.startedAt,
      variant: cell.variant,
      model: v?.model ?? '',
      engine: v?.engine ?? '',
      engine_version: v?.engineVersion ?? '',
      device: v?.device ?? '',
      precision: v?.precision ?? '',
      dataset: cell.dataset ?? '',
      pair: cell.pair ?? '',
      measure: cell.measure,
      metric: metric ?? '',
      // Full precision: the CSV is for further computation, not for reading.
      value: value === undefined ? '' : String(value),
      unit: info.unit,
      better: info.better ?? '',
      ci_low: ci ? String(ci.low) : '',
      ci_high: ci ? String(ci.high) : '',
      error: cell.error ?? '',
    };
  });
  return stringify(records, { header: true, columns: [...CSV_COLUMNS] });
}
