/**
 * Cold start: each sample is a fresh Node process that loads the engine and
 * the model and translates the first sentence of the first dataset. The
 * parent times the whole process (spawn to answer); the child reports its
 * phases (read/parse, compile, first inference) and what the engine's
 * compile cache did. A child that crashes or hangs is killed at the timeout
 * and recorded; it never stalls the run, and the other samples are kept.
 *
 * Cache states (compile-cache.ts keys the folder):
 * - none: no cache folder is given to the engine;
 * - cache_cold: every sample gets a fresh, empty folder (the engine compiles and writes);
 * - cache_warm: one keyed folder, primed by an uncounted sample, then loaded by every sample.
 * The engine's own report (`LoadTimings.cache`) is recorded per sample; a
 * sample whose observed state is not the one its state expects is flagged.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { Engine } from '../engines/engine.js';
import type { ModelFiles } from '../models/layouts/detect.js';
import type { CacheState } from '../suite/types.js';
import type { ColdStartRequest, ColdStartSample } from './cold-start-child.js';
import { compileCacheDir, compileCacheKey, compileCacheRoot, isPrimed, markPrimed, type CacheKeyMode } from '../engines/compile-cache.js';
import type { CellResult, MetricDef, VariantContext, VariantMeasure } from './measure.js';
import { decodingOf } from './child-model.js';
import { trackChild } from './children.js';
import { median } from './stats.js';

// Run the child the same way this module runs: .ts under tsx (tests), .js from dist.
const CHILD = fileURLToPath(new URL(`./cold-start-child${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url));

/** Only loader flags carry over to the child (not --test and friends). */
export function loaderArgs(execArgv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const a = execArgv[i];
    if (/^--(import|loader|require|experimental-loader)=/.test(a)) out.push(a);
    else if (/^--(import|loader|require|experimental-loader)$/.test(a) && i + 1 < execArgv.length) out.push(a, execArgv[++i]);
  }
  return out;
}

/** Runs `script` as a fresh Node process with one JSON argument; its last stdout line is the JSON answer. */
export async function runChild<T>(script: string, request: unknown, timeoutMs: number, what: string): Promise<T & { processTotalMs: number }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [...loaderArgs(process.execArgv), script, JSON.stringify(request)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    shell: false,
  });
  trackChild(child);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, timeoutMs);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (c, s) => resolve([c, s]));
  }).finally(() => clearTimeout(timer));
  const processTotalMs = performance.now() - t0;
  if (timedOut) throw new Error(`${what} child killed after the ${timeoutMs / 1000} s timeout`);
  const lastErr = stderr.trim().split('\n').pop() ?? '';
  if (signal) throw new Error(`${what} child crashed (killed by ${signal})${lastErr ? `: ${lastErr}` : ''}`);
  if (code !== 0) throw new Error(`${what} child exited with ${code}: ${lastErr}`);
  const line = stdout.trim().split('\n').pop() ?? '';
  try {
    return { ...(JSON.parse(line) as T), processTotalMs };
  } catch {
    throw new Error(`${what} child printed no result line (last output: ${JSON.stringify(line.slice(0, 200))})`);
  }
}


export type TimedColdStartSample = ColdStartSample & { processTotalMs: number };
type PhaseSample = Omit<TimedColdStartSample, 'output'>;

/** `script` is the child to run: the real one, or (tests) one that crashes or hangs. */
export async function coldStartSample(req: ColdStartRequest, timeoutMs: number, script = CHILD): Promise<TimedColdStartSample> {
  return runChild<ColdStartSample>(script, req, timeoutMs, 'cold-start');
}

export const CACHE_STATES: readonly CacheState[] = ['none', 'cache_cold', 'cache_warm'];
/** What the engine should report in each state. */
const EXPECTED_CACHE: Record<CacheState, ColdStartSample['cache']> = { none: 'off', cache_cold: 'written', cache_warm: 'loaded' };

const PHASES = [
  ['total_ms', 'fresh process to first translation', (x: PhaseSample) => x.processTotalMs],
  ['read_ms', 'reading the model files', (x: PhaseSample) => x.readMs],
  ['compile_ms', 'session creation / compilation', (x: PhaseSample) => x.compileMs],
  ['first_inference_ms', 'first translation after load', (x: PhaseSample) => x.firstTranslationMs],
] as const;

export const COLD_START_METRICS: MetricDef[] = [
  { name: 'cold_start.median_ms', unit: 'ms', better: 'lower', description: 'fresh process to first translation (median over samples of the first cache state)' },
  { name: 'cold_start.load_ms', unit: 'ms', better: 'lower', description: 'model read + compile in the fresh process (median, first cache state)' },
  { name: 'cold_start.first_translation_ms', unit: 'ms', better: 'lower', description: 'first translation after load (median, first cache state)' },
  { name: 'memory.peak_rss_mb', unit: 'MiB', better: 'lower', description: 'peak resident memory of the cold-start process (max over samples)' },
  ...CACHE_STATES.flatMap((state) =>
    PHASES.map(([phase, what]) => ({ name: `cold_start.${state}.${phase}`, unit: 'ms', better: 'lower' as const, description: `${what}, cache state ${state} (median)` })),
  ),
];

export interface ColdStartJob {
  engine: Engine;
  files: ModelFiles;
  device: string;
  options: Record<string, unknown>;
  maxLength: number;
  sentence: string;
  srcLang: string;
  tgtLang: string;
  samples: number;
  timeoutMs: number;
  states: readonly CacheState[];
  cacheKey: CacheKeyMode;
  /** The variant's decoding mode (KV cache, static shape), as the run loads it. */
  decoding?: Pick<ColdStartRequest, 'kvCache' | 'staticShape'>;
  /** Run folder (the cache root when $MTGATE_CACHE is unset). */
  folder?: string;
  env?: NodeJS.ProcessEnv;
  preload?: string[];
  progress?: (message: string) => void;
}

interface StateRecord {
  state: CacheState;
  samples: (PhaseSample & { sample: number })[];
  failures: { sample: number | 'prime'; error: string }[];
  flags: string[];
  phases?: Record<string, { median: number; min: number; max: number }>;
  cacheObserved: Record<string, number>;
  cacheDir?: string;
  cacheKey?: string;
  primed?: 'now' | 'earlier' | 'failed' | 'engine-did-not-write';
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

export async function measureColdStart(job: ColdStartJob): Promise<CellResult> {
  const base: ColdStartRequest = {
    engine: job.engine.name,
    modelDir: job.files.dir,
    ...(job.files.suffix !== undefined ? { suffix: job.files.suffix } : {}),
    device: job.device,
    options: job.options,
    maxLength: job.maxLength,
    sentence: job.sentence,
    srcLang: job.srcLang,
    tgtLang: job.tgtLang,
    preload: job.preload,
    ...job.decoding,
  };
  const needsCache = job.states.some((s) => s !== 'none');
  const where = needsCache ? compileCacheRoot(job.folder, job.env) : undefined;
  const key = needsCache ? await compileCacheKey(job.engine, job.files, job.device, job.options, job.cacheKey) : undefined;
  const records: StateRecord[] = [];
  let firstOutput: string | undefined;
  const scratch: string[] = [];
  try {
    for (const state of job.states) {
      const rec: StateRecord = { state, samples: [], failures: [], flags: [], cacheObserved: {} };
      records.push(rec);
      let warmDir: string | undefined;
      if (state === 'cache_warm' && where && key) {
        warmDir = compileCacheDir(where.root, key.inputs, key.key);
        if (!where.persistent) scratch.push(warmDir);
        rec.cacheDir = warmDir;
        rec.cacheKey = key.key;
        if (isPrimed(warmDir, key.key)) rec.primed = 'earlier';
        else {
          job.progress?.('cold start: priming the compile cache');
          try {
            const prime = await coldStartSample({ ...base, cacheDir: warmDir }, job.timeoutMs);
            if (prime.cache === 'written' || prime.cache === 'loaded') {
              markPrimed(warmDir, key.key, key.inputs);
              rec.primed = 'now';
            } else {
              rec.primed = 'engine-did-not-write';
              rec.flags.push(`priming sample: the engine reported cache '${prime.cache}', so there is no cache to load`);
            }
          } catch (err) {
            rec.primed = 'failed';
            rec.failures.push({ sample: 'prime', error: message(err) });
          }
        }
      }
      for (let i = 0; i < job.samples; i++) {
        job.progress?.(`cold start ${state} sample ${i + 1}/${job.samples}`);
        let cacheDir = warmDir;
        if (state === 'cache_cold' && where) {
          mkdirSync(where.root, { recursive: true });
          cacheDir = mkdtempSync(`${where.root}/cold-`);
        }
        try {
          const { output, ...sample } = await coldStartSample({ ...base, cacheDir }, job.timeoutMs);
          firstOutput ??= output;
          rec.samples.push({ ...sample, sample: i + 1 });
          rec.cacheObserved[sample.cache] = (rec.cacheObserved[sample.cache] ?? 0) + 1;
          if (sample.cache !== EXPECTED_CACHE[state]) rec.flags.push(`sample ${i + 1}: expected cache '${EXPECTED_CACHE[state]}', the engine reported '${sample.cache}'`);
        } catch (err) {
          rec.failures.push({ sample: i + 1, error: message(err) });
        } finally {
          // A cold cache is used once: an optimized model can be as large as the model.
          if (state === 'cache_cold' && cacheDir) rmSync(cacheDir, { recursive: true, force: true });
        }
      }
      if (rec.samples.length) {
        rec.phases = Object.fromEntries(
          PHASES.map(([phase, , get]) => {
            const xs = rec.samples.map((s) => get(s));
            return [phase, { median: median(xs), min: Math.min(...xs), max: Math.max(...xs) }];
          }),
        );
      }
    }
  } finally {
    for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
    // A run-folder cache is scratch; only $MTGATE_CACHE persists.
    if (where && !where.persistent) rmSync(where.root, { recursive: true, force: true });
  }

  const all = records.flatMap((r) => r.samples.map((s) => ({ state: r.state, ...s })));
  const failures = records.flatMap((r) => r.failures.map((f) => `${r.state} sample ${f.sample}: ${f.error}`));
  if (!all.length) throw new Error(`every cold-start sample failed; first: ${failures[0] ?? 'no samples'}`);
  const values: Record<string, number> = { 'memory.peak_rss_mb': Math.max(...all.map((x) => x.peakRssMb)) };
  for (const r of records) {
    for (const [phase, st] of Object.entries(r.phases ?? {})) values[`cold_start.${r.state}.${phase}`] = st.median;
  }
  const first = records.find((r) => r.phases);
  if (first?.phases) {
    const med = (f: (x: PhaseSample) => number) => median(first.samples.map(f));
    values['cold_start.median_ms'] = first.phases.total_ms.median;
    values['cold_start.load_ms'] = med((x) => x.readMs + x.compileMs);
    values['cold_start.first_translation_ms'] = first.phases.first_inference_ms.median;
  }
  const result: CellResult = {
    values,
    details: {
      note: 'Each sample is a fresh process; the OS file cache is warm after the first. Cache states are what the engine reported, per sample.',
      samplesPerState: job.samples,
      cacheKeyMode: job.cacheKey,
      cacheRoot: where ? { root: where.root, persistent: where.persistent } : undefined,
      cacheKeyInputs: key?.inputs,
      states: records,
      flags: records.flatMap((r) => r.flags.map((f) => `${r.state}: ${f}`)),
      // Kept for readers of the earlier record shape: every sample, flat.
      samples: all,
      firstOutput,
    },
  };
  if (failures.length) result.invalid = `${failures.length} cold-start sample${failures.length > 1 ? 's' : ''} failed: ${failures[0]}`;
  return result;
}

export const coldStartMeasure: VariantMeasure = {
  name: 'cold_start',
  metrics: COLD_START_METRICS,
  enabled: (suite) => suite.measures.cold_start !== undefined,

  async run({ plan, variant, progress, folder }: VariantContext): Promise<CellResult> {
    const s = plan.suite.measures.cold_start!;
    const first = plan.datasets[0];
    return measureColdStart({
      engine: variant.engine,
      files: variant.files,
      device: variant.variant.device,
      options: variant.variant.engine_options,
      maxLength: variant.variant.decoding.max_length,
      sentence: first.sources[0],
      srcLang: first.dataset.srcLang,
      tgtLang: first.dataset.tgtLang,
      samples: s.samples,
      timeoutMs: s.timeout_s * 1000,
      states: s.cache_states ?? ['none'],
      cacheKey: s.cache_key ?? 'stat',
      decoding: decodingOf(variant.variant),
      folder,
      progress,
    });
  },
};
