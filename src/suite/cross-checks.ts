/**
 * Cross-checks between a suite's parts that the schema cannot express:
 * a gate on a metric whose measure the suite never runs, or scoped to a
 * variant or pair that does not exist, could only ever fail closed; say so
 * before anything runs instead.
 */
import { matchesAny } from '../gates/patterns.js';
import { measureOf } from '../results/record.js';
import { nearest, type PathSegment } from './diagnostics.js';
import type { Measures } from './types.js';

interface RawParts {
  variants: { id: string }[];
  datasets: { pair: string }[];
  measures: Measures;
  gates?: { metric: string; variants?: string | string[]; pairs?: string | string[] }[];
}

const MEASURE_KEYS: readonly (keyof Measures)[] = ['cold_start', 'latency', 'quality', 'agreement', 'memory', 'queueing'];

/** The measures key a gate metric needs (the record's own metric → measure rule); undefined when no suite key runs it. */
function neededMeasure(metric: string): keyof Measures | undefined {
  const measure = measureOf(metric);
  return MEASURE_KEYS.find((k) => k === measure);
}

export function checkGateMeasures(raw: RawParts, fail: (path: PathSegment[], message: string) => never): void {
  const variantIds = raw.variants.map((v) => v.id);
  const pairs = [...new Set(raw.datasets.map((d) => d.pair))];
  (raw.gates ?? []).forEach((g, i) => {
    const measure = neededMeasure(g.metric);
    if (measure && raw.measures[measure] === undefined) {
      fail(['gates', i, 'metric'], `${g.metric} is measured by measures.${measure}, which this suite does not run; add measures.${measure} or drop the gate`);
    }
    if (measure === 'quality') {
      const metrics = raw.measures.quality?.metrics ?? ['bleu', 'chrf'];
      if (!metrics.includes(g.metric as 'bleu')) {
        fail(['gates', i, 'metric'], `${g.metric} is not in measures.quality.metrics (${metrics.join(', ')}); add it there`);
      }
    }
    for (const [field, known] of [['variants', variantIds], ['pairs', pairs]] as const) {
      const scope = g[field];
      const patterns = scope === undefined ? [] : Array.isArray(scope) ? scope : [scope];
      patterns.forEach((p, k) => {
        if (known.some((id) => matchesAny(id, [p]))) return;
        const guess = nearest(p, known);
        const at: PathSegment[] = Array.isArray(scope) ? ['gates', i, field, k] : ['gates', i, field];
        fail(at, `"${p}" matches no ${field === 'variants' ? 'variant' : 'pair'}${guess ? `; did you mean "${guess}"?` : ''} (${field}: ${known.join(', ')})`);
      });
    }
  });
}
