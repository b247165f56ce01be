/**
 * Suite YAML parsing that refuses anything beyond plain data, and
 * `include:` — other suite files whose models, variants, datasets and gates
 * are merged into the including suite (included items first, in include
 * order; then the file's own). Paths in an included file resolve against
 * that file's folder. Every merged item remembers where it was written, so
 * an error about it names the included file, line and field.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { isNode, LineCounter, parseDocument, visit, type Document } from 'yaml';
import { UsageError } from '../errors.js';
import { describeSchemaError, locate, pathToString, type PathSegment } from './diagnostics.js';
import { allowedKeys, fragmentValidator } from './schema.js';

export interface SourceDoc {
  file: string;
  doc: Document;
  lines: LineCounter;
  text: string;
}

/** Where a merged item (variants[3], models.x) was written. */
export interface Origin {
  source: SourceDoc;
  path: PathSegment[];
}

const LISTS = ['variants', 'datasets', 'gates'] as const;
/** What an included file may hold: the parts that merge. */
export const FRAGMENT_KEYS = ['$schema', 'description', 'include', 'models', ...LISTS] as const;

export function failAt(src: SourceDoc, path: readonly PathSegment[], message: string, atKey = false): never {
  const { line, col } = locate(src.doc, src.lines, path, atKey);
  throw new UsageError(`${src.file}:${line}:${col}: ${pathToString(path)}: ${message}`);
}

/**
 * YAML → document, refusing syntax errors, warnings and every explicit tag
 * (`!!js/function`, `!!python/object`, `!!binary`, custom `!tags`): a suite is
 * data, and nothing in it is ever constructed or run.
 */
export function parseSuiteDocument(file: string, text: string): SourceDoc {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const first = doc.errors[0] ?? doc.warnings[0];
  if (first) {
    const { line, col } = lines.linePos(first.pos[0]);
    throw new UsageError(`${file}:${line}:${col}: YAML ${doc.errors[0] ? 'syntax error' : 'problem'}: ${first.message.split('\n')[0]}; fix the YAML`);
  }
  visit(doc, (_key, node) => {
    if (isNode(node) && node.tag && node.range) {
      const { line, col } = lines.linePos(node.range[0]);
      throw new UsageError(`${file}:${line}:${col}: YAML tag ${node.tag} is not allowed; a suite is plain data (remove the tag)`);
    }
  });
  return { file, doc, lines, text };
}

/** toJS with the alias-expansion limit turned into a usage error (billion-laughs suites). */
export function toData(src: SourceDoc): unknown {
  try {
    return src.doc.toJS({ maxAliasCount: 1000 });
  } catch (err) {
    throw new UsageError(`${src.file}: YAML could not be read as data: ${(err as Error).message.split('\n')[0]}; simplify the anchors and aliases`);
  }
}

export interface Expanded {
  data: Record<string, unknown>;
  /** Merged item → where it was written; empty when the suite has no includes. */
  origins: Map<string, Origin>;
  /** sha256 over the suite file and every included file, in include order. */
  sha256: string;
}

export const originKey = (path: readonly PathSegment[]): string | undefined =>
  path.length >= 2 && (LISTS as readonly string[]).includes(String(path[0])) && typeof path[1] === 'number'
    ? `${path[0]}/${path[1]}`
    : path.length >= 2 && path[0] === 'models' && typeof path[1] === 'string'
      ? `models/${path[1]}`
      : undefined;

/** The file and local path of a merged path, when it came from an include or was shifted by one. */
export function originOf(origins: ReadonlyMap<string, Origin>, path: readonly PathSegment[]): Origin | undefined {
  const key = originKey(path);
  const o = key ? origins.get(key) : undefined;
  return o ? { source: o.source, path: [...o.path, ...path.slice(2)] } : undefined;
}

type Merged = { models: Record<string, unknown>; lists: Record<(typeof LISTS)[number], { item: unknown; origin: Origin }[]>; modelOrigins: Map<string, Origin> };

const includeList = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

export function expandIncludes(root: SourceDoc, rootData: Record<string, unknown>): Expanded {
  const hash = createHash('sha256').update(root.text);
  if (rootData.include === undefined) return { data: rootData, origins: new Map(), sha256: hash.digest('hex') };
  const merged: Merged = { models: {}, lists: { variants: [], datasets: [], gates: [] }, modelOrigins: new Map() };
  mergeFile(root, rootData, [root.file], merged, hash, true);

  const data: Record<string, unknown> = { ...rootData, models: merged.models };
  const origins = new Map<string, Origin>();
  for (const list of LISTS) {
    if (rootData[list] === undefined && merged.lists[list].length === 0) continue;
    data[list] = merged.lists[list].map((x) => x.item);
    merged.lists[list].forEach((x, i) => origins.set(`${list}/${i}`, x.origin));
  }
  for (const [id, o] of merged.modelOrigins) origins.set(`models/${id}`, o);
  return { data, origins, sha256: hash.digest('hex') };
}

function mergeFile(src: SourceDoc, data: Record<string, unknown>, chain: string[], merged: Merged, hash: ReturnType<typeof createHash>, isRoot: boolean): void {
  const base = dirname(src.file);
  if (!isRoot) {
    // Paths in an included file belong to that file's folder: make them absolute before merging.
    absolutise(data, base);
  }
  includeList(data.include).forEach((entry, i) => {
    const at: PathSegment[] = Array.isArray(data.include) ? ['include', i] : ['include'];
    if (typeof entry !== 'string' || !entry) failAt(src, at, 'must be the path of a suite file (or a list of them)');
    const file = resolve(base, entry);
    if (chain.includes(file)) failAt(src, at, `circular include: ${[...chain.slice(chain.indexOf(file)), file].join(' → ')}; remove one of them`);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      const code = (err as { code?: string }).code;
      failAt(src, at, `cannot read ${file} (${code === 'ENOENT' ? 'no such file' : (code ?? 'unreadable')}); paths are relative to ${src.file}`);
    }
    hash.update(`\0${file}\0`).update(text);
    const child = parseSuiteDocument(file, text);
    const childData = toData(child);
    if (childData === null || typeof childData !== 'object' || Array.isArray(childData)) {
      failAt(child, [], 'an included suite file must be a YAML mapping of models, variants, datasets and gates');
    }
    checkFragment(child, childData as Record<string, unknown>);
    mergeFile(child, childData as Record<string, unknown>, [...chain, file], merged, hash, false);
  });

  const models = data.models;
  if (models && typeof models === 'object' && !Array.isArray(models)) {
    for (const [id, m] of Object.entries(models)) {
      const prev = merged.modelOrigins.get(id);
      if (prev) failAt(src, ['models', id], `model id "${id}" is also defined in ${prev.source.file}; give each model a unique id`, true);
      merged.models[id] = m;
      merged.modelOrigins.set(id, { source: src, path: ['models', id] });
    }
  } else if (models !== undefined) {
    merged.models = models as Record<string, unknown>; // wrong type: the schema check reports it at the root
  }
  for (const list of LISTS) {
    const items = data[list];
    if (!Array.isArray(items)) continue; // absent, or a wrong type the root's schema check reports
    items.forEach((item, i) => merged.lists[list].push({ item, origin: { source: src, path: [list, i] } }));
  }
}

function checkFragment(src: SourceDoc, data: Record<string, unknown>): void {
  for (const key of Object.keys(data)) {
    if (!(FRAGMENT_KEYS as readonly string[]).includes(key)) {
      failAt(src, [key], `"${key}" cannot be set in an included file (it may hold ${FRAGMENT_KEYS.slice(2).join(', ')}); set it in the including suite`, true);
    }
  }
  const validate = fragmentValidator();
  if (!validate(data)) {
    const problem = describeSchemaError(validate.errors ?? [], allowedKeys);
    failAt(src, problem.path, problem.message, problem.atKey);
  }
}

function absolutise(data: Record<string, unknown>, base: string): void {
  const abs = (p: unknown) => (typeof p === 'string' && !isAbsolute(p) ? resolve(base, p) : p);
  const models = data.models as Record<string, unknown> | undefined;
  if (models && typeof models === 'object') {
    for (const [id, m] of Object.entries(models)) {
      if (typeof m === 'string') models[id] = abs(m);
      else if (m && typeof m === 'object' && 'path' in m) (m as { path: unknown }).path = abs((m as { path: unknown }).path);
    }
  }
  if (Array.isArray(data.datasets)) {
    for (const d of data.datasets as Record<string, unknown>[]) {
      if (!d || typeof d !== 'object') continue;
      d.source = abs(d.source);
      if (Array.isArray(d.references)) d.references = d.references.map(abs);
    }
  }
}
