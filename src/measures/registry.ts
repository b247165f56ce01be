/** All measures, and the catalogue of metric names gates and reports may use. */
import { agreementMeasure } from './agreement.js';
import { coldStartMeasure } from './cold-start.js';
import { latencyMeasure } from './latency.js';
import type { MetricDef, PairMeasure, VariantMeasure } from './measure.js';
import { memoryMeasure } from './memory.js';
import { qualityMeasure } from './quality.js';
import { queueingMeasure } from './queueing.js';

export const variantMeasures: readonly VariantMeasure[] = [coldStartMeasure, memoryMeasure];
/** Order matters only for progress output; every pair measure reads the same outputs. */
export const pairMeasures: readonly PairMeasure[] = [qualityMeasure, agreementMeasure, latencyMeasure, queueingMeasure];

export const METRICS: ReadonlyMap<string, MetricDef> = new Map(
  [...variantMeasures, ...pairMeasures].flatMap((m) => m.metrics.map((d) => [d.name, d] as const)),
);
