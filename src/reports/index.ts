/** Report formats written into every run folder. Adding a format = one file + one line here. */
import { basename, dirname, join } from 'node:path';
import { describeError } from '../errors.js';
import type { RunRecord } from '../results/record.js';
import { writeFileAtomic } from '../results/write.js';
import { renderBmf } from './bmf.js';
import { chartsFor } from './charts.js';
import { renderCsv } from './csv.js';
import { readHistory, type HistoryPoint } from './history-read.js';
import { renderHtml } from './html.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { writeChartPngs } from './png.js';
import { renderSignoffCsv } from './signoff.js';

export interface ReportContext {
  /** The run folder the reports go to. */
  folder: string;
  /** Earlier runs from reports/history.jsonl (empty when there is none). */
  history: readonly HistoryPoint[];
}

export interface ReportFormat {
  name: string;
  file: string;
  render(record: RunRecord, ctx: ReportContext): string | Promise<string>;
}

export const REPORT_FORMATS: readonly ReportFormat[] = [
  { name: 'json', file: 'run.json', render: (r) => `${JSON.stringify(r, null, 2)}\n` },
  { name: 'markdown', file: 'report.md', render: renderMarkdown },
  { name: 'html', file: 'report.html', render: (r, ctx) => renderHtml(r, { history: ctx.history }) },
  { name: 'csv', file: 'results.csv', render: renderCsv },
  { name: 'junit', file: 'junit.xml', render: renderJunit },
  { name: 'signoff', file: 'signoff.csv', render: renderSignoffCsv },
  { name: 'bmf', file: 'bmf.json', render: renderBmf },
];

export const REPORT_FORMAT_NAMES = REPORT_FORMATS.map((f) => f.name);
/** Everything but Bencher's format, which only Bencher users want. run.json is always written: it is the record. */
export const DEFAULT_REPORT_FORMATS = ['json', 'markdown', 'html', 'csv', 'junit', 'signoff'];

export interface ReportOptions {
  formats?: readonly string[];
  /** Also write charts/*.png. */
  png?: boolean;
  /** Write run.json even when formats leave it out (default true; `mtgate report` re-renders from it and leaves it be). */
  record?: boolean;
}

/** reports/history.jsonl beside the run folder. */
export const historyPathFor = (folder: string) => join(dirname(folder), 'history.jsonl');

export async function writeReports(record: RunRecord, folder: string, opts: ReportOptions = {}): Promise<string[]> {
  const wanted = new Set([...(opts.record === false ? [] : ['json']), ...(opts.formats ?? DEFAULT_REPORT_FORMATS)]);
  const unknown = [...wanted].filter((n) => !REPORT_FORMAT_NAMES.includes(n));
  if (unknown.length) throw new Error(`unknown report format ${unknown.join(', ')}; formats: ${REPORT_FORMAT_NAMES.join(', ')}`);
  const needsHistory = wanted.has('html') || opts.png;
  const history = needsHistory ? readHistory(historyPathFor(folder)).filter((h) => h.run !== basename(folder)) : [];
  const ctx: ReportContext = { folder, history };
  const written: string[] = [];
  const failed: string[] = [];
  // run.json first; a format that fails does not keep the others from being written.
  for (const f of REPORT_FORMATS.filter((x) => wanted.has(x.name))) {
    try {
      const path = join(folder, f.file);
      writeFileAtomic(path, await f.render(record, ctx));
      written.push(path);
    } catch (err) {
      failed.push(`${f.file}: ${describeError(err)}`);
    }
  }
  if (opts.png) {
    try {
      written.push(...(await writeChartPngs(chartsFor(record, history), folder)));
    } catch (err) {
      failed.push(`charts/*.png: ${describeError(err)}`);
    }
  }
  if (failed.length) throw new Error(`report${failed.length === 1 ? '' : 's'} not written (the others were): ${failed.join('; ')}`);
  return written;
}
