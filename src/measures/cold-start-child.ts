/**
 * One cold-start sample, run as a fresh process by cold-start.ts:
 * load the engine, read and compile the model, translate one sentence,
 * print the phase timings and peak RSS as one JSON line.
 */
import { performance } from 'node:perf_hooks';
import type { LoadOptions, LoadTimings } from '../engines/engine.js';

export interface ColdStartRequest {
  engine: string;
  modelDir: string;
  device: string;
  options: Record<string, unknown>;
  maxLength: number;
  sentence: string;
  srcLang: string;
  tgtLang: string;
  /** The variant's full load options (compile-cache folder, KV cache, static shape) when it has any. */
  loadOptions?: LoadOptions;
}

export interface ColdStartSample {
  /** Importing the engine's runtime module, ms. */
  runtimeImportMs: number;
  readMs: number;
  compileMs: number;
  firstTranslationMs: number;
  /** Child-side total from the start of this script, ms. */
  childTotalMs: number;
  peakRssMb: number;
  output: string;
  /** Compile cache as the engine observed it (OpenVINO LOADED_FROM_CACHE): written on a cold cache, loaded on a warm one. */
  cache?: LoadTimings['cache'];
  executionDevices?: string[];
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const req = JSON.parse(process.argv[2]) as ColdStartRequest;
  const { engineByName } = await import('../engines/registry.js');
  const { detectLayout } = await import('../models/layouts/detect.js');
  const { M2M100Formatter } = await import('../decoding/m2m100.js');
  const { Translator } = await import('../decoding/translator.js');
  const engine = engineByName(req.engine);
  if (!engine) throw new Error(`unknown engine ${req.engine}`);
  const tImport = performance.now();
  await engine.availability();
  const runtimeImportMs = performance.now() - tImport;
  const files = detectLayout(req.modelDir, 'cold start');
  const { model, timings } = await engine.load(files, req.loadOptions ?? { device: req.device, options: req.options });
  const translator = new Translator(model, new M2M100Formatter(files), req.maxLength);
  const tFirst = performance.now();
  const out = await translator.translate(req.sentence, req.srcLang, req.tgtLang);
  const firstTranslationMs = performance.now() - tFirst;
  const sample: ColdStartSample = {
    runtimeImportMs,
    readMs: timings.readMs,
    compileMs: timings.compileMs,
    firstTranslationMs,
    childTotalMs: performance.now() - t0,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    output: out.text,
    cache: timings.cache,
    ...(timings.executionDevices ? { executionDevices: timings.executionDevices } : {}),
  };
  process.stdout.write(`${JSON.stringify(sample)}\n`);
  await model.dispose();
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
