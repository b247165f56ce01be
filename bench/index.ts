/**
 * `npm run bench`: speed and memory figures with their targets. Timings live
 * here, never in tests. `npm run bench -- metrics` or `-- harness` runs one part.
 */
import { benchHarness } from './harness.js';
import { benchMetrics } from './metrics.js';

const only = process.argv[2];
if (!only || only === 'harness') await benchHarness();
if (!only || only === 'metrics') await benchMetrics({});
