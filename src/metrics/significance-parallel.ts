/**
 * Sentence statistics of several systems on two threads: the paired tests
 * need one matrix per system, and on large corpora extracting them dominates
 * the run time (chrF: ~3 s per 100k lines). The calling thread takes systems
 * 0, 2, 4, … and one worker thread takes 1, 3, 5, …; the API stays
 * synchronous (the caller blocks on a shared flag once its own share is done).
 *
 * Only the library's own BLEU, CHRF and TER are sent to the worker, rebuilt
 * there from their options (checked by comparing signatures); any other
 * metric, small input, or a worker that fails, runs on the calling thread.
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BLEU, type SmoothMethod } from './bleu.js';
import { CHRF } from './chrf.js';
import { TER } from './ter.js';
import type { CorpusMetric, SentenceStatistics } from './types.js';
import type { RefStreams } from './corpus-input.js';

export type MetricSpec =
  | { kind: 'bleu'; tokenize: string; lowercase: boolean; smoothMethod: SmoothMethod; smoothValue?: number; effectiveOrder?: boolean; maxNgramOrder: number }
  | { kind: 'chrf'; charOrder: number; wordOrder: number; beta: number; lowercase: boolean; whitespace: boolean; epsSmoothing: boolean }
  | { kind: 'ter'; normalized: boolean; noPunct: boolean; asianSupport: boolean; caseSensitive: boolean };

export function metricFromSpec(spec: MetricSpec): CorpusMetric {
  switch (spec.kind) {
    case 'bleu':
      return new BLEU(spec);
    case 'chrf':
      return new CHRF(spec);
    case 'ter':
      return new TER(spec);
  }
}

function specOf(metric: CorpusMetric): MetricSpec | null {
  let spec: MetricSpec | null = null;
  if (metric.constructor === BLEU) {
    const m = metric as BLEU;
    spec = {
      kind: 'bleu',
      tokenize: m.tokenizer.signature,
      lowercase: m.lowercase,
      smoothMethod: m.smoothMethod,
      smoothValue: m.smoothValue,
      effectiveOrder: m.effectiveOrder,
      maxNgramOrder: m.maxNgramOrder,
    };
  } else if (metric.constructor === CHRF) {
    const m = metric as CHRF;
    spec = { kind: 'chrf', charOrder: m.charOrder, wordOrder: m.wordOrder, beta: m.beta, lowercase: m.lowercase, whitespace: m.whitespace, epsSmoothing: m.epsSmoothing };
  } else if (metric.constructor === TER) {
    const m = metric as TER;
    spec = { kind: 'ter', normalized: m.normalized, noPunct: m.noPunct, asianSupport: m.asianSupport, caseSensitive: m.caseSensitive };
  }
  try {
    if (spec && metricFromSpec(spec).signature(1) === metric.signature(1)) return spec;
  } catch {
    // not rebuildable: stay on this thread
  }
  return null;
}

/** Below this many lines a worker's start-up costs more than it saves. */
export const PARALLEL_MIN_LINES = 20000;
let workerBroken = false;

const fromSource = import.meta.url.endsWith('.ts');
const workerUrl = new URL(fromSource ? './significance-worker.ts' : './significance-worker.js', import.meta.url);

/**
 * Run from TypeScript sources (tsx), a worker does not inherit the loader
 * hooks, so it registers tsx itself before loading the worker module.
 */
function startWorker(workerData: unknown, transferList: MessagePort[]): Worker {
  if (!fromSource) return new Worker(workerUrl, { workerData, transferList });
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const code =
    `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(workerUrl.href)}); })` +
    `.catch((e) => { const { workerData: d } = require('node:worker_threads');` +
    ` d.port.postMessage({ error: String(e) }); Atomics.store(d.flag, 0, 1); Atomics.store(d.flag, 1, 1);` +
    ` Atomics.notify(d.flag, 0); Atomics.notify(d.flag, 1); });`;
  return new Worker(code, { eval: true, workerData, transferList });
}

export interface StatsJob {
  hyps: readonly string[];
  refs: RefStreams;
}

/**
 * `metric.sentenceStatistics` for each job, in job order; job 0 always runs
 * on the calling thread first (so stateful metrics record its references).
 */
export function sentenceStatisticsAll(metric: CorpusMetric, jobs: readonly StatsJob[], parallel = true): SentenceStatistics[] {
  const local = (j: StatsJob) => metric.sentenceStatistics(j.hyps, j.refs as readonly (readonly string[])[]);
  const spec = parallel && !workerBroken && jobs.length > 1 && jobs[0].hyps.length >= PARALLEL_MIN_LINES ? specOf(metric) : null;
  if (!spec || !existsSync(fileURLToPath(workerUrl))) return jobs.map(local);

  const flag = new Int32Array(new SharedArrayBuffer(8)); // [started, done]
  const { port1, port2 } = new MessageChannel();
  const remote = jobs.map((_, i) => i).filter((i) => i % 2 === 1);
  let worker: Worker;
  try {
    worker = startWorker(
      { flag, port: port1, spec, jobs: remote.map((i) => ({ index: i, hyps: jobs[i].hyps, refs: jobs[i].refs })) },
      [port1],
    );
    // Failures are seen through the flags; an 'error' event must not crash the process.
    worker.on('error', () => {
      workerBroken = true;
    });
    worker.unref();
  } catch {
    workerBroken = true;
    return jobs.map(local);
  }
  const out: (SentenceStatistics | undefined)[] = jobs.map((j, i) => (i % 2 === 0 ? local(j) : undefined));
  // The worker flags its start at once; give a slow start (a TS loader compiling) a few seconds.
  if (Atomics.load(flag, 0) === 0) Atomics.wait(flag, 0, 0, 10_000);
  if (Atomics.load(flag, 0) === 1) Atomics.wait(flag, 1, 0, 30 * 60_000);
  for (let msg = receiveMessageOnPort(port2); msg; msg = receiveMessageOnPort(port2)) {
    const m = msg.message as { index?: number; stats?: Float64Array; width?: number; n?: number; error?: string };
    if (m.error !== undefined) workerBroken = true;
    else if (m.index !== undefined && m.stats) out[m.index] = { stats: m.stats, width: m.width!, n: m.n! };
  }
  port2.close();
  void worker.terminate();
  if (Atomics.load(flag, 1) === 0) workerBroken = true;
  return out.map((s, i) => s ?? local(jobs[i]));
}
