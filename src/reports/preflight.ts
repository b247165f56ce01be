/** The pre-flight golden check in report.md and in the terminal summary. */
import { describeDivergence } from '../preflight/golden.js';
import type { RunRecord } from '../results/record.js';
import { escapeMarkdown as esc, markdownTable } from './format.js';

const fingerprint = (f: Record<string, string> | undefined) => (f ? Object.entries(f).map(([k, v]) => `${k}=${v}`).join(' ') : '');

export function preflightMarkdown(r: RunRecord): string[] {
  const g = r.preflight?.golden;
  if (!g) return [];
  const out = ['## Pre-flight golden check', ''];
  if (r.outcome.stopped) out.push(`**The run stopped before any measurement:** ${esc(r.outcome.stopped)}`, '');
  out.push(`Golden file \`${esc(g.file)}\`; up to ${g.maxDivergentLines} divergent lines allowed per variant; outputs shorter than ${g.minLengthRatio} × golden (or empty) always fail.`, '');
  const rows = g.variants.map((v) => [
    v.variant,
    esc(v.model),
    { pass: '✅ pass', fail: '❌ **fail**', skipped: 'skipped', error: '❌ **error**' }[v.status],
    v.status === 'skipped' || v.status === 'error' ? esc(v.reason ?? '') : `${v.checked - v.divergent}/${v.checked} identical, ${v.collapsed} collapsed${v.modelFilesChanged ? `; model files changed since recording (${v.modelFilesChanged.join(', ')})` : ''}`,
    esc(`${v.engine} ${v.engineVersion} ${v.device} ${fingerprint(v.fingerprint)}`),
    v.recordedWith ? esc(`${v.recordedWith.variant}: ${v.recordedWith.engine} ${v.recordedWith.engineVersion} ${v.recordedWith.device} ${fingerprint(v.recordedWith.fingerprint)}`) : '',
  ]);
  out.push(markdownTable(['variant', 'model', 'verdict', 'outputs', 'ran on', 'golden recorded on'], rows));
  for (const v of g.variants.filter((x) => x.divergences.length)) {
    out.push('', `### ${esc(v.variant)}: first divergences`, '');
    for (const d of v.divergences) {
      out.push(`- ${esc(describeDivergence(d))}`, `  - expected: ${esc(d.expectedText)}`, `  - got: ${esc(d.gotText)}`);
    }
  }
  return out;
}

export function preflightSummary(r: RunRecord): string[] {
  const g = r.preflight?.golden;
  if (!g) return [];
  const lines = g.variants.map((v) => `${{ pass: 'PASS', fail: 'FAIL', skipped: 'SKIP', error: 'ERROR' }[v.status].padEnd(5)} golden ${v.variant}${v.reason ? `: ${v.reason}` : ''}`);
  if (r.outcome.stopped) lines.push(`STOPPED before any measurement: ${r.outcome.stopped}`);
  return lines;
}
