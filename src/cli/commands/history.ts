import { join, resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { UsageError } from '../../errors.js';
import { matchesAny } from '../../gates/patterns.js';
import { HISTORY_FILE, requireHistory, type HistoryEntry } from '../../results/history.js';

interface HistoryArgs {
  reports: string;
  suite?: string;
  metric: string[];
  variant: string[];
  pair: string[];
  last: number;
  json: boolean;
}

const BARS = '▁▂▃▄▅▆▇█';

/** A one-line sparkline of a series (gaps as spaces). */
export function sparkline(values: readonly (number | undefined)[]): string {
  const present = values.filter((v): v is number => v !== undefined);
  if (!present.length) return '';
  const lo = Math.min(...present);
  const hi = Math.max(...present);
  return values.map((v) => (v === undefined ? ' ' : BARS[hi === lo ? 3 : Math.round(((v - lo) / (hi - lo)) * (BARS.length - 1))])).join('');
}

export interface TrendRow {
  key: string;
  values: (number | undefined)[];
}

/** Rows variant|pair|metric × the last runs' values, oldest first. */
export function trendRows(entries: readonly HistoryEntry[], metrics: string[], variants: string[], pairs: string[]): TrendRow[] {
  const keys = new Set<string>();
  for (const e of entries) {
    for (const k of Object.keys(e.metrics)) {
      const [variant, pair, metric] = k.split('|');
      if (matchesAny(metric, metrics) && matchesAny(variant, variants) && (pair === '' || matchesAny(pair, pairs))) keys.add(k);
    }
  }
  return [...keys].sort().map((key) => ({ key, values: entries.map((e) => e.metrics[key]) }));
}

const fmt = (v: number | undefined) => (v === undefined ? '–' : Math.abs(v) >= 1000 ? v.toFixed(0) : Math.abs(v) < 1 ? v.toFixed(3) : v.toFixed(2));

function arrow(values: readonly (number | undefined)[]): string {
  const present = values.filter((v): v is number => v !== undefined);
  if (present.length < 2) return '';
  const [a, b] = present.slice(-2);
  return b > a ? '↑' : b < a ? '↓' : '→';
}

const historyCommand: CommandModule<object, HistoryArgs> = {
  command: 'history',
  describe: 'Trends from <reports>/history.jsonl: a metric per run, with sparklines',
  builder: (y: Argv) =>
    y
      .option('reports', { type: 'string', default: 'reports', describe: 'Folder holding history.jsonl' })
      .option('suite', { type: 'string', describe: 'Only runs of this suite (default: the suite of the newest run)' })
      .option('metric', { type: 'string', array: true, default: ['bleu', 'chrf', 'latency.p50_ms'], describe: 'Metric names or glob patterns' })
      .option('variant', { type: 'string', array: true, default: ['*'], describe: 'Variant ids or patterns' })
      .option('pair', { type: 'string', array: true, default: ['*'], describe: 'Pairs or patterns' })
      .option('last', { type: 'number', default: 10, describe: 'How many runs (newest last)' })
      .option('json', { type: 'boolean', default: false, describe: 'Print the selected entries and rows as JSON' }) as Argv<HistoryArgs>,
  handler: (args) => {
    const path = join(resolve(args.reports), HISTORY_FILE);
    const { entries, skipped } = requireHistory(path);
    if (!entries.length) throw new UsageError(`${path}: holds no runs yet`);
    const suite = args.suite ?? entries[entries.length - 1].suite;
    const runs = entries.filter((e) => e.suite === suite).slice(-Math.max(1, args.last));
    if (!runs.length) throw new UsageError(`${path}: no runs of suite ${suite}; suites: ${[...new Set(entries.map((e) => e.suite))].join(', ')}`);
    const rows = trendRows(runs, args.metric, args.variant, args.pair);
    if (args.json) {
      process.stdout.write(`${JSON.stringify({ suite, runs: runs.map(({ metrics: _m, ...rest }) => rest), rows }, null, 2)}\n`);
      return;
    }
    const out: string[] = [`suite ${suite} · ${runs.length} run${runs.length === 1 ? '' : 's'} (oldest first)`, ''];
    runs.forEach((e, i) => out.push(`  #${i + 1}  ${e.startedAt}  ${e.outcome.exitCode === 0 ? 'PASS' : `FAIL(${e.outcome.exitCode})`}  ${e.id}`));
    out.push('');
    const header = ['variant|pair|metric', ...runs.map((_, i) => `#${i + 1}`), 'trend', ''];
    const table = [header, ...rows.map((r) => [r.key, ...r.values.map(fmt), sparkline(r.values), arrow(r.values)])];
    const widths = header.map((_, i) => Math.max(...table.map((row) => row[i].length)));
    for (const row of table) out.push(row.map((c, i) => (i === 0 || i >= runs.length + 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd());
    if (!rows.length) out.push(`(no values for metrics ${args.metric.join(', ')})`);
    if (skipped.length) out.push('', `skipped unreadable history lines: ${skipped.join(', ')}`);
    process.stdout.write(`${out.join('\n')}\n`);
  },
};

export default historyCommand;
