/**
 * A suite as the rest of the pipeline sees it: validated against
 * schema/suite.schema.json, defaults applied, paths resolved against the
 * suite file's folder. YAML keys are snake_case; these fields mirror them.
 */

export interface DecodingSettings {
  max_length: number;
}

export interface Variant {
  id: string;
  /** Key into Suite.models. */
  model: string;
  engine: string;
  device: string;
  precision?: string;
  engine_options: Record<string, unknown>;
  decoding: DecodingSettings;
  /** Running on another device than asked (OpenVINO EXECUTION_DEVICES): flag it, or fail the variant. */
  fallback?: 'warn' | 'fail';
  /** Use the export's KV cache when it has one (engine default: true). */
  kv_cache?: boolean;
  /** Fixed input lengths (NPU); longer inputs are refused. */
  static_shape?: { source_length: number; target_length: number };
  /** transformers.js file suffix (onnx-merged layout). */
  model_suffix?: string;
  /**
   * Precomputed outputs instead of a model: language pair → absolute path of a
   * hypothesis file line-aligned with that pair's dataset. Such a variant has
   * engine `precomputed` and model `''`.
   */
  outputs?: Record<string, string>;
}

/** Minimum versions a suite needs (dotted numbers). */
export interface Requirements {
  openvino?: string;
  onnxruntime?: string;
  npu_driver?: string;
  npu_compiler?: string;
}

/** A `models:` entry that names a generated synthetic model instead of a path. */
export interface SyntheticModelRef {
  preset: string;
  precision: 'fp32' | 'int8' | 'int4';
  layout: 'optimum' | 'merged';
  seed: number;
  int8_form?: 'nbits' | 'dq';
  int4_form?: 'nbits' | 'dq';
  /** Decoders with past take decoder_attention_mask, so static shapes can keep the KV cache. */
  decoder_mask?: boolean;
}

export interface Dataset {
  id: string;
  pair: string;
  srcLang: string;
  tgtLang: string;
  /** Absolute paths. */
  source: string;
  references: string[];
  limit?: number;
}

export type CacheState = 'none' | 'cache_cold' | 'cache_warm';

export interface ColdStartSettings {
  samples: number;
  timeout_s: number;
  /** Compile-cache states to sample (default: none only). */
  cache_states?: CacheState[];
  /** How model files enter the compile-cache key: size+mtime (default) or sha256 of their bytes. */
  cache_key?: 'stat' | 'sha256';
}

export interface LatencySettings {
  sentences: number;
  min_samples: number;
  /** Old name of min_duration_ms. */
  min_time_ms?: number;
  min_duration_ms?: number;
  max_duration_ms?: number;
  warmup_samples: number;
  /** Upper bounds (source tokens) of the length buckets; one more bucket takes the rest. */
  length_buckets?: number[];
  /** Sample each variant interleaved with the reference variant (A B A B …). */
  interleave?: boolean;
  bootstrap_resamples?: number;
  bootstrap_seed?: number;
  confidence_level?: number;
}

export interface MemorySettings {
  timeout_s?: number;
  /** Also load each variant beside the reference in one process (warm-coexist) and after it with dispose (cold-swap). */
  pairs?: boolean;
}

export interface QueueingSettings {
  /** Concurrent client counts to run, one level each. */
  clients?: number[];
  /** Requests per level, shared round-robin by the clients, so every level sends the same inputs. */
  requests_per_level?: number;
  sentences?: number;
}

export interface QualitySettings {
  metrics: ('bleu' | 'chrf' | 'ter')[];
  bleu: { tokenize?: '13a' | 'intl' | 'zh' | 'char' | 'none'; lowercase?: boolean; smooth_method?: 'exp' | 'floor' | 'add-k' | 'none'; smooth_value?: number };
  chrf: { char_order?: number; word_order?: number; beta?: number; lowercase?: boolean; whitespace?: boolean };
}

export interface AgreementSettings {
  worst_examples: number;
}

export interface Measures {
  cold_start?: ColdStartSettings;
  latency?: LatencySettings;
  quality?: QualitySettings;
  agreement?: AgreementSettings;
  memory?: MemorySettings;
  queueing?: QueueingSettings;
}

export interface GateRule {
  id: string;
  description?: string;
  metric: string;
  variants: string[];
  pairs: string[];
  /** Device patterns (default all). */
  devices: string[];
  /** `warn`: a broken bound is reported but does not fail the run. */
  severity: 'fail' | 'warn';
  /** Delta/ratio bounds fail only when the difference is significant. */
  significance?: { test: 'bs' | 'ar'; alpha: number; samples: number };
  min?: number;
  max?: number;
  vs?: 'reference' | 'baseline';
  min_delta?: number;
  max_delta?: number;
  min_ratio?: number;
  max_ratio?: number;
}

/** A sign-off waiver: checks of `rule` in scope that fail or warn become `waived` until `expires` (inclusive, UTC). */
export interface Waiver {
  /** Waiver id (defaults to `<rule>#<index>`). */
  id: string;
  /** Gate rule id it applies to. */
  rule: string;
  variants: string[];
  pairs: string[];
  devices: string[];
  reason: string;
  owner: string;
  /** ISO date (YYYY-MM-DD); the waiver waives through the end of that day (UTC). */
  expires: string;
}

export interface BaselineSettings {
  /** Default baseline for `mtgate run`: a run.json, a run folder (absolute) or `last-passing`. */
  run?: string;
  allow_fingerprint_mismatch: boolean;
}

/** Pre-flight golden check settings (suite `golden:`). */
export interface GoldenSettings {
  /** Absolute path of the golden JSON file. */
  file: string;
  max_divergent_lines: number;
  min_length_ratio: number;
}

/** Which report files a run writes (src/reports/index.ts has the formats and the defaults). */
export interface ReportSettings {
  formats?: string[];
  png?: boolean;
}

export interface Suite {
  name: string;
  description?: string;
  /** Absolute path of the suite file. */
  path: string;
  /** sha256 of the suite file's bytes. */
  sha256: string;
  /** Model id → absolute directory (for synthetic models: where the model cache keeps them). */
  models: Record<string, string>;
  /** Model ids that are synthetic models, generated by `mtgate run` when missing. */
  synthetic?: Record<string, SyntheticModelRef>;
  /** Model id → how to export it (models' `export:`), for models that may not exist yet. */
  modelExports?: Record<string, string>;
  golden?: GoldenSettings;
  variants: Variant[];
  reference: string;
  datasets: Dataset[];
  measures: Measures;
  gates: GateRule[];
  requires?: Requirements;
  waivers: Waiver[];
  baseline: BaselineSettings;
  reports?: ReportSettings;
}
