/**
 * Cold start: each sample is a fresh Node process that loads the engine and
 * the model and translates the first sentence of the first dataset. The
 * parent times the whole process (spawn to answer); the child reports its
 * phases. A child that crashes or hangs is killed at the timeout and
 * recorded; it never stalls the run.
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { variantCacheDir } from '../engines/compile-cache.js';
import { loadOptions } from '../engines/load-variant.js';
import type { ColdStartRequest, ColdStartSample } from './cold-start-child.js';
import type { CellResult, VariantContext, VariantMeasure } from './measure.js';
import { trackChild } from './children.js';
import { median } from './stats.js';

// Run the child the same way this module runs: .ts under tsx (tests), .js from dist.
const CHILD = fileURLToPath(new URL(`./cold-start-child${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url));

/** Only loader flags carry over to the child (not --test and friends). */
function loaderArgs(execArgv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const a = execArgv[i];
    if (/^--(import|loader|require|experimental-loader)=/.test(a)) out.push(a);
    else if (/^--(import|loader|require|experimental-loader)$/.test(a) && i + 1 < execArgv.length) out.push(a, execArgv[++i]);
  }
  return out;
}

/** `script` is the child to run: the real one, or (tests) one that crashes or hangs. */
export async function coldStartSample(req: ColdStartRequest, timeoutMs: number, script = CHILD): Promise<ColdStartSample & { processTotalMs: number }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [...loaderArgs(process.execArgv), script, JSON.stringify(req)], {
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
  if (timedOut) throw new Error(`cold-start child killed after the ${timeoutMs / 1000} s timeout`);
  const lastErr = stderr.trim().split('\n').pop() ?? '';
  if (signal) throw new Error(`cold-start child crashed (killed by ${signal})${lastErr ? `: ${lastErr}` : ''}`);
  if (code !== 0) throw new Error(`cold-start child exited with ${code}: ${lastErr}`);
  const line = stdout.trim().split('\n').pop() ?? '';
  try {
    return { ...(JSON.parse(line) as ColdStartSample), processTotalMs };
  } catch {
    throw new Error(`cold-start child printed no result line (last output: ${JSON.stringify(line.slice(0, 200))})`);
  }
}

export const coldStartMeasure: VariantMeasure = {
  name: 'cold_start',
  metrics: [
    { name: 'cold_start.median_ms', unit: 'ms', better: 'lower', description: 'fresh process to first translation (median over samples)' },
    { name: 'cold_start.load_ms', unit: 'ms', better: 'lower', description: 'model read + compile in the fresh process (median)' },
    { name: 'cold_start.first_translation_ms', unit: 'ms', better: 'lower', description: 'first translation after load (median)' },
    { name: 'memory.peak_rss_mb', unit: 'MiB', better: 'lower', description: 'peak resident memory of the cold-start process (max over samples)' },
  ],
  enabled: (suite) => suite.measures.cold_start !== undefined,

  async run({ plan, variant, progress }: VariantContext): Promise<CellResult> {
    const s = plan.suite.measures.cold_start!;
    const first = plan.datasets[0];
    const req: ColdStartRequest = {
      engine: variant.variant.engine,
      modelDir: variant.files.dir,
      device: variant.variant.device,
      options: variant.variant.engine_options,
      maxLength: variant.variant.decoding.max_length,
      sentence: first.sources[0],
      srcLang: first.dataset.srcLang,
      tgtLang: first.dataset.tgtLang,
      loadOptions: loadOptions(
        variant.variant,
        await variantCacheDir(variant.engine, variant.variant.device, variant.files, variant.variant.engine_options, dirname(plan.suite.path)),
      ),
    };
    const samples: (ColdStartSample & { processTotalMs: number })[] = [];
    for (let i = 0; i < s.samples; i++) {
      progress(`cold start sample ${i + 1}/${s.samples}`);
      samples.push(await coldStartSample(req, s.timeout_s * 1000));
    }
    const med = (f: (x: (typeof samples)[number]) => number) => median(samples.map(f));
    return {
      values: {
        'cold_start.median_ms': med((x) => x.processTotalMs),
        'cold_start.load_ms': med((x) => x.readMs + x.compileMs),
        'cold_start.first_translation_ms': med((x) => x.firstTranslationMs),
        'memory.peak_rss_mb': Math.max(...samples.map((x) => x.peakRssMb)),
      },
      details: {
        note: 'The OS file cache is warm after the first sample. ONNX Runtime has no compile cache; OpenVINO with CACHE_DIR records per sample whether the compiled model was written to or loaded from the cache (LOADED_FROM_CACHE).',
        samples: samples.map(({ output: _output, ...rest }) => rest),
        firstOutput: samples[0]?.output,
      },
    };
  },
};
