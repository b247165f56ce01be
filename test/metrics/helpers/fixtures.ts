/** Loading of the sacreBLEU fixtures copied into test/fixtures/sacrebleu. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/sacrebleu');

/** Lines of a fixture text file (every file ends with a newline, none has CR or empty lines). */
export function readLines(relative: string): string[] {
  const text = readFileSync(path.join(FIXTURES, relative), 'utf8');
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export interface VectorCase {
  id: string;
  kind: 'corpus' | 'sentence' | 'paired-bs' | 'paired-ar';
  metric: 'bleu' | 'chrf' | 'ter';
  options: Record<string, unknown>;
  expected: Record<string, unknown>;
  hyps?: string[];
  refs?: string[][];
  hyp_file?: string;
  ref_files?: string[];
}

export function loadVectors(): VectorCase[] {
  return readFileSync(path.join(FIXTURES, 'sacrebleu-2.6.0-vectors.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as VectorCase);
}

/** sacreBLEU option names (snake_case) to ours (camelCase). */
export function camelOptions(options: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(options).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), v]),
  );
}

export function caseData(c: VectorCase): { hyps: string[]; refs: string[][] } {
  if (c.hyps && c.refs) return { hyps: c.hyps, refs: c.refs };
  if (c.hyp_file && c.ref_files) return { hyps: readLines(c.hyp_file), refs: c.ref_files.map(readLines) };
  throw new Error(`case ${c.id} has no data`);
}
