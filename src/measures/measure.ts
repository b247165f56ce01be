/**
 * What a measure is. Pair measures run per variant × dataset on a model
 * loaded in this process; variant measures run once per variant (cold start
 * spawns its own processes). Adding a measure = one file + one registry line.
 */
import type { Translation, Translator } from '../decoding/translator.js';
import type { LoadedDataset } from '../plan/datasets.js';
import type { Plan, PlannedVariant } from '../plan/plan.js';
import type { Suite } from '../suite/types.js';

export interface MetricDef {
  /** Name gates and reports use, e.g. `latency.p95_ms`. */
  name: string;
  unit: string;
  better: 'higher' | 'lower';
  description: string;
}

export interface CellResult {
  values: Record<string, number>;
  details?: Record<string, unknown>;
  /** Set when the values were measured but the run contract was not met: shown, and gates on them fail closed. */
  invalid?: string;
}

export type Progress = (message: string) => void;

export interface PairContext {
  plan: Plan;
  variant: PlannedVariant;
  data: LoadedDataset;
  translator: Translator;
  /** This variant's greedy outputs for every line of the dataset. */
  outputs: Translation[];
  /** The reference variant's outputs; absent when this is the reference. */
  referenceOutputs?: Translation[];
  progress: Progress;
}

export interface PairMeasure {
  readonly name: string;
  readonly metrics: readonly MetricDef[];
  enabled(suite: Suite): boolean;
  /** Whether it applies to this variant (agreement skips the reference itself). */
  appliesTo?(ctx: { variant: PlannedVariant }): boolean;
  run(ctx: PairContext): Promise<CellResult>;
}

export interface VariantContext {
  plan: Plan;
  variant: PlannedVariant;
  progress: Progress;
  /** The run folder (compile caches live under it unless $MTGATE_CACHE says otherwise). */
  folder?: string;
}

export interface VariantMeasure {
  readonly name: string;
  readonly metrics: readonly MetricDef[];
  enabled(suite: Suite): boolean;
  run(ctx: VariantContext): Promise<CellResult>;
}
