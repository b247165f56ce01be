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

export interface ColdStartSettings {
  samples: number;
  timeout_s: number;
}

export interface LatencySettings {
  sentences: number;
  min_samples: number;
  min_time_ms: number;
  warmup_samples: number;
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
}

export interface GateRule {
  id: string;
  description?: string;
  metric: string;
  variants: string[];
  pairs: string[];
  min?: number;
  max?: number;
  vs?: 'reference';
  min_delta?: number;
  max_delta?: number;
  min_ratio?: number;
  max_ratio?: number;
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
  /** Model id → absolute directory. */
  models: Record<string, string>;
  variants: Variant[];
  reference: string;
  datasets: Dataset[];
  measures: Measures;
  gates: GateRule[];
  reports?: ReportSettings;
}
