/**
 * Measures the toy model's quality table: corpus BLEU (sacreBLEU-exact, 13a)
 * of greedy translations per target language and precision. Used by the
 * quality test and by `make-toy-model --report` to refresh the README.
 */
import { join } from 'node:path';
import { BLEU } from '../../metrics/bleu.js';
import { readLines } from '../../metrics/read-lines.js';
import { type Precision, PRECISIONS } from '../onnx/linear.js';
import { TOY_DATASET_DIR, TOY_MODEL_DIR } from './generate.js';
import { type Target, TARGETS } from './lexicon.js';
import { loadToyTranslator } from './translate.js';

export type BleuTable = Record<Precision, Record<Target, number>>;

export interface ToyEvaluation {
  bleu: BleuTable;
  /** Lines whose translation differs from fp32's. */
  changedLines: Record<Precision, Record<Target, number>>;
  lines: Record<Target, number>;
}


export async function evaluateToy(root: string): Promise<ToyEvaluation> {
  const bleu = {} as BleuTable;
  const changedLines = {} as ToyEvaluation['changedLines'];
  const lines = {} as ToyEvaluation['lines'];
  const fp32Hyps = {} as Record<Target, string[]>;
  for (const p of PRECISIONS) {
    const translator = await loadToyTranslator(join(root, TOY_MODEL_DIR, p));
    bleu[p] = {} as Record<Target, number>;
    changedLines[p] = {} as Record<Target, number>;
    try {
      for (const t of TARGETS) {
        const source = readLines(join(root, TOY_DATASET_DIR, `en-${t}.en`));
        const reference = readLines(join(root, TOY_DATASET_DIR, `en-${t}.${t}`));
        const hyps = await translator.translateAll(source, 'en', t);
        bleu[p][t] = new BLEU().corpusScore(hyps, [reference]).score;
        if (p === 'fp32') fp32Hyps[t] = hyps;
        changedLines[p][t] = hyps.filter((h, i) => h !== fp32Hyps[t][i]).length;
        lines[t] = source.length;
      }
    } finally {
      await translator.release();
    }
  }
  return { bleu, changedLines, lines };
}

/** The README's Markdown table, one row per pair. */
export function bleuTableMarkdown(e: ToyEvaluation): string {
  const rows = [
    '| pair | lines | fp32 | int8 | int4 | int8 − fp32 | int4 − fp32 | int4 lines changed |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  const f = (x: number): string => x.toFixed(1);
  const d = (x: number): string => (x >= 0 ? '+' : '−') + Math.abs(x).toFixed(1);
  for (const t of TARGETS) {
    const b = (p: Precision): number => e.bleu[p][t];
    rows.push(
      `| en-${t} | ${e.lines[t]} | ${f(b('fp32'))} | ${f(b('int8'))} | ${f(b('int4'))} | ${d(b('int8') - b('fp32'))} | ${d(b('int4') - b('fp32'))} | ${e.changedLines.int4[t]} |`,
    );
  }
  return rows.join('\n');
}
