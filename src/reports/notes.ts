/** Markdown notes on a run's trustworthiness: partial (interrupted) runs and input warnings. */
import type { RunRecord } from '../results/record.js';
import { escapeMarkdown as esc } from './format.js';

export function notesSection(r: RunRecord): string[] {
  const out: string[] = [];
  if (r.partial) {
    out.push(`> **Partial run** (${esc(r.partialReason ?? 'interrupted')}): cells not listed were never measured. Finish it with \`mtgate run --resume ${esc(r.run.folder)}\`.`, '');
  }
  if (r.warnings?.length) out.push('## Input warnings', '', ...r.warnings.map((w) => `- ${esc(w)}`));
  return out;
}
