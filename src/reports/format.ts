/** Shared formatting for human-readable reports. */
import type { Cell, RunRecord } from '../results/record.js';

export function num(x: number | undefined, digits = 2): string {
  if (x === undefined || Number.isNaN(x)) return '–';
  return x.toFixed(digits);
}

export function signed(x: number | undefined, digits = 2): string {
  if (x === undefined || Number.isNaN(x)) return '';
  return `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(digits)}`;
}

/** Text from models or datasets, made inert for Markdown tables and for HTML renderers of Markdown. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_{}[\]()#+!|~])/g, '\\$1')
    .replace(/\r\n|\r|\n|\u2028|\u2029/g, ' '); // a lone \r ends a line in CommonMark too
}

export function cellFor(record: RunRecord, variant: string, measure: string, pair?: string): Cell | undefined {
  return record.cells.find((c) => c.variant === variant && c.measure === measure && (pair === undefined || c.pair === pair));
}

export function pairsOf(record: RunRecord): string[] {
  return [...new Set(record.datasets.map((d) => d.pair))];
}

export function verdictWord(record: RunRecord): string {
  const { exitCode } = record.outcome;
  return exitCode === 0 ? 'PASS' : exitCode === 1 ? 'FAIL (gates)' : 'FAIL (run errors)';
}

const NUMERIC = /^[-+−–]?[\d.,]*\d*( ?%)?( \([+−-][\d.]+\))?$|^–$|^$/;

/** Numeric columns align right, text columns left. */
export function markdownTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const align = header.map((_, i) => (rows.length && rows.every((r) => NUMERIC.test(r[i] ?? '')) ? '---:' : '---'));
  return [line(header), line(align), ...rows.map(line)].join('\n');
}
