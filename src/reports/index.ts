/** Report formats written into every run folder. Adding a format = one file + one line here. */
import { join } from 'node:path';
import type { RunRecord } from '../results/record.js';
import { writeFileAtomic } from '../results/write.js';
import { renderMarkdown } from './markdown.js';

export interface ReportFormat {
  name: string;
  file: string;
  render(record: RunRecord): string;
}

export const REPORT_FORMATS: readonly ReportFormat[] = [
  { name: 'json', file: 'run.json', render: (r) => `${JSON.stringify(r, null, 2)}\n` },
  { name: 'markdown', file: 'report.md', render: renderMarkdown },
];

export function writeReports(record: RunRecord, folder: string): string[] {
  return REPORT_FORMATS.map((f) => {
    const path = join(folder, f.file);
    writeFileAtomic(path, f.render(record));
    return path;
  });
}
