/**
 * The run record: the one file every report, gate re-evaluation and
 * baseline comparison reads. Versioned so old records are recognised.
 */
import type { GateResult } from '../gates/evaluate.js';
import type { GoldenCheckReport } from '../preflight/golden.js';
import type { Environment } from './environment.js';

export const RECORD_SCHEMA = 'mtgate.run/1';

export interface Cell {
  variant: string;
  /** Absent for variant-level measures (cold start, memory). */
  dataset?: string;
  pair?: string;
  measure: string;
  values: Record<string, number>;
  details?: Record<string, unknown>;
  /** Set when the measure failed; `values` is then empty. */
  error?: string;
  durationMs: number;
}

export interface VariantInfo {
  id: string;
  model: string;
  modelDir: string;
  layout: string;
  engine: string;
  engineVersion: string;
  device: string;
  precision?: string;
  /** Weight compression read from the model files (`mtgate inspect`'s label), e.g. `int4_asym g128 r0.8 +int8_asym`. */
  compression?: string;
  engineOptions: Record<string, unknown>;
  maxLength: number;
  isReference: boolean;
}

export interface DatasetInfo {
  id: string;
  pair: string;
  source: string;
  references: string[];
  lines: number;
}

export interface RunRecord {
  schema: typeof RECORD_SCHEMA;
  mtgateVersion: string;
  run: { id: string; startedAt: string; finishedAt: string; durationMs: number; folder: string };
  suite: { name: string; path: string; sha256: string; reference: string };
  environment: Environment;
  variants: VariantInfo[];
  datasets: DatasetInfo[];
  cells: Cell[];
  gates: GateResult[];
  /** Pre-flight stages that ran before any measurement (the golden check). */
  preflight?: { golden?: GoldenCheckReport };
  /** `stopped`: why the run ended before measuring (a failed pre-flight); exit code 3. */
  outcome: { exitCode: number; failedGates: string[]; erroredCells: number; stopped?: string };
}

/** A metric value of one variant (and pair), or the cell error that kept it from existing. */
export function lookup(
  record: Pick<RunRecord, 'cells'>,
  variant: string,
  pair: string | undefined,
  metric: string,
): { value?: number; error?: string; cell?: Cell } {
  for (const cell of record.cells) {
    if (cell.variant !== variant || (pair !== undefined && cell.pair !== undefined && cell.pair !== pair)) continue;
    if (metric in cell.values) return { value: cell.values[metric], cell };
    if (cell.error && cell.measure === measureOf(metric)) return { error: cell.error, cell };
  }
  return {};
}

/** Which measure produces a metric: `latency.p95_ms` → latency; bleu/chrf/ter → quality; memory → cold_start. */
export function measureOf(metric: string): string {
  if (!metric.includes('.')) return 'quality';
  const prefix = metric.slice(0, metric.indexOf('.'));
  return prefix === 'memory' ? 'cold_start' : prefix;
}
