/**
 * One cold-start sample, run as a fresh process by cold-start.ts:
 * load the engine, read and compile the model, translate one sentence,
 * print the phase timings and peak RSS as one JSON line.
 */
import { performance } from 'node:perf_hooks';
import type { ChildModel } from './child-model.js';

export interface ColdStartRequest extends ChildModel {
  sentence: string;
  srcLang: string;
  tgtLang: string;
  /** Compile-cache folder handed to the engine; absent: no cache. */
  cacheDir?: string;
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
  // Imported here, after the preloads, so that the runtime import is timed on its own.
  const { engineInChild, loadInChild } = await import('./child-model.js');
  const tImport = performance.now();
  await engineInChild(req.engine);
  const runtimeImportMs = performance.now() - tImport;
  const { model, timings, translator } = await loadInChild(req, 'cold start', req.cacheDir);
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
