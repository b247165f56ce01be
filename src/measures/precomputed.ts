/**
 * Measures of a precomputed variant: its outputs are copied into the run
 * folder's hypotheses/ like any variant's, then scored and compared with the
 * reference variant. Measures that need a model (latency, cold start) get a
 * cell with a `skipped` note instead of a value: not an error, and gates skip
 * them (see gates/evaluate.ts).
 */
import type { Translation } from '../decoding/translator.js';
import { describeError } from '../errors.js';
import type { Plan } from '../plan/plan.js';
import type { PrecomputedVariant } from '../plan/precomputed.js';
import type { Cell } from '../results/record.js';
import { writeHypotheses } from '../results/write.js';
import { compareOutputs } from './agreement.js';
import { scoreQuality } from './quality.js';
import { pairMeasures, variantMeasures } from './registry.js';

const SKIPPED = 'precomputed outputs: no model runs, so there is nothing to time';

/** Text-only translations: no model tokens, so agreement compares words. */
export function textTranslations(lines: readonly string[]): Translation[] {
  return lines.map((text) => ({ text, tokenIds: [], stoppedBy: 'eos', encodeMs: 0, stepMs: [], wallMs: 0, nonFiniteLogits: false, sourceTokens: 0, wordLevel: true }));
}

export function measurePrecomputed(pp: PrecomputedVariant, plan: Plan, folder: string, referenceOutputs: Map<string, Translation[]>): Cell[] {
  const id = pp.variant.id;
  const suite = plan.suite;
  const cells: Cell[] = [];
  for (const m of variantMeasures.filter((x) => x.enabled(suite))) {
    cells.push({ variant: id, measure: m.name, values: {}, details: { skipped: SKIPPED }, durationMs: 0 });
  }
  const enabled = pairMeasures.filter((m) => m.enabled(suite));
  for (const data of plan.datasets) {
    const { id: datasetId, pair, tgtLang } = data.dataset;
    const at = { variant: id, dataset: datasetId, pair };
    const lines = pp.outputs.get(datasetId);
    if (!lines) {
      const error = `no outputs for ${pair}; add outputs.${pair} to variant ${id}`;
      cells.push({ ...at, measure: 'translation', values: {}, error, durationMs: 0 });
      for (const m of enabled) cells.push({ ...at, measure: m.name, values: {}, error: `translation failed: ${error}`, durationMs: 0 });
      continue;
    }
    const file = writeHypotheses(folder, id, datasetId, tgtLang, lines);
    cells.push({
      ...at,
      measure: 'translation',
      values: {},
      details: { lines: lines.length, hypotheses: file, precomputedFrom: pp.files.get(datasetId), emptyOutputs: lines.filter((l) => l === '').length },
      durationMs: 0,
    });
    const outputs = textTranslations(lines);
    if (pp.isReference) referenceOutputs.set(datasetId, outputs);
    for (const m of enabled) {
      const t0 = performance.now();
      const cell = (run: () => Pick<Cell, 'values' | 'details'>): Cell => {
        try {
          return { ...at, measure: m.name, ...run(), durationMs: performance.now() - t0 };
        } catch (err) {
          return { ...at, measure: m.name, values: {}, error: describeError(err), durationMs: performance.now() - t0 };
        }
      };
      if (m.name === 'quality') cells.push(cell(() => scoreQuality(suite.measures.quality, lines, data.references)));
      else if (m.name === 'agreement') {
        if (pp.isReference) continue;
        cells.push(
          cell(() => {
            const ref = referenceOutputs.get(datasetId);
            if (!ref) throw new Error(`the reference variant ${suite.reference} produced no outputs for ${datasetId}`);
            return compareOutputs(outputs, ref, data.sources, data.references[0] ?? [], suite.measures.agreement?.worst_examples ?? 5);
          }),
        );
      } else cells.push({ ...at, measure: m.name, values: {}, details: { skipped: SKIPPED }, durationMs: 0 });
    }
  }
  return cells;
}
