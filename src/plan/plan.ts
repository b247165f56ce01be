/**
 * Expands a suite into what will run: each variant with its engine and model
 * files, each dataset with its lines. Everything that can be checked without
 * running a model is checked here, so `mtgate validate` and `mtgate run`
 * refuse bad input before any measurement.
 */
import { M2M100Formatter } from '../decoding/m2m100.js';
import { UsageError } from '../errors.js';
import type { Engine } from '../engines/engine.js';
import { ENGINE_NAMES, engineByName } from '../engines/registry.js';
import { detectLayout, type ModelFiles } from '../models/layouts/detect.js';
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
}

export async function makePlan(suite: Suite): Promise<Plan> {
  await checkRequirements(suite);
  const variants: PlannedVariant[] = [];
  for (const variant of suite.variants) {
    if (isPrecomputed(variant)) continue;
    const where = `${suite.path}: variant ${variant.id}`;
    const engine = engineByName(variant.engine);
    if (!engine) throw new UsageError(`${where}: unknown engine ${variant.engine}; known: ${ENGINE_NAMES.join(', ')}`);
    const availability = await engine.availability();
    if (!availability.available) throw new UsageError(`${where}: engine ${variant.engine} is unavailable: ${availability.reason}`);
    const files = detectLayout(suite.models[variant.model], `${where} (model ${variant.model})`);
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
  return { suite, variants, datasets, precomputed };
}
