/**
 * A variant's model as a measuring child process (cold start, memory) loads
 * it: what engine.load needs, as JSON, so a child loads exactly what the run
 * loads — same layout suffix, KV-cache and static-shape settings.
 */
import { M2M100Formatter } from '../decoding/m2m100.js';
import { Translator } from '../decoding/translator.js';
import type { LoadOptions } from '../engines/engine.js';
import { loadOptions } from '../engines/load-variant.js';
import { engineByName } from '../engines/registry.js';
import { detectLayout } from '../models/layouts/detect.js';
import type { PlannedVariant } from '../plan/plan.js';
import type { Variant } from '../suite/types.js';

export interface ChildModel {
  engine: string;
  modelDir: string;
  /** transformers.js file suffix the variant picked (onnx-merged layout). */
  suffix?: string;
  device: string;
  options: Record<string, unknown>;
  maxLength: number;
  /** The variant's decoding mode (LoadOptions.kvCache / staticShape); absent: the engine's default. */
  kvCache?: boolean;
  staticShape?: { sourceLength: number; targetLength: number };
}

/** The KV-cache and static-shape settings a variant loads with. */
export function decodingOf(variant: Variant): Pick<ChildModel, 'kvCache' | 'staticShape'> {
  const { kvCache, staticShape } = loadOptions(variant, undefined);
  return { ...(kvCache !== undefined ? { kvCache } : {}), ...(staticShape ? { staticShape } : {}) };
}

export function childModelOf(pv: PlannedVariant): ChildModel {
  return {
    engine: pv.variant.engine,
    modelDir: pv.files.dir,
    ...(pv.files.suffix !== undefined ? { suffix: pv.files.suffix } : {}),
    device: pv.variant.device,
    options: pv.variant.engine_options,
    maxLength: pv.variant.decoding.max_length,
    ...decodingOf(pv.variant),
  };
}

/** The engine by name, with its runtime imported (availability() loads it: the "runtime import" phase). */
export async function engineInChild(name: string) {
  const engine = engineByName(name);
  if (!engine) throw new Error(`unknown engine ${name}`);
  await engine.availability();
  return engine;
}

/** Reads, compiles and wraps the model for translation. */
export async function loadInChild(m: ChildModel, where: string, cacheDir?: string) {
  const engine = await engineInChild(m.engine);
  const files = detectLayout(m.modelDir, where, { suffix: m.suffix });
  const opts: LoadOptions = {
    device: m.device,
    options: m.options,
    ...(cacheDir ? { cacheDir } : {}),
    ...(m.kvCache !== undefined ? { kvCache: m.kvCache } : {}),
    ...(m.staticShape ? { staticShape: m.staticShape } : {}),
  };
  const { model, timings } = await engine.load(files, opts);
  return { model, timings, translator: new Translator(model, new M2M100Formatter(files), m.maxLength) };
}
