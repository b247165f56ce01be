/** The table printed at the end of `mtgate run`: one row per variant × pair, then the gate verdicts. */
import type { RunRecord } from '../results/record.js';
import { cellFor, num, pairsOf, verdictWord } from './format.js';
import { preflightSummary } from './preflight.js';

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')).join('\n');
}

export function renderSummary(r: RunRecord): string {
  const rows: string[][] = [['variant', 'pair', 'BLEU', 'chrF', 'exact', 'p50 ms', 'p95 ms', 'tok/s', 'cold ms']];
  for (const v of r.variants) {
    const cold = cellFor(r, v.id, 'cold_start')?.values['cold_start.median_ms'];
    for (const pair of pairsOf(r)) {
      const q = cellFor(r, v.id, 'quality', pair)?.values ?? {};
      const a = cellFor(r, v.id, 'agreement', pair)?.values;
      const l = cellFor(r, v.id, 'latency', pair)?.values ?? {};
      rows.push([
        v.id + (v.isReference ? '*' : ''),
        pair,
        num(q.bleu),
        num(q.chrf),
        v.isReference ? 'ref' : a ? `${num((a['agreement.exact_match'] ?? NaN) * 100, 0)}%` : '–',
        num(l['latency.p50_ms']),
        num(l['latency.p95_ms']),
        num(l['latency.tokens_per_s'], 0),
        num(cold, 0),
      ]);
    }
  }
  const lines = [table(rows), '', ...preflightSummary(r)];
  for (const g of r.gates) {
    const allSkipped = !g.checks.length && g.skipped?.length;
    lines.push(`${allSkipped ? 'SKIP' : g.status.toUpperCase().padEnd(4)}  ${g.id} (${g.metric})${allSkipped ? `: ${g.skipped![0].reason}` : ''}`);
    const failing = g.checks.filter((x) => x.status !== 'pass');
    for (const c of failing.slice(0, 5)) lines.push(`      ${c.variant}${c.pair ? ` ${c.pair}` : ''}: ${c.reason}`);
    if (failing.length > 5) lines.push(`      … and ${failing.length - 5} more`);
  }
  for (const c of r.cells.filter((x) => x.invalid)) lines.push(`INVALID ${c.variant}${c.pair ? ` ${c.pair}` : ''} ${c.measure}: ${c.invalid}`);
  const errored = r.cells.filter((c) => c.error);
  for (const c of errored.slice(0, 10)) lines.push(`ERROR ${c.variant}${c.pair ? ` ${c.pair}` : ''} ${c.measure}: ${c.error}`);
  if (errored.length > 10) lines.push(`ERROR … and ${errored.length - 10} more (see the report)`);
  lines.push('', `${verdictWord(r)} · * = reference variant · report: ${r.run.folder}/report.md`);
  return lines.join('\n');
}
