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
import { measurePrecomputed } from './measures/precomputed.js';
import { pairMeasures, variantMeasures } from './measures/registry.js';
import { compressionLabel } from './models/inspect/inspect.js';
import { makePlan, type PlannedVariant } from './plan/plan.js';
import { loadVariant, paddingSince, type VariantLoad } from './engines/load-variant.js';
import type { StoredRun } from './results/baseline.js';
import { goldenPreflight } from './preflight/preflight.js';
import { captureEnvironment } from './results/environment.js';
import { captureRuntimeFingerprint } from './results/runtime-fingerprint.js';
import { waiverInfo } from './gates/waivers.js';
import { RECORD_SCHEMA, type RunRecord } from './results/record.js';
import { writeHypotheses } from './results/write.js';
import { Interrupted, openRunSession, resumeHistory } from './results/ledger.js';
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
  /** The baseline run for `vs: baseline` gates (already fingerprint-checked). */
  baseline?: StoredRun & { fingerprintDifferences: string[] };
  onProgress?: (e: ProgressEvent) => void;
  /** Continue the run in this folder: cells in its journal are replayed, the rest measured. */
  resume?: string;
  /** Aborting stops the run after flushing: the record is written with `partial: true`. */
  signal?: AbortSignal;
}

export async function runSuite(suite: Suite, opts: RunOptions): Promise<RunRecord> {
  const plan = await makePlan(suite, {
    generateSynthetic: true,
    onSyntheticProgress: (model, message) =>
      opts.onProgress?.({ variant: `model ${model}`, variantIndex: 0, variantCount: suite.variants.length, stage: true, message }),
  });
  // Pre-flight, before any timing: a variant that does not reproduce its golden outputs stops the run.
  const golden = suite.golden ? await goldenPreflight(plan, suite.golden, opts.onProgress) : undefined;
  const stopped = golden && !golden.passed ? golden.failure : undefined;
  const runtime = await captureRuntimeFingerprint(plan.variants.map((v) => v.variant));
  const loads = new Map<string, VariantLoad>();
  const t0 = performance.now();
  const { folder, runId, startedAt, resumedAt, ledger } = openRunSession(suite, opts);
  const cells = ledger.cells;
  const referenceOutputs = new Map<string, Translation[]>();
  const enabledPair = pairMeasures.filter((m) => m.enabled(suite));
  let interrupted: string | undefined;
  // Precomputed variants need no model; the reference goes first, the others after the models.
  const precomputedReference = plan.precomputed.filter((p) => p.isReference);

  try {
    for (const pp of stopped ? [] : precomputedReference) for (const c of measurePrecomputed(pp, plan, folder, referenceOutputs)) ledger.record(c);
    for (const [index, pv] of (stopped ? [] : plan.variants).entries()) {
      const id = pv.variant.id;
      const measuresHere = enabledPair.filter((m) => m.appliesTo?.({ variant: pv }) ?? true);
      const emit = (message: string, stage: boolean, dataset?: string) =>
        opts.onProgress?.({ variant: id, variantIndex: index + 1, variantCount: plan.variants.length, dataset, stage, message });

      for (const measure of variantMeasures.filter((m) => m.enabled(suite))) {
        emit(measure.name, true);
        await ledger.cell({ variant: id, measure: measure.name }, () => measure.run({ plan, variant: pv, folder, progress: (m) => emit(m, false) }));
      }

      // On resume, a variant whose pair cells are all journaled needs no model.
      const pairCells = plan.datasets.flatMap((d) => ['translation', ...measuresHere.map((m) => m.name)].map((measure) => ({ variant: id, dataset: d.dataset.id, measure })));
      let translator: Translator | undefined;
      if (!ledger.allDone(pairCells)) {
        ledger.checkpoint();
        emit('loading model', true);
        try {
          translator = await loadTranslator(pv, suite, loads);
          const fellBack = loads.get(id)?.fallback;
          if (fellBack) emit(`WARNING: asked for ${pv.variant.device}, runs on ${fellBack.join(', ')} (fallback; quality may differ)`, true);
        } catch (err) {
          ledger.checkpoint();
          const error = `model failed to load: ${describeError(err)}`;
          for (const data of plan.datasets) {
            for (const measure of measuresHere) {
              ledger.record({ variant: id, dataset: data.dataset.id, pair: data.dataset.pair, measure: measure.name, values: {}, error, durationMs: 0 });
            }
          }
          continue;
        }
      }

      for (const data of plan.datasets) {
        const { id: datasetId, pair, srcLang, tgtLang } = data.dataset;
        const at = { variant: id, dataset: datasetId, pair };
        const progress = (m: string) => emit(m, false, pair);
        emit('translating', true, pair);
        const outputs: Translation[] = ledger.replayedOutputs({ ...at, measure: 'translation' }) ?? [];
        const padding0 = translator?.model.decodingMode.staticShape && translator.model.padding ? { ...translator.model.padding } : undefined;
        const translation = await ledger.cell({ ...at, measure: 'translation' }, async () => {
          for (const [i, line] of data.sources.entries()) {
            outputs.push(await translator!.translate(line, srcLang, tgtLang));
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
              decodingMode: translator!.model.decodingMode,
              ...(padding0 && translator!.model.padding ? { padding: paddingSince(padding0, translator!.model.padding) } : {}),
            },
          };
        }, () => outputs);
        if (pv.isReference && !translation.error) referenceOutputs.set(datasetId, outputs);

        for (const measure of measuresHere) {
          emit(measure.name, true, pair);
          if (translation.error) {
            ledger.record({ ...at, measure: measure.name, values: {}, error: `translation failed: ${translation.error}`, durationMs: 0 });
            continue;
          }
          await ledger.cell({ ...at, measure: measure.name }, () =>
            measure.run({ plan, variant: pv, data, translator: translator!, outputs, referenceOutputs: referenceOutputs.get(datasetId), progress }),
          );
        }
      }
      await translator?.model.dispose();
    }
    for (const [i, pp] of (stopped ? [] : plan.precomputed).filter((p) => !p.isReference).entries()) {
      opts.onProgress?.({ variant: pp.variant.id, variantIndex: plan.variants.length + precomputedReference.length + i + 1, variantCount: plan.variants.length + plan.precomputed.length, stage: true, message: 'scoring precomputed outputs' });
      ledger.checkpoint();
      for (const c of measurePrecomputed(pp, plan, folder, referenceOutputs)) ledger.record(c);
    }
  } catch (err) {
    if (!(err instanceof Interrupted)) throw err;
    interrupted = err.reason;
  } finally {
    ledger.close();
  }

  const engines = Object.fromEntries(plan.variants.map((v) => [v.variant.engine, v.engineVersion]));
  const partial = {
    suite: { name: suite.name, path: suite.path, sha256: suite.sha256, reference: suite.reference },
    variants: [
      ...plan.variants.map(({ variant: v, files, engineVersion, isReference }) => ({
      id: v.id,
      model: v.model,
      modelDir: files.dir,
      layout: files.layout,
      engine: v.engine,
      engineVersion,
      device: v.device,
      precision: v.precision,
      compression: compressionLabel(files),
      engineOptions: v.engine_options,
      maxLength: v.decoding.max_length,
      isReference,
      ...(loads.has(v.id) ? { load: loads.get(v.id) } : {}),
      ...(runtime.devices[`${v.engine}/${v.device}`] ? { fingerprint: runtime.devices[`${v.engine}/${v.device}`] } : {}),
      })),
      ...plan.precomputed.map(({ variant: v, files, isReference }) => ({
      id: v.id,
      model: '',
      modelDir: [...files.values()][0] ?? '',
      layout: 'precomputed',
      engine: 'precomputed',
      engineVersion: '',
      device: v.device,
      precision: v.precision,
      engineOptions: {},
      maxLength: 0,
      isReference,
      })),
    ],
    datasets: plan.datasets.map(({ dataset: d, sources }) => ({ id: d.id, pair: d.pair, source: d.source, references: d.references, lines: sources.length })),
    cells,
  };
  partial.variants.sort((a, b) => Number(b.isReference) - Number(a.isReference));
  const gates = stopped
    ? []
    : evaluateGates(suite.gates, { ...partial, run: { id: runId, folder } }, {
        baseline: opts.baseline?.record,
        waivers: suite.waivers,
        quality: suite.measures.quality,
      });
  const erroredCells = cells.filter((c) => c.error).length;
  const failedGates = gates.filter((g) => g.status === 'fail').map((g) => g.id);
  const record: RunRecord = {
    schema: RECORD_SCHEMA,
    mtgateVersion: MTGATE_VERSION,
    run: {
      id: runId,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      folder,
      ...resumeHistory(folder, resumedAt, performance.now() - t0),
    },
    ...(interrupted ? { partial: true, partialReason: interrupted } : {}),
    warnings: plan.datasets.flatMap((d) => d.warnings ?? []),
    environment: { ...captureEnvironment(engines), ...runtime },
    ...partial,
    gates,
    ...(opts.baseline ? { baseline: { run: opts.baseline.record.run.id, path: opts.baseline.path, fingerprintDifferences: opts.baseline.fingerprintDifferences } } : {}),
    ...(suite.waivers.length ? { waivers: suite.waivers.map((w) => waiverInfo(w, new Date())) } : {}),
    ...(golden ? { preflight: { golden: golden.report } } : {}),
    outcome: { exitCode: erroredCells || interrupted || stopped ? 3 : failedGates.length ? 1 : 0, failedGates, erroredCells, ...(stopped ? { stopped } : {}) },
  };
  await writeReports(record, folder, suite.reports);
  return record;
}

async function loadTranslator(pv: PlannedVariant, suite: Suite, loads: Map<string, VariantLoad>): Promise<Translator> {
  const { model, load } = await loadVariant(pv.engine, pv.files, pv.variant, suite);
  loads.set(pv.variant.id, load);
  return new Translator(model, pv.formatter, pv.variant.decoding.max_length);
}
