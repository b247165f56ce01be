/**
 * One cold-start sample, run as a fresh process by cold-start.ts:
 * load the engine, read and compile the model, translate one sentence,
 * print the phase timings and peak RSS as one JSON line.
 */
import { performance } from 'node:perf_hooks';

export interface ColdStartRequest {
  engine: string;
  modelDir: string;
  /** transformers.js file suffix the variant picked (onnx-merged layout). */
  suffix?: string;
  device: string;
  options: Record<string, unknown>;
  maxLength: number;
  sentence: string;
  srcLang: string;
  tgtLang: string;
  /** Compile-cache folder handed to the engine; absent: no cache. */
  cacheDir?: string;
  /** Decoding mode of the variant (LoadOptions.kvCache / staticShape); absent: the engine's default. */
  kvCache?: boolean;
  staticShape?: { sourceLength: number; targetLength: number };
  /** Modules imported first (they may register engines; tests use it for fake engines). */
  preload?: string[];
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
  /** What the engine said its compile cache did (never assumed). */
  cache: 'off' | 'written' | 'loaded';
  executionDevices?: string[];
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const req = JSON.parse(process.argv[2]) as ColdStartRequest;
  for (const m of req.preload ?? []) await import(m);
  const { engineByName } = await import('../engines/registry.js');
  const { detectLayout } = await import('../models/layouts/detect.js');
  const { M2M100Formatter } = await import('../decoding/m2m100.js');
  const { Translator } = await import('../decoding/translator.js');
  const engine = engineByName(req.engine);
  if (!engine) throw new Error(`unknown engine ${req.engine}`);
  const tImport = performance.now();
  await engine.availability();
  const runtimeImportMs = performance.now() - tImport;
  const files = detectLayout(req.modelDir, 'cold start', { suffix: req.suffix });
  const { model, timings } = await engine.load(files, {
    device: req.device,
    options: req.options,
    ...(req.cacheDir ? { cacheDir: req.cacheDir } : {}),
    ...(req.kvCache !== undefined ? { kvCache: req.kvCache } : {}),
    ...(req.staticShape ? { staticShape: req.staticShape } : {}),
  });
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
    executionDevices: timings.executionDevices,
  };
  process.stdout.write(`${JSON.stringify(sample)}\n`);
  await model.dispose();
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
