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
import type { Suite, Variant } from '../suite/types.js';
import { loadDataset, type LoadedDataset } from './datasets.js';

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
  /** With `checkOnly`: variants this machine cannot run (model not exported yet, engine unavailable), and why. */
  notRunnableHere: { variant: string; reason: string }[];
}

export interface PlanOptions {
  /**
   * `mtgate validate`: check the suite itself and note, instead of refusing,
   * what only this machine lacks — a model with an export recipe that is not
   * exported yet, an engine that is not installed here.
   */
  checkOnly?: boolean;
}

export async function makePlan(suite: Suite, opts: PlanOptions = {}): Promise<Plan> {
  const variants: PlannedVariant[] = [];
  const notRunnableHere: Plan['notRunnableHere'] = [];
  for (const variant of suite.variants) {
    const where = `${suite.path}: variant ${variant.id}`;
    // The model directory first: "export the model" is the first thing a user on a new machine must do.
    const dir = suite.models[variant.model];
    const recipe = suite.modelExports?.[variant.model];
    if (recipe && !existsSync(dir)) {
      const reason = `model ${variant.model}: model directory ${dir} does not exist; export it with: ${recipe}`;
      if (opts.checkOnly) {
        notRunnableHere.push({ variant: variant.id, reason });
        continue;
      }
      throw new UsageError(`${where} (${reason})`);
    }
    const files = detectLayout(dir, `${where} (model ${variant.model})`);
    const engine = engineByName(variant.engine);
    const availability = engine ? await engine.availability() : { available: false, reason: `this mtgate has no ${variant.engine} engine; known: ${ENGINE_NAMES.join(', ')}` };
    if (!engine || !availability.available) {
      if (opts.checkOnly) {
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
  return { suite, variants, datasets, notRunnableHere };
}
