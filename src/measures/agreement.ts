/**
 * Greedy-output agreement with the reference variant. NPUs give no
 * log-probs and no beam search, so comparing greedy outputs is how a
 * variant is checked against a known-good one.
 */
import { CHRF } from '../metrics/index.js';
import type { Translation } from '../decoding/translator.js';
import type { CellResult, PairContext, PairMeasure } from './measure.js';

/** Index of the first generated token that differs, or -1 when the sequences are equal. */
export function firstDivergence(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

export interface DivergentExample {
  line: number;
  source: string;
  reference: string;
  referenceOutput: string;
  output: string;
  firstDivergence: number;
  sentenceChrf: number;
}

/**
 * Line-by-line comparison of two output sets (also `mtgate diff`). First
 * divergence is counted in model tokens when both sides have them, in
 * whitespace words when either side is text only (precomputed outputs).
 */
export function compareOutputs(
  outputs: readonly Pick<Translation, 'text' | 'tokenIds' | 'wordLevel'>[],
  referenceOutputs: readonly Pick<Translation, 'text' | 'tokenIds' | 'wordLevel'>[],
  sources: readonly string[],
  references: readonly string[],
  worst: number,
): CellResult {
  const chrf = new CHRF({});
  const n = outputs.length;
  let exact = 0;
  const divergences: number[] = [];
  const examples: DivergentExample[] = [];
  const words = new Map<string, number>();
  const wordIds = (text: string) => text.split(/\s+/).filter(Boolean).map((w) => words.get(w) ?? (words.set(w, words.size), words.size - 1));
  for (let i = 0; i < n; i++) {
    const ours = outputs[i];
    const theirs = referenceOutputs[i];
    if (ours.text === theirs.text) exact++;
    const byWords = ours.wordLevel || theirs.wordLevel;
    const at = byWords ? (ours.text === theirs.text ? -1 : firstDivergence(wordIds(ours.text), wordIds(theirs.text))) : firstDivergence(ours.tokenIds, theirs.tokenIds);
    if (at < 0) continue;
    divergences.push(at);
    examples.push({
      line: i + 1,
      source: sources[i] ?? '',
      reference: references[i] ?? '',
      referenceOutput: theirs.text,
      output: ours.text,
      firstDivergence: at,
      sentenceChrf: chrf.sentenceScore(ours.text, [theirs.text]).score,
    });
  }
  examples.sort((a, b) => a.sentenceChrf - b.sentenceChrf || a.line - b.line);
  const values: Record<string, number> = {
    'agreement.exact_match': exact / n,
    'agreement.chrf': chrf.corpusScore(outputs.map((o) => o.text), [referenceOutputs.map((o) => o.text)]).score,
  };
  if (divergences.length) values['agreement.first_divergence'] = divergences.reduce((s, x) => s + x, 0) / divergences.length;
  const unit = outputs.some((o) => o.wordLevel) || referenceOutputs.some((o) => o.wordLevel) ? 'words' : 'tokens';
  return {
    values,
    details: { lines: n, identicalLines: exact, divergentTokenLines: divergences.length, divergenceUnit: unit, worstExamples: examples.slice(0, worst) },
  };
}

export const agreementMeasure: PairMeasure = {
  name: 'agreement',
  metrics: [
    { name: 'agreement.exact_match', unit: 'fraction', better: 'higher', description: 'share of lines whose greedy output equals the reference variant’s' },
    { name: 'agreement.chrf', unit: 'chrF', better: 'higher', description: 'corpus chrF of the outputs against the reference variant’s outputs' },
    { name: 'agreement.first_divergence', unit: 'tokens', better: 'higher', description: 'mean position of the first differing token over divergent lines' },
  ],
  enabled: (suite) => suite.measures.agreement !== undefined,
  appliesTo: ({ variant }) => !variant.isReference,

  async run({ plan, data, outputs, referenceOutputs }: PairContext): Promise<CellResult> {
    if (!referenceOutputs) throw new Error(`the reference variant ${plan.suite.reference} produced no outputs for ${data.dataset.id}`);
    return compareOutputs(outputs, referenceOutputs, data.sources, data.references[0] ?? [], plan.suite.measures.agreement?.worst_examples ?? 5);
  },
};
