/**
 * The pipeline: suite → plan → engines/decoding → measures → results →
 * gates → reports. One failing cell (variant × dataset × measure) records
 * its error and the run goes on; gates then fail closed on it.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Translator, type Translation } from './decoding/translator.js';
import { describeError } from './errors.js';
import { evaluateGates } from './gates/evaluate.js';
import type { CellResult } from './measures/measure.js';
import { pairMeasures, variantMeasures } from './measures/registry.js';
import { makePlan, type PlannedVariant } from './plan/plan.js';
import { captureEnvironment } from './results/environment.js';
import { RECORD_SCHEMA, type Cell, type RunRecord } from './results/record.js';
import { makeRunFolder, writeHypotheses } from './results/write.js';
import { writeReports } from './reports/index.js';
import type { Suite } from './suite/types.js';

export const MTGATE_VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export interface ProgressEvent {
  variant: string;
  variantIndex: number;
  variantCount: number;
  dataset?: string;
  /** A new stage starts (printed on every terminal) vs an update within it (live terminals only). */
  stage: boolean;
  message: string;
}

export interface RunOptions {
  reportsDir: string;
  onProgress?: (e: ProgressEvent) => void;
}

async function measureCell(base: Omit<Cell, 'values' | 'durationMs'>, run: () => Promise<CellResult>): Promise<Cell> {
  const t0 = performance.now();
  try {
    const { values, details } = await run();
    return { ...base, values, details, durationMs: performance.now() - t0 };
  } catch (err) {
    return { ...base, values: {}, error: describeError(err), durationMs: performance.now() - t0 };
  }
}

export async function runSuite(suite: Suite, opts: RunOptions): Promise<RunRecord> {
  const plan = await makePlan(suite);
  const startedAt = new Date();
  const t0 = performance.now();
  const folder = makeRunFolder(opts.reportsDir, suite.name, startedAt);
  const cells: Cell[] = [];
  const referenceOutputs = new Map<string, Translation[]>();
  const enabledPair = pairMeasures.filter((m) => m.enabled(suite));

  for (const [index, pv] of plan.variants.entries()) {
    const id = pv.variant.id;
    const measuresHere = enabledPair.filter((m) => m.appliesTo?.({ variant: pv }) ?? true);
    const emit = (message: string, stage: boolean, dataset?: string) =>
      opts.onProgress?.({ variant: id, variantIndex: index + 1, variantCount: plan.variants.length, dataset, stage, message });

    for (const measure of variantMeasures.filter((m) => m.enabled(suite))) {
      emit(measure.name, true);
      cells.push(await measureCell({ variant: id, measure: measure.name }, () => measure.run({ plan, variant: pv, progress: (m) => emit(m, false) })));
    }

    emit('loading model', true);
    let translator: Translator;
    try {
      translator = await loadTranslator(pv);
    } catch (err) {
      const error = `model failed to load: ${describeError(err)}`;
      for (const data of plan.datasets) {
        for (const measure of measuresHere) {
          cells.push({ variant: id, dataset: data.dataset.id, pair: data.dataset.pair, measure: measure.name, values: {}, error, durationMs: 0 });
        }
      }
      continue;
    }

    for (const data of plan.datasets) {
      const { id: datasetId, pair, srcLang, tgtLang } = data.dataset;
      const at = { variant: id, dataset: datasetId, pair };
      const progress = (m: string) => emit(m, false, pair);
      emit('translating', true, pair);
      const outputs: Translation[] = [];
      const translation = await measureCell({ ...at, measure: 'translation' }, async () => {
        for (const [i, line] of data.sources.entries()) {
          outputs.push(await translator.translate(line, srcLang, tgtLang));
          if ((i + 1) % 10 === 0 || i + 1 === data.sources.length) progress(`translating ${i + 1}/${data.sources.length}`);
        }
        const file = writeHypotheses(folder, id, datasetId, tgtLang, outputs.map((o) => o.text));
        return {
          values: {},
          details: {
            lines: outputs.length,
            hypotheses: file,
            outputTokens: outputs.reduce((s, o) => s + o.tokenIds.length, 0),
            maxLengthHits: outputs.filter((o) => o.stoppedBy === 'max_length').length,
            emptyOutputs: outputs.filter((o) => o.text === '').length,
            nonFiniteLogits: outputs.filter((o) => o.nonFiniteLogits).length,
          },
        };
      });
      cells.push(translation);
      if (pv.isReference && !translation.error) referenceOutputs.set(datasetId, outputs);

      for (const measure of measuresHere) {
        emit(measure.name, true, pair);
        if (translation.error) {
          cells.push({ ...at, measure: measure.name, values: {}, error: `translation failed: ${translation.error}`, durationMs: 0 });
          continue;
        }
        cells.push(
          await measureCell({ ...at, measure: measure.name }, () =>
            measure.run({ plan, variant: pv, data, translator, outputs, referenceOutputs: referenceOutputs.get(datasetId), progress }),
          ),
        );
      }
    }
    await translator.model.dispose();
  }

  const engines = Object.fromEntries(plan.variants.map((v) => [v.variant.engine, v.engineVersion]));
  const partial = {
    suite: { name: suite.name, path: suite.path, sha256: suite.sha256, reference: suite.reference },
    variants: plan.variants.map(({ variant: v, files, engineVersion, isReference }) => ({
      id: v.id,
      model: v.model,
      modelDir: files.dir,
      layout: files.layout,
      engine: v.engine,
      engineVersion,
      device: v.device,
      precision: v.precision,
      engineOptions: v.engine_options,
      maxLength: v.decoding.max_length,
      isReference,
    })),
    datasets: plan.datasets.map(({ dataset: d, sources }) => ({ id: d.id, pair: d.pair, source: d.source, references: d.references, lines: sources.length })),
    cells,
  };
  const gates = evaluateGates(suite.gates, partial);
  const erroredCells = cells.filter((c) => c.error).length;
  const failedGates = gates.filter((g) => g.status === 'fail').map((g) => g.id);
  const record: RunRecord = {
    schema: RECORD_SCHEMA,
    mtgateVersion: MTGATE_VERSION,
    run: {
      id: folder.split(/[\\/]/).pop() ?? folder,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      durationMs: performance.now() - t0,
      folder,
    },
    environment: captureEnvironment(engines),
    ...partial,
    gates,
    outcome: { exitCode: erroredCells ? 3 : failedGates.length ? 1 : 0, failedGates, erroredCells },
  };
  await writeReports(record, folder, suite.reports);
  return record;
}

async function loadTranslator(pv: PlannedVariant): Promise<Translator> {
  const { model } = await pv.engine.load(pv.files, { device: pv.variant.device, options: pv.variant.engine_options });
  return new Translator(model, pv.formatter, pv.variant.decoding.max_length);
}
