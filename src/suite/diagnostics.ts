/**
 * Turns a schema violation into one line a person can act on:
 * `suite.yaml:12:5: variants[1].engine: must be one of onnxruntime`.
 */
import type { ErrorObject } from 'ajv';
import { isNode, LineCounter, type Document } from 'yaml';

export type PathSegment = string | number;

export function pathToString(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${seg}` : seg;
  return out || '(top level)';
}

/** Line and column (1-based) of the value at `path`, or of its nearest existing parent. */
export function locate(doc: Document, lines: LineCounter, path: readonly PathSegment[], key = false): { line: number; col: number } {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = key && depth === path.length ? findKeyNode(doc, path) : doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]);
  }
  return { line: 1, col: 1 };
}

function findKeyNode(doc: Document, path: readonly PathSegment[]): unknown {
  const parent = doc.getIn(path.slice(0, -1), true) as { items?: { key: unknown }[] } | undefined;
  const last = path[path.length - 1];
  return parent?.items?.find((pair) => isNode(pair.key) && (pair.key as { value?: unknown }).value === last)?.key;
}

export function levenshtein(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

export function nearest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const [w, k] = [word.toLowerCase(), c.toLowerCase()];
    // A prefix either way (minimum → min, max_len → max_length) is as good as a typo.
    const d = w.startsWith(k) || k.startsWith(w) ? 1 : levenshtein(w, k);
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function instancePath(err: ErrorObject): PathSegment[] {
  if (!err.instancePath) return [];
  return err.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** ajv reports oneOf/anyOf failures with all their branches; the deepest concrete one is the useful one. */
function pickError(errors: readonly ErrorObject[]): ErrorObject {
  const concrete = errors.filter((e) => !['oneOf', 'anyOf', 'if'].includes(e.keyword));
  const pool = concrete.length ? concrete : [...errors];
  const rank = (e: ErrorObject) => instancePath(e).length * 10 + (e.keyword === 'additionalProperties' ? 5 : e.keyword === 'type' ? 0 : 2);
  return pool.reduce((best, e) => (rank(e) > rank(best) ? e : best));
}

export interface SchemaProblem {
  path: PathSegment[];
  /** Point at the key (unknown keys) rather than its value. */
  atKey: boolean;
  message: string;
}

export function describeSchemaError(errors: readonly ErrorObject[], allowedKeys: (path: PathSegment[]) => string[]): SchemaProblem {
  const anyOf = errors.find((e) => e.keyword === 'anyOf' && e.schemaPath.startsWith('#/properties/gates'));
  const err = pickError(errors);
  const path = instancePath(err);
  const p = err.params as Record<string, unknown>;
  switch (err.keyword) {
    case 'additionalProperties': {
      const key = String(p.additionalProperty);
      // The failing object schema itself (verbose mode) knows its keys, also inside if/then branches.
      const own = Object.keys((err.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const keys = own.length ? own : allowedKeys(path);
      const suggestion = nearest(key, keys);
      return {
        path: [...path, key],
        atKey: true,
        message: `unknown field "${key}"; ${suggestion ? `did you mean "${suggestion}"?` : `allowed: ${keys.join(', ')}`}`,
      };
    }
    case 'required':
      if (anyOf && path.length === 2 && path[0] === 'gates' && p.missingProperty !== 'id' && p.missingProperty !== 'metric') {
        return { path, atKey: false, message: 'a gate needs a bound: min, max, or vs: reference with min_delta, max_delta, min_ratio or max_ratio' };
      }
      return { path, atKey: false, message: `missing required field "${String(p.missingProperty)}"` };
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).map(String);
      const guess = typeof err.data === 'string' ? nearest(err.data, allowed) : undefined;
      const given = typeof err.data === 'string' ? `"${err.data}" is not allowed; ` : '';
      return { path, atKey: false, message: `${given}${guess ? `did you mean "${guess}"? ` : ''}must be one of: ${allowed.join(', ')}` };
    }
    case 'type':
      return { path, atKey: false, message: `must be ${String(p.type)}` };
    case 'pattern':
      return { path, atKey: false, message: `must match ${String(p.pattern)} (letters, digits, . _ -)` };
    default:
      return { path, atKey: false, message: err.message ?? 'is invalid' };
  }
}
