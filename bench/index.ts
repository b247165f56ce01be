/**
 * `npm run bench`: speed and memory figures with their targets. Timings live
 * here, never in tests. `npm run bench -- metrics`, `-- harness` or `-- synthetic [preset]` runs one part.
 */
import { benchHarness } from './harness.js';
import { benchMetrics } from './metrics.js';
import { benchSynthetic } from './synthetic.js';

const only = process.argv[2];
if (!only || only === 'harness') await benchHarness();
if (!only || only === 'metrics') await benchMetrics({});
// The 418M harness-overhead figure (generates the synthetic model into the cache on first use).
if (!only || only === 'synthetic') await benchSynthetic(process.argv[3]);
