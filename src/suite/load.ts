/**
 * Reads a suite file: YAML → schema check → cross-reference checks →
 * defaults and resolved paths. Every problem is one UsageError line that
 * names the file, line, column and field.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Document, LineCounter } from 'yaml';
import { UsageError } from '../errors.js';
import { describeSchemaError, type PathSegment } from './diagnostics.js';
import { expandIncludes, failAt, originOf, parseSuiteDocument, toData, type Origin, type SourceDoc } from './includes.js';
import { checkGateMeasures } from './cross-checks.js';
import { allowedKeys, suiteValidator } from './schema.js';
import { loadWaivers, type RawWaiver } from '../gates/waivers.js';
import { syntheticModelDir } from '../models/synthetic/suite-models.js';
import type { Dataset, GateRule, Measures, ReportSettings, Requirements, Suite, SyntheticModelRef, Variant } from './types.js';

/* The raw, schema-valid YAML shape (snake_case as written). */
interface RawSuite {
  name: string;
  description?: string;
  models: Record<string, string | { path: string; export?: string } | { synthetic: Partial<SyntheticModelRef> & { preset: string } }>;
  golden?: string | { file: string; max_divergent_lines?: number; min_length_ratio?: number };
  variants: (Omit<Variant, 'engine_options' | 'decoding' | 'model' | 'engine' | 'device'> & {
    model?: string;
    engine?: string;
    device?: string;
    engine_options?: Record<string, unknown>;
    decoding?: { max_length?: number };
  })[];
  reference: string;
  decoding?: { max_length?: number };
  datasets: { id: string; pair: string; source: string; references: string[]; limit?: number }[];
  measures: Measures;
  gates?: (Omit<GateRule, 'variants' | 'pairs' | 'devices' | 'severity' | 'significance'> & {
    variants?: string | string[];
    pairs?: string | string[];
    devices?: string | string[];
    severity?: 'fail' | 'warn';
    significance?: { test?: 'bs' | 'ar'; alpha?: number; samples?: number };
  })[];
  waivers?: string | RawWaiver[];
  baseline?: { run?: string; allow_fingerprint_mismatch?: boolean };
  requires?: Requirements;
  reports?: ReportSettings;
}

const DEFAULT_MAX_LENGTH = 200;

class SuiteReader {
  readonly source: SourceDoc;
  readonly lines: LineCounter;
  readonly doc: Document;
  /** Where merged items were written (includes); errors about them name that file. */
  origins = new Map<string, Origin>();

  constructor(readonly file: string, text: string) {
    this.source = parseSuiteDocument(file, text);
    this.doc = this.source.doc;
    this.lines = this.source.lines;
  }

  fail(path: PathSegment[], message: string, atKey = false): never {
    const origin = originOf(this.origins, path);
    return origin ? failAt(origin.source, origin.path, message, atKey) : failAt(this.source, path, message, atKey);
  }
}

function uniqueIds(reader: SuiteReader, items: { id: string }[], field: string): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const prev = seen.get(item.id);
    if (prev !== undefined) reader.fail([field, i, 'id'], `duplicate id "${item.id}" (also ${field}[${prev}]); give each a unique id`);
    seen.set(item.id, i);
  });
}

const asList = (v: string | string[] | undefined): string[] => (v === undefined ? ['*'] : Array.isArray(v) ? v : [v]);

export function loadSuiteText(file: string, text: string): Suite {
  const reader = new SuiteReader(file, text);
  let data = toData(reader.source);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    reader.fail([], 'a suite must be a YAML mapping with name, models, variants, reference, datasets and measures');
  }
  const expanded = expandIncludes(reader.source, data as Record<string, unknown>);
  data = expanded.data;
  reader.origins = expanded.origins;
  const validate = suiteValidator();
  if (!validate(data)) {
    const problem = describeSchemaError(validate.errors ?? [], allowedKeys);
    reader.fail(problem.path, problem.message, problem.atKey);
  }
  const raw = data as RawSuite;
  raw.models ??= {};
  const base = dirname(file);

  uniqueIds(reader, raw.variants, 'variants');
  uniqueIds(reader, raw.datasets, 'datasets');
  uniqueIds(reader, raw.gates ?? [], 'gates');

  const modelIds = Object.keys(raw.models);
  const variants: Variant[] = raw.variants.map((v, i) => {
    if (v.outputs) {
      // Precomputed outputs stand in for a model: nothing to load or run.
      const extra = (['model', 'engine', 'engine_options', 'decoding'] as const).find((k) => k in v);
      if (extra) reader.fail(['variants', i, extra], `a variant with outputs has no ${extra}; remove it, or remove outputs to run a model`);
      const pairs = new Set(raw.datasets.map((d) => d.pair));
      for (const pair of Object.keys(v.outputs)) {
        if (!pairs.has(pair)) reader.fail(['variants', i, 'outputs', pair], `no dataset has pair ${pair}; dataset pairs: ${[...pairs].join(', ')}`);
      }
      const outputs = Object.fromEntries(Object.entries(v.outputs).map(([pair, path]) => [pair, resolve(base, path)]));
      return { ...v, model: '', engine: 'precomputed', device: v.device ?? 'n/a', engine_options: {}, decoding: { max_length: 0 }, outputs };
    }
    const model = v.model ?? '';
    if (!raw.models[model]) reader.fail(['variants', i, 'model'], `unknown model "${model}"; known models: ${modelIds.join(', ')}`);
    const decoding = { max_length: v.decoding?.max_length ?? raw.decoding?.max_length ?? DEFAULT_MAX_LENGTH };
    // The decoder is fed at most max_length - 1 tokens; a shorter static length would refuse every long output.
    if (v.static_shape && v.static_shape.target_length < decoding.max_length - 1) {
      reader.fail(['variants', i, 'static_shape', 'target_length'], `${v.static_shape.target_length} is shorter than decoding.max_length - 1 (${decoding.max_length - 1}); raise target_length or lower max_length`);
    }
    return {
      ...v,
      model,
      engine: v.engine ?? '',
      device: v.device ?? '',
      engine_options: v.engine_options ?? {},
      decoding,
    };
  });
  if (!variants.some((v) => v.id === raw.reference)) {
    reader.fail(['reference'], `no variant has id "${raw.reference}"; variants: ${variants.map((v) => v.id).join(', ')}`);
  }

  const datasets: Dataset[] = raw.datasets.map((d) => {
    const [srcLang, tgtLang] = d.pair.split('-');
    return {
      ...d,
      srcLang,
      tgtLang,
      source: resolve(base, d.source),
      references: d.references.map((r) => resolve(base, r)),
    };
  });

  const gates: GateRule[] = (raw.gates ?? []).map((g, i) => {
    const relative = ['min_delta', 'max_delta', 'min_ratio', 'max_ratio'].filter((k) => k in g);
    if (relative.length && !g.vs) reader.fail(['gates', i, relative[0]], `${relative[0]} compares with another run; add "vs: reference"`);
    if (g.vs && !relative.length) reader.fail(['gates', i, 'vs'], `vs: ${g.vs} needs a bound: min_delta, max_delta, min_ratio or max_ratio`);
    if (g.significance && !g.vs) reader.fail(['gates', i, 'significance'], 'significance qualifies a delta/ratio bound; add "vs: reference" or "vs: baseline" and min_delta (or another relative bound)');
    const significance = g.significance && {
      test: g.significance.test ?? 'bs',
      alpha: g.significance.alpha ?? 0.05,
      samples: g.significance.samples ?? ((g.significance.test ?? 'bs') === 'bs' ? 1000 : 10000),
    };
    return { ...g, variants: asList(g.variants), pairs: asList(g.pairs), devices: asList(g.devices), severity: g.severity ?? 'fail', significance };
  });
  checkGateMeasures(raw, (path, message) => reader.fail(path, message));
  const waivers = loadWaivers(raw.waivers, base, gates.map((g) => g.id), (path, message) => reader.fail(path, message));
  const baselineRun = raw.baseline?.run;

  const lat = raw.measures.latency;
  const minDuration = lat?.min_duration_ms ?? lat?.min_time_ms;
  if (lat?.max_duration_ms !== undefined && minDuration !== undefined && lat.max_duration_ms < minDuration) {
    reader.fail(['measures', 'latency', 'max_duration_ms'], `${lat.max_duration_ms} is below min_duration_ms ${minDuration}: the run contract could never be met; raise max_duration_ms`);
  }

  const models: Record<string, string> = {};
  const synthetic: Record<string, SyntheticModelRef> = {};
  for (const [id, m] of Object.entries(raw.models)) {
    if (typeof m === 'object' && 'synthetic' in m) {
      synthetic[id] = { precision: 'fp32', layout: 'optimum', seed: 1, ...m.synthetic } as SyntheticModelRef;
      try {
        models[id] = syntheticModelDir(synthetic[id]);
      } catch (err) {
        reader.fail(['models', id, 'synthetic'], (err as Error).message);
      }
    } else {
      models[id] = resolve(base, typeof m === 'string' ? m : m.path);
    }
  }
  const modelExports = Object.fromEntries(Object.entries(raw.models).flatMap(([id, m]) => (typeof m === 'object' && 'export' in m && m.export ? [[id, m.export]] : [])));
  const golden = raw.golden === undefined ? undefined : typeof raw.golden === 'string' ? { file: raw.golden } : raw.golden;

  return {
    name: raw.name,
    description: raw.description,
    path: file,
    sha256: expanded.sha256,
    models,
    ...(Object.keys(synthetic).length ? { synthetic } : {}),
    ...(Object.keys(modelExports).length ? { modelExports } : {}),
    ...(golden ? { golden: { file: resolve(base, golden.file), max_divergent_lines: golden.max_divergent_lines ?? 0, min_length_ratio: golden.min_length_ratio ?? 0.5 } } : {}),
    variants,
    reference: raw.reference,
    datasets,
    measures: raw.measures,
    gates,
    ...(raw.requires ? { requires: raw.requires } : {}),
    waivers,
    baseline: {
      run: baselineRun === undefined || baselineRun === 'last-passing' ? baselineRun : resolve(base, baselineRun),
      allow_fingerprint_mismatch: raw.baseline?.allow_fingerprint_mismatch ?? false,
    },
    ...(raw.reports ? { reports: raw.reports } : {}),
  };
}

export function loadSuite(path: string): Suite {
  const file = resolve(path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`${file}: suite file not found; pass the path of a suite YAML file (e.g. suites/smoke.yaml)`);
  }
  return loadSuiteText(file, text);
}
