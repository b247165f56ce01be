/**
 * Worker thread of significance-parallel.ts: extracts sentence statistics for
 * the jobs it is given and posts them back; it always raises the `done` flag,
 * even on failure, because the calling thread blocks on it.
 */
import { workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import type { MetricSpec } from './significance-parallel.js';

const { flag, port, spec, jobs } = workerData as {
  flag: Int32Array;
  port: MessagePort;
  spec: MetricSpec;
  jobs: { index: number; hyps: string[]; refs: (string | null)[][] }[];
};
Atomics.store(flag, 0, 1);
Atomics.notify(flag, 0);
try {
  const { metricFromSpec } = await import('./significance-parallel.js');
  const metric = metricFromSpec(spec);
  for (const job of jobs) {
    const s = metric.sentenceStatistics(job.hyps, job.refs as string[][]);
    port.postMessage({ index: job.index, stats: s.stats, width: s.width, n: s.n });
  }
} catch (err) {
  port.postMessage({ error: err instanceof Error ? err.message : String(err) });
} finally {
  Atomics.store(flag, 1, 1);
  Atomics.notify(flag, 1);
  port.close();
}
