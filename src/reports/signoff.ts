/**
 * The release sign-off view: one verdict per variant × device × pair that
 * combines every performance and quality gate check covering it (a
 * variant-level check such as cold start covers all of the variant's pairs),
 * with the waivers that waived any of them. Written as signoff.csv and shown
 * in the HTML and Markdown reports.
 */
import { stringify } from 'csv-stringify/sync';
import type { RunRecord } from '../results/record.js';
import { escapeMarkdown as esc, markdownTable, pairsOf } from './format.js';
import { categoryOf, gatesOf, worst } from './record-view.js';

export interface SignoffRow {
  variant: string;
  device: string;
  pair: string;
  /** Worst verdict of the checks, or `none` when no gate covers this combination. */
  verdict: string;
  performance: string;
  quality: string;
  /** `gate: reason` of every check that did not pass. */
  findings: string[];
  /** Ids of the waivers that waived a check here (`(expired)` when one no longer waives). */
  waivers: string[];
  /** Cells of this variant and pair (or variant-level) that errored. */
  errors: string[];
}

const NONE = 'none';

export function signoffRows(r: RunRecord): SignoffRow[] {
  const rows: SignoffRow[] = [];
  const gates = gatesOf(r);
  for (const v of r.variants) {
    for (const pair of pairsOf(r)) {
      const perf: string[] = [];
      const qual: string[] = [];
      const findings: string[] = [];
      const waivers = new Set<string>();
      let device = v.device;
      for (const g of gates) {
        for (const c of g.checks) {
          if (c.variant !== v.id || (c.pair !== undefined && c.pair !== pair)) continue;
          if (typeof c.device === 'string') device = c.device;
          (categoryOf(g.metric) === 'performance' ? perf : qual).push(c.status);
          if (c.status !== 'pass') findings.push(`${g.id}: ${c.status} — ${c.reason ?? ''}`);
          const w = c.waiver as { id?: unknown; state?: unknown } | undefined;
          if (w && typeof w.id === 'string') waivers.add(w.state === 'expired' ? `${w.id} (expired)` : w.id);
        }
      }
      const errors = r.cells.filter((c) => c.error && c.variant === v.id && (c.pair === undefined || c.pair === pair)).map((c) => `${c.measure}: ${c.error}`);
      const performance = worst(perf) ?? NONE;
      const quality = worst(qual) ?? NONE;
      // An errored cell with no gate on it still keeps the combination from signing off as a pass.
      const verdict = worst([...perf, ...qual, ...(errors.length ? ['fail'] : [])]) ?? NONE;
      rows.push({ variant: v.id, device, pair, verdict, performance, quality, findings, waivers: [...waivers], errors });
    }
  }
  return rows;
}

export function renderSignoffCsv(r: RunRecord): string {
  const rows = signoffRows(r);
  return stringify(
    rows.map((s) => [r.run.id, r.suite.name, s.variant, s.device, s.pair, s.verdict, s.performance, s.quality, s.waivers.join(' '), s.findings.join(' | '), s.errors.join(' | ')]),
    { header: true, columns: ['run', 'suite', 'variant', 'device', 'pair', 'verdict', 'performance', 'quality', 'waivers', 'findings', 'errors'] },
  );
}

const MD_VERDICT: Record<string, string> = { pass: '✅ pass', fail: '❌ **fail**', warn: '⚠️ warn', waived: '🟦 waived', none: '– none' };

/** The sign-off as a Markdown section (report.md and the GitHub step summary). */
export function renderSignoffMarkdown(r: RunRecord): string[] {
  const rows = signoffRows(r);
  if (!rows.length) return [];
  const word = (v: string) => MD_VERDICT[v] ?? esc(v);
  return [
    '## Sign-off',
    '',
    'One verdict per variant × device × pair: the worst of the performance and quality checks that cover it (an errored cell fails it; none = no gate covers it).',
    '',
    markdownTable(
      ['variant', 'device', 'pair', 'verdict', 'performance', 'quality', 'waivers', 'findings'],
      rows.map((s) => [esc(s.variant), esc(s.device), esc(s.pair), word(s.verdict), word(s.performance), word(s.quality), esc(s.waivers.join(', ')), esc([...s.findings, ...s.errors.map((e) => `error: ${e}`)].join('; '))]),
    ),
  ];
}
