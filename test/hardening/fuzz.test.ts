/**
 * Fuzzing (fast-check) of everything that reads outside input: the suite
 * loader (arbitrary text, YAML-ish token soup, mutated valid suites), the
 * dataset reader (arbitrary bytes), the model tokenizer and the metric
 * tokenizers and metrics (arbitrary Unicode), and Markdown escaping.
 * Nothing may throw anything but a one-line UsageError.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { M2M100Formatter } from '../../src/decoding/m2m100.js';
import { UsageError } from '../../src/errors.js';
import { BLEU, CHRF, TER } from '../../src/metrics/index.js';
import { getTokenizer, TercomTokenizer } from '../../src/metrics/tokenizers/index.js';
import { detectLayout } from '../../src/models/layouts/detect.js';
import { readDatasetFile } from '../../src/plan/dataset-checks.js';
import { escapeMarkdown } from '../../src/reports/format.js';
import { loadSuiteText } from '../../src/suite/load.js';
import { pyRstrip } from '../../src/metrics/text.js';
import { suiteYaml, tempDir, TOY, write } from './helpers.js';

const SEED = { seed: 20261122 };

/** Runs `f`; anything thrown must be a one-line UsageError. */
function onlyUsageErrors(f: () => unknown): void {
  try {
    f();
  } catch (err) {
    if (!(err instanceof UsageError)) throw new Error(`not a UsageError: ${String(err)}\n${(err as Error).stack}`);
    assert.equal(err.message.split('\n').length, 1, err.message);
  }
}

const VALID = suiteYaml();
const FILE = '/fuzz/suite.yaml';

test('fuzz: the suite loader on arbitrary text and YAML token soup', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => onlyUsageErrors(() => loadSuiteText(FILE, text))), { ...SEED, numRuns: 300 });
  const token = fc.constantFrom(
    'name', 'models', 'variants', 'datasets', 'measures', 'gates', 'reference', 'include', 'id', 'metric', 'min', 'quality', ':', ': ', '- ', '\n', '\n  ', '\n    ',
    '{', '}', '[', ']', ',', '&a ', '*a', '!!str ', '!tag ', '? ', '|', '>', '#', '"', "'", '%YAML 1.2\n', '---\n', '...\n', '0x1F', '.inf', '~', 'null', 'true', '1e400', '-', 'é', '\t', '\r\n',
  );
  fc.assert(fc.property(fc.array(token, { maxLength: 60 }), (parts) => onlyUsageErrors(() => loadSuiteText(FILE, parts.join('')))), { ...SEED, numRuns: 400 });
});

test('fuzz: the suite loader on valid suites with one part replaced by arbitrary data', () => {
  loadSuiteText(FILE, VALID); // the starting point is valid
  const base = parse(VALID) as Json;
  const paths = collectPaths(base);
  fc.assert(
    fc.property(fc.constantFrom(...paths), fc.jsonValue({ maxDepth: 3 }), fc.boolean(), (path, value, drop) => {
      const doc = structuredClone(base);
      setAt(doc, path, drop ? undefined : value);
      onlyUsageErrors(() => loadSuiteText(FILE, stringify(doc)));
    }),
    { ...SEED, numRuns: 400 },
  );
});

test('fuzz: the dataset reader on arbitrary bytes', () => {
  const dir = tempDir('fuzz-data');
  let i = 0;
  const bytes = fc.oneof(
    fc.uint8Array({ maxLength: 120 }),
    fc.string({ unit: 'binary', maxLength: 60 }).map((s) => new TextEncoder().encode(s)),
    fc.array(fc.constantFrom(0xef, 0xbb, 0xbf, 0x0a, 0x0d, 0xc3, 0xa9, 0x80, 0xff, 0x61, 0x20, 0xe2, 0x82, 0xac), { maxLength: 40 }).map((a) => Uint8Array.from(a)),
  );
  fc.assert(
    fc.property(bytes, (b) => {
      const file = write(dir, `f${i++ % 8}.txt`, b);
      onlyUsageErrors(() => {
        const { lines, warnings } = readDatasetFile(file);
        for (const l of lines) assert.ok(!l.includes('\n') && l === pyRstrip(l), 'lines are split and right-stripped');
        for (const w of warnings) assert.equal(w.split('\n').length, 1);
      });
    }),
    { ...SEED, numRuns: 300 },
  );
});

test('fuzz: the model tokenizer round trip and the metric tokenizers on arbitrary Unicode', () => {
  const formatter = new M2M100Formatter(detectLayout(TOY('fp32'), 'fuzz'));
  const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 40 }));
  const bleuTokenizers = ['13a', 'intl', 'zh', 'char', 'none'].map(getTokenizer);
  const ter = new TercomTokenizer({ normalized: true, noPunct: true, asianSupport: true, caseSensitive: false });
  fc.assert(
    fc.property(text, (s) => {
      const ids = formatter.sourceIds(s, 'en');
      assert.ok(ids.every((id) => Number.isInteger(id) && id >= 0));
      assert.equal(typeof formatter.detokenize(ids), 'string');
      for (const t of bleuTokenizers) assert.equal(typeof t.tokenize(s), 'string');
      assert.equal(typeof ter.tokenize(s), 'string');
    }),
    { ...SEED, numRuns: 250 },
  );
});

test('fuzz: BLEU, chrF and TER stay finite and in range on arbitrary corpora', () => {
  const line = fc.oneof(fc.constant(''), fc.string({ unit: 'grapheme', maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 20 }));
  const bleu = new BLEU({});
  const chrf = new CHRF({ wordOrder: 2 });
  const ter = new TER({});
  fc.assert(
    fc.property(fc.array(fc.tuple(line, line), { minLength: 1, maxLength: 6 }), (pairs) => {
      const hyps = pairs.map((p) => p[0]);
      const refs = [pairs.map((p) => p[1])];
      const b = bleu.corpusScore(hyps, refs).score;
      const c = chrf.corpusScore(hyps, refs).score;
      const t = ter.corpusScore(hyps, refs).score;
      assert.ok(Number.isFinite(b) && b >= 0 && b <= 100, `BLEU ${b}`);
      assert.ok(Number.isFinite(c) && c >= 0 && c <= 100, `chrF ${c}`);
      assert.ok(Number.isFinite(t) && t >= 0, `TER ${t}`);
    }),
    { ...SEED, numRuns: 200 },
  );
});

test('fuzz: escaped model/dataset text cannot break a Markdown table row or inject HTML', () => {
  const hostile = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc.array(fc.constantFrom('|', '`', '<script>', '</td>', '\n', '\r', '\r\n', '\u2028', '&lt;', '*', '_', '[x](javascript:alert(1))', '![i](http://x)', '\\', '#', 'a'), { maxLength: 20 }).map((a) => a.join('')),
  );
  fc.assert(
    fc.property(hostile, (s) => {
      const e = escapeMarkdown(s);
      assert.ok(!/[\r\n\u2028\u2029]/.test(e), 'no line break survives');
      assert.ok(!/[<>]/.test(e), 'no raw angle bracket survives');
      assert.ok(!/(^|[^\\])(\\\\)*[|`[\]()]/.test(e), `every pipe, backtick, bracket and parenthesis is escaped: ${JSON.stringify(e)}`);
    }),
    { ...SEED, numRuns: 500 },
  );
  assert.equal(escapeMarkdown('a|b`c<img src=x onerror=alert(1)>\r\nd\re'), 'a\\|b\\`c&lt;img src=x onerror=alert\\(1\\)&gt; d e');
});

type Json = Record<string, unknown> | unknown[];

function collectPaths(node: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(node)) node.forEach((v, i) => out.push(...collectPaths(v, [...prefix, i])));
  else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) out.push(...collectPaths(v, [...prefix, k]));
  return out.filter((p) => p.length > 0);
}

function setAt(root: Json, path: (string | number)[], value: unknown): void {
  let node = root as Record<string | number, unknown>;
  for (const seg of path.slice(0, -1)) node = node[seg] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (value === undefined) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else node[last] = value;
}

