/**
 * The run record: the one file every report, gate re-evaluation and
 * baseline comparison reads. Versioned so old records are recognised.
 */
import type { GateResult } from '../gates/evaluate.js';
import type { VariantLoad } from '../engines/load-variant.js';
import type { WaiverInfo } from '../gates/types.js';
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
  /** INVALID: values were measured but their run contract was not met (the reason); gates on them fail. */
  invalid?: string;
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
  /** Engine.fingerprint for this engine and device (runtime, device name, driver), compared against baselines. */
  fingerprint?: Record<string, string>;
  /** How the model loaded: read/compile ms, compile cache, execution devices and any device fallback. */
  load?: VariantLoad;
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
  run: { id: string; startedAt: string; finishedAt: string; durationMs: number; folder: string; resumedAt?: string[] };
  /** Set when the run stopped early (Ctrl-C, SIGTERM): `mtgate run --resume <folder>` finishes it. */
  partial?: boolean;
  partialReason?: string;
  /** Dataset and suite warnings (empty lines, non-NFC text, BOM stripped...). */
  warnings?: string[];
  suite: { name: string; path: string; sha256: string; reference: string };
  environment: Environment;
  variants: VariantInfo[];
  datasets: DatasetInfo[];
  cells: Cell[];
  gates: GateResult[];
  /** The baseline `vs: baseline` gates compared with, and how its fingerprint differed (allowed mismatches). */
  baseline?: { run: string; path: string; fingerprintDifferences: string[] };
  /** The suite's waivers with their state at gate time (expired ones included, so reports can say so). */
  waivers?: WaiverInfo[];
  /** Set by `mtgate merge`: the runs combined into this record. */
  mergedFrom?: { run: string; path: string; machine: string }[];
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
): { value?: number; error?: string; invalid?: string; cell?: Cell } {
  for (const cell of record.cells) {
    if (cell.variant !== variant || (pair !== undefined && cell.pair !== undefined && cell.pair !== pair)) continue;
    if (metric in cell.values) return { value: cell.values[metric], ...(cell.invalid ? { invalid: cell.invalid } : {}), cell };
    if (cell.error && cell.measure === measureOf(metric)) return { error: cell.error, cell };
  }
  return {};
}

/** Which measure produces a metric: `latency.p95_ms` → latency; bleu/chrf/ter → quality; memory.peak_rss_mb → cold_start. */
export function measureOf(metric: string): string {
  if (!metric.includes('.')) return 'quality';
  if (metric === 'memory.peak_rss_mb') return 'cold_start';
  return metric.slice(0, metric.indexOf('.'));
}

/** Measures that run once per variant, not per language pair. */
export const VARIANT_LEVEL_MEASURES: ReadonlySet<string> = new Set(['cold_start', 'memory']);
