/**
 * Expands a suite into what will run: each variant with its engine and model
 * files, each dataset with its lines. Everything that can be checked without
 * running a model is checked here, so `mtgate validate` and `mtgate run`
 * refuse bad input before any measurement.
 */
import { existsSync } from 'node:fs';
import { M2M100Formatter } from '../decoding/m2m100.js';
import { UsageError } from '../errors.js';
import type { Engine } from '../engines/engine.js';
import { ENGINE_NAMES, engineByName } from '../engines/registry.js';
import { detectLayout, type ModelFiles } from '../models/layouts/detect.js';
import { M2M100_LANGUAGES } from '../models/synthetic/presets.js';
import { ensureSyntheticModel, syntheticModelReady } from '../models/synthetic/suite-models.js';
import type { Suite, Variant } from '../suite/types.js';
import { loadDataset, type LoadedDataset } from './datasets.js';
import { checkRequirements } from './requires.js';
import { isPrecomputed, planPrecomputed, type PrecomputedVariant } from './precomputed.js';

export interface PlannedVariant {
  variant: Variant;
  engine: Engine;
  files: ModelFiles;
  formatter: M2M100Formatter;
  engineVersion: string;
  isReference: boolean;
}

export interface Plan {
  suite: Suite;
  /** The reference variant first: the others are compared with its outputs. */
  variants: PlannedVariant[];
  datasets: LoadedDataset[];
  /** Variants that are precomputed outputs instead of a model (reference first). */
  precomputed: PrecomputedVariant[];
  /** Variants whose synthetic model is not generated yet (only when planning without generating: validate). */
  pendingSynthetic?: { variant: string; model: string; dir: string }[];
  /** With `checkOnly`: variants this machine cannot run (model not exported yet, engine unavailable), and why. */
  notRunnableHere: { variant: string; reason: string }[];
}

export interface PlanOptions {
  /** Generate missing synthetic models (mtgate run); otherwise they are only checked (mtgate validate). */
  generateSynthetic?: boolean;
  onSyntheticProgress?: (model: string, message: string) => void;
  /**
   * `mtgate validate`: check the suite itself and note, instead of refusing,
   * what only this machine lacks — a model with an export recipe that is not
   * exported yet, an engine that is not installed here.
   */
  checkOnly?: boolean;
}

export async function makePlan(suite: Suite, options: PlanOptions = {}): Promise<Plan> {
  await checkRequirements(suite);
  const variants: PlannedVariant[] = [];
  const pendingSynthetic: NonNullable<Plan['pendingSynthetic']> = [];
  const notRunnableHere: Plan['notRunnableHere'] = [];
  for (const variant of suite.variants) {
    if (isPrecomputed(variant)) continue;
    const where = `${suite.path}: variant ${variant.id}`;
    const engine = engineByName(variant.engine);
    if (!engine) throw new UsageError(`${where}: unknown engine ${variant.engine}; known: ${ENGINE_NAMES.join(', ')}`);
    const synthetic = suite.synthetic?.[variant.model];
    if (synthetic && !syntheticModelReady(synthetic)) {
      if (!options.generateSynthetic) {
        // Nothing to read yet: check the pairs against M2M-100's languages, which the synthetic tokenizer has.
        for (const d of suite.datasets) {
          for (const lang of [d.srcLang, d.tgtLang]) {
            if (!M2M100_LANGUAGES.includes(lang)) throw new UsageError(`${where}, dataset ${d.id} (${d.pair}): M2M-100 has no language ${lang}`);
          }
        }
        pendingSynthetic.push({ variant: variant.id, model: variant.model, dir: suite.models[variant.model] });
        continue;
      }
      ensureSyntheticModel(synthetic, (m) => options.onSyntheticProgress?.(variant.model, m));
    }
    // The model directory first: "export the model" is the first thing a user on a new machine must do.
    const dir = suite.models[variant.model];
    const recipe = suite.modelExports?.[variant.model];
    if (recipe && !existsSync(dir)) {
      const reason = `model ${variant.model}: model directory ${dir} does not exist; export it with: ${recipe}`;
      if (options.checkOnly) {
        notRunnableHere.push({ variant: variant.id, reason });
        continue;
      }
      throw new UsageError(`${where} (${reason})`);
    }
    const files = detectLayout(dir, `${where} (model ${variant.model})`, { suffix: variant.model_suffix });
    const availability = await engine.availability();
    if (!availability.available) {
      if (options.checkOnly) {
        notRunnableHere.push({ variant: variant.id, reason: `engine ${variant.engine} is unavailable: ${availability.reason}` });
        continue;
      }
      throw new UsageError(`${where}: engine ${variant.engine} is unavailable: ${availability.reason}`);
    }
    const formatter = new M2M100Formatter(files);
    // Every pair must be expressible with this tokenizer before anything is measured.
    for (const d of suite.datasets) {
      for (const lang of [d.srcLang, d.tgtLang]) {
        try {
          formatter.languageId(lang);
        } catch (err) {
          throw new UsageError(`${where}, dataset ${d.id} (${d.pair}): ${(err as Error).message}`);
        }
      }
    }
    variants.push({ variant, engine, files, formatter, engineVersion: availability.version ?? 'unknown', isReference: variant.id === suite.reference });
  }
  variants.sort((a, b) => Number(b.isReference) - Number(a.isReference));
  const datasets = suite.datasets.map((d) => loadDataset(d, `${suite.path}: dataset ${d.id}`));
  const precomputed = suite.variants.filter(isPrecomputed).map((v) => planPrecomputed(suite, v, datasets));
  precomputed.sort((a, b) => Number(b.isReference) - Number(a.isReference));
  return { suite, variants, datasets, precomputed, notRunnableHere, ...(pendingSynthetic.length ? { pendingSynthetic } : {}) };
}
