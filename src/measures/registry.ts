/** All measures, and the catalogue of metric names gates and reports may use. */
import { agreementMeasure } from './agreement.js';
import { coldStartMeasure } from './cold-start.js';
import { latencyMeasure } from './latency.js';
import type { MetricDef, PairMeasure, VariantMeasure } from './measure.js';
import { qualityMeasure } from './quality.js';

export const variantMeasures: readonly VariantMeasure[] = [coldStartMeasure];
/** Order matters only for progress output; every pair measure reads the same outputs. */
export const pairMeasures: readonly PairMeasure[] = [qualityMeasure, agreementMeasure, latencyMeasure];

export const METRICS: ReadonlyMap<string, MetricDef> = new Map(
  [...variantMeasures, ...pairMeasures].flatMap((m) => m.metrics.map((d) => [d.name, d] as const)),
);
