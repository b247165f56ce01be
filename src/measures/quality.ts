/** Corpus BLEU / chrF / TER of a variant's outputs against the dataset references, as sacreBLEU computes them. */
import { BLEU, CHRF, TER } from '../metrics/index.js';
import type { CorpusMetric } from '../metrics/types.js';
import type { QualitySettings, Suite } from '../suite/types.js';
import type { CellResult, MetricDef, PairContext, PairMeasure } from './measure.js';

export function qualityMetric(name: 'bleu' | 'chrf' | 'ter', s: QualitySettings | undefined): CorpusMetric {
  switch (name) {
    case 'bleu':
      return new BLEU({
        tokenize: s?.bleu?.tokenize,
        lowercase: s?.bleu?.lowercase,
        smoothMethod: s?.bleu?.smooth_method,
        smoothValue: s?.bleu?.smooth_value,
      });
    case 'chrf':
      return new CHRF({
        charOrder: s?.chrf?.char_order,
        wordOrder: s?.chrf?.word_order,
        beta: s?.chrf?.beta,
        lowercase: s?.chrf?.lowercase,
        whitespace: s?.chrf?.whitespace,
      });
    case 'ter':
      return new TER({});
  }
}

/** Corpus scores of some outputs (also precomputed ones) with their signatures. */
export function scoreQuality(settings: QualitySettings | undefined, hyps: string[], references: string[][]): CellResult {
  const values: Record<string, number> = {};
  const details: Record<string, unknown> = {};
  for (const name of settings?.metrics ?? ['bleu', 'chrf']) {
    const metric = qualityMetric(name, settings);
    const score = metric.corpusScore(hyps, references) as { score: number; signature?: string };
    values[name] = score.score;
    details[name] = { ...score, signature: score.signature ?? metric.signature(references.length) };
  }
  return { values, details };
}

export const qualityMeasure: PairMeasure = {
  name: 'quality',
  metrics: [
    { name: 'bleu', unit: 'BLEU', better: 'higher', description: 'corpus BLEU against the dataset references (sacreBLEU-exact)' },
    { name: 'chrf', unit: 'chrF', better: 'higher', description: 'corpus chrF against the dataset references (sacreBLEU-exact)' },
    { name: 'ter', unit: 'TER', better: 'lower', description: 'corpus TER against the dataset references (sacreBLEU-exact)' },
  ] satisfies MetricDef[],
  enabled: (suite: Suite) => suite.measures.quality !== undefined,

  async run({ plan, data, outputs }: PairContext): Promise<CellResult> {
    return scoreQuality(plan.suite.measures.quality, outputs.map((o) => o.text), data.references);
  },
};
