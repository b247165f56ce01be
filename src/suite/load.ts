/**
 * Reads a suite file: YAML → schema check → cross-reference checks →
 * defaults and resolved paths. Every problem is one UsageError line that
 * names the file, line, column and field.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { UsageError } from '../errors.js';
import { describeSchemaError, locate, pathToString, type PathSegment } from './diagnostics.js';
import { allowedKeys, suiteValidator } from './schema.js';
import type { Dataset, GateRule, Measures, ReportSettings, Suite, Variant } from './types.js';

/* The raw, schema-valid YAML shape (snake_case as written). */
interface RawSuite {
  name: string;
  description?: string;
  models: Record<string, string | { path: string }>;
  variants: (Omit<Variant, 'engine_options' | 'decoding'> & { engine_options?: Record<string, unknown>; decoding?: { max_length?: number } })[];
  reference: string;
  decoding?: { max_length?: number };
  datasets: { id: string; pair: string; source: string; references: string[]; limit?: number }[];
  measures: Measures;
  gates?: (Omit<GateRule, 'variants' | 'pairs'> & { variants?: string | string[]; pairs?: string | string[] })[];
  reports?: ReportSettings;
}

const DEFAULT_MAX_LENGTH = 200;

class SuiteReader {
  readonly lines = new LineCounter();
  readonly doc: Document;

  constructor(readonly file: string, text: string) {
    this.doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true });
    const first = this.doc.errors[0];
    if (first) {
      const { line, col } = this.lines.linePos(first.pos[0]);
      throw new UsageError(`${file}:${line}:${col}: YAML syntax error: ${first.message.split('\n')[0]}; fix the YAML`);
    }
  }

  fail(path: PathSegment[], message: string, atKey = false): never {
    const { line, col } = locate(this.doc, this.lines, path, atKey);
    throw new UsageError(`${this.file}:${line}:${col}: ${pathToString(path)}: ${message}`);
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
  const data = reader.doc.toJS() as unknown;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    reader.fail([], 'a suite must be a YAML mapping with name, models, variants, reference, datasets and measures');
  }
  const validate = suiteValidator();
  if (!validate(data)) {
    const problem = describeSchemaError(validate.errors ?? [], allowedKeys);
    reader.fail(problem.path, problem.message, problem.atKey);
  }
  const raw = data as RawSuite;
  const base = dirname(file);

  uniqueIds(reader, raw.variants, 'variants');
  uniqueIds(reader, raw.datasets, 'datasets');
  uniqueIds(reader, raw.gates ?? [], 'gates');

  const modelIds = Object.keys(raw.models);
  const variants: Variant[] = raw.variants.map((v, i) => {
    if (!raw.models[v.model]) reader.fail(['variants', i, 'model'], `unknown model "${v.model}"; known models: ${modelIds.join(', ')}`);
    return {
      ...v,
      engine_options: v.engine_options ?? {},
      decoding: { max_length: v.decoding?.max_length ?? raw.decoding?.max_length ?? DEFAULT_MAX_LENGTH },
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
    if (g.vs && !relative.length) reader.fail(['gates', i, 'vs'], 'vs: reference needs a bound: min_delta, max_delta, min_ratio or max_ratio');
    return { ...g, variants: asList(g.variants), pairs: asList(g.pairs) };
  });

  const models: Record<string, string> = {};
  for (const [id, m] of Object.entries(raw.models)) models[id] = resolve(base, typeof m === 'string' ? m : m.path);

  return {
    name: raw.name,
    description: raw.description,
    path: file,
    sha256: createHash('sha256').update(text).digest('hex'),
    models,
    variants,
    reference: raw.reference,
    datasets,
    measures: raw.measures,
    gates,
    reports: raw.reports,
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
