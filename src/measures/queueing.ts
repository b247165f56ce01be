/**
 * Queueing on a sequential device: N concurrent clients send requests to one
 * loaded variant that executes them one at a time, first come first served —
 * a FIFO in front of the model, as an NPU (one inference in flight) forces on
 * a server. Each client is closed-loop: it sends its next request when the
 * previous one has answered. Per N: queue wait (submit → start), inference
 * (start → end), end-to-end (submit → end) and throughput; the wait p95 is
 * the SLO to watch (OpenVINO Model Server's docs call it that).
 */
import { performance } from 'node:perf_hooks';
import type { CellResult, MetricDef, PairContext, PairMeasure } from './measure.js';
import type { Clock } from './run-contract.js';
import { summarize, type Summary } from './stats.js';
import { distinctSentences } from './latency.js';

export interface RequestTiming {
  client: number;
  request: number;
  submitMs: number;
  startMs: number;
  endMs: number;
}

/** Runs submitted jobs strictly one at a time, in submission order. */
export class SequentialDevice {
  private tail: Promise<unknown> = Promise.resolve();
  /** Order in which jobs started, for the record and the tests. */
  readonly started: string[] = [];

  constructor(private readonly clock: Clock = performance) {}

  submit<T>(label: string, job: () => Promise<T>): Promise<{ value: T; submitMs: number; startMs: number; endMs: number }> {
    const submitMs = this.clock.now();
    const run = this.tail.then(async () => {
      const startMs = this.clock.now();
      this.started.push(label);
      const value = await job();
      return { value, submitMs, startMs, endMs: this.clock.now() };
    });
    // A failed job must not wedge the queue for the jobs behind it.
    this.tail = run.catch(() => undefined);
    return run;
  }
}

export interface LoadLevel {
  clients: number;
  requests: number;
  wait: Summary;
  inference: Summary;
  endToEnd: Summary;
  /** Completed requests per second over the level's wall time (first submit → last answer). */
  throughputPerS: number;
  wallMs: number;
  /** Share of the wall time the device was running a request (≈ 1 once N ≥ 2: the queue never runs dry). */
  utilization: number;
}

/**
 * One load level: `requests` requests shared by `clients` closed-loop
 * clients (client c sends requests c, c + N, c + 2N, …), so every level
 * sends the same inputs and levels compare. `infer(i)` runs request i.
 */
export async function runLoadLevel(
  clients: number,
  requests: number,
  infer: (index: number) => Promise<unknown>,
  clock: Clock = performance,
): Promise<{ level: LoadLevel; timings: RequestTiming[]; startOrder: string[] }> {
  const device = new SequentialDevice(clock);
  const timings: RequestTiming[] = [];
  const t0 = clock.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let index = client, request = 0; index < requests; index += clients, request++) {
        const i = index;
        const r = await device.submit(`c${client}r${request}`, () => infer(i));
        timings.push({ client, request, submitMs: r.submitMs - t0, startMs: r.startMs - t0, endMs: r.endMs - t0 });
      }
    }),
  );
  const wallMs = Math.max(...timings.map((t) => t.endMs));
  const busyMs = timings.reduce((a, t) => a + (t.endMs - t.startMs), 0);
  return {
    timings,
    startOrder: device.started,
    level: {
      clients,
      requests: timings.length,
      wait: summarize(timings.map((t) => t.startMs - t.submitMs)),
      inference: summarize(timings.map((t) => t.endMs - t.startMs)),
      endToEnd: summarize(timings.map((t) => t.endMs - t.submitMs)),
      throughputPerS: wallMs > 0 ? (timings.length / wallMs) * 1000 : NaN,
      wallMs,
      utilization: wallMs > 0 ? busyMs / wallMs : NaN,
    },
  };
}

/** Gate-able names exist for these levels (the schema lists them); other levels are recorded all the same. */
export const GATED_LEVELS = [1, 2, 4, 8];
const PER_LEVEL: [string, string, string, 'lower' | 'higher'][] = [
  ['wait_p50_ms', 'ms', 'median queue wait (submit → start)', 'lower'],
  ['wait_p95_ms', 'ms', '95th percentile queue wait (submit → start)', 'lower'],
  ['inference_p50_ms', 'ms', 'median inference time (start → end)', 'lower'],
  ['e2e_p50_ms', 'ms', 'median end-to-end latency (submit → end)', 'lower'],
  ['e2e_p95_ms', 'ms', '95th percentile end-to-end latency (submit → end)', 'lower'],
  ['throughput_per_s', 'requests/s', 'completed requests per second', 'higher'],
];

export const QUEUEING_METRICS: MetricDef[] = GATED_LEVELS.flatMap((n) =>
  PER_LEVEL.map(([name, unit, what, better]) => ({ name: `queueing.n${n}.${name}`, unit, better, description: `${n} concurrent client${n > 1 ? 's' : ''}: ${what}` })),
);

export function levelValues(l: LoadLevel): Record<string, number> {
  const p = `queueing.n${l.clients}.`;
  return {
    [`${p}wait_p50_ms`]: l.wait.p50,
    [`${p}wait_p95_ms`]: l.wait.p95,
    [`${p}inference_p50_ms`]: l.inference.p50,
    [`${p}e2e_p50_ms`]: l.endToEnd.p50,
    [`${p}e2e_p95_ms`]: l.endToEnd.p95,
    [`${p}throughput_per_s`]: l.throughputPerS,
  };
}

export const queueingMeasure: PairMeasure = {
  name: 'queueing',
  metrics: QUEUEING_METRICS,
  enabled: (suite) => suite.measures.queueing !== undefined,

  async run({ plan, data, translator, progress }: PairContext): Promise<CellResult> {
    const s = plan.suite.measures.queueing!;
    const clientCounts = s.clients ?? GATED_LEVELS;
    const perLevel = s.requests_per_level ?? 32;
    const sentences = distinctSentences(data.sources, s.sentences ?? 16);
    const { srcLang, tgtLang } = data.dataset;
    const values: Record<string, number> = {};
    const levels: LoadLevel[] = [];
    for (const n of clientCounts) {
      progress(`queueing: ${n} client${n > 1 ? 's' : ''}, ${perLevel} requests`);
      const { level } = await runLoadLevel(n, perLevel, (i) => translator.translate(sentences[i % sentences.length], srcLang, tgtLang));
      levels.push(level);
      Object.assign(values, levelValues(level));
    }
    return {
      values,
      details: {
        requestsPerLevel: perLevel,
        sentences: sentences.length,
        note: 'closed-loop clients; one request in flight on the model at a time (FIFO); the model was warm from the translation pass',
        levels,
      },
    };
  },
};
