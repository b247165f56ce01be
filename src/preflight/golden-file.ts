/**
 * The golden file: canonical inputs with the greedy token ids and text a
 * trusted variant produced for them, per model, and the runtime fingerprint
 * they were recorded on. JSON, versioned (`schema`), so a later mtgate
 * recognises old files and refuses unknown ones with a clear message.
 */
import { existsSync, readFileSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { writeFileAtomic } from '../results/write.js';
import type { Suite } from '../suite/types.js';

export const GOLDEN_SCHEMA = 'mtgate.golden/1';

export interface GoldenInput {
  dataset: string;
  pair: string;
  /** 1-based line number in the dataset's source file. */
  line: number;
  source: string;
  /** Greedy output ids: forced language token, words, eos when reached. */
  tokenIds: number[];
  text: string;
  stoppedBy: 'eos' | 'max_length';
}

export interface GoldenEntry {
  /** Suite model id the outputs belong to; every variant of this model is checked against them. */
  model: string;
  recordedAt: string;
  recordedWith: {
    variant: string;
    engine: string;
    engineVersion: string;
    device: string;
    precision?: string;
    layout: string;
    /** Engine.fingerprint(device): runtime, device name, driver and compiler versions where readable. */
    fingerprint: Record<string, string>;
    /** Decoding max_length used; the check replays with the same. */
    maxLength: number;
  };
  /** Sizes of the model's graph files when recorded, to tell a re-export from a runtime change. */
  modelFiles: Record<string, number>;
  inputs: GoldenInput[];
}

export interface GoldenFile {
  schema: typeof GOLDEN_SCHEMA;
  mtgateVersion: string;
  suite: string;
  entries: GoldenEntry[];
}

const recordHint = (suite: Suite | undefined, file: string) =>
  `record it with: mtgate golden record ${suite ? suite.path : '<suite>'} --variant ${suite ? suite.reference : '<id>'} --out ${file}`;

function fail(file: string, message: string): never {
  throw new UsageError(`${file}: ${message}`);
}

/** Checks the parts the check relies on, so a hand-edited file fails with the field named, not mid-check. */
export function parseGolden(text: string, file: string): GoldenFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    fail(file, `not valid JSON (${(err as Error).message}); re-record the golden file`);
  }
  const g = data as Partial<GoldenFile>;
  if (!g || typeof g !== 'object') fail(file, 'a golden file is a JSON object; re-record it');
  if (g.schema !== GOLDEN_SCHEMA) fail(file, `schema is ${JSON.stringify(g.schema)}, expected "${GOLDEN_SCHEMA}"; re-record it with this mtgate`);
  if (!Array.isArray(g.entries)) fail(file, 'entries: missing or not a list; re-record it');
  g.entries.forEach((e, i) => {
    const at = `entries[${i}]`;
    if (typeof e?.model !== 'string') fail(file, `${at}.model: missing; re-record it`);
    if (!e.recordedWith || typeof e.recordedWith.maxLength !== 'number') fail(file, `${at}.recordedWith.maxLength: missing; re-record it`);
    if (!Array.isArray(e.inputs) || !e.inputs.length) fail(file, `${at}.inputs: missing or empty; re-record it`);
    e.inputs.forEach((x, j) => {
      const ok = typeof x?.source === 'string' && typeof x.text === 'string' && typeof x.pair === 'string' && Array.isArray(x.tokenIds) && x.tokenIds.every((t) => Number.isInteger(t));
      if (!ok) fail(file, `${at}.inputs[${j}]: needs source, pair, text and integer tokenIds; re-record it`);
    });
  });
  return g as GoldenFile;
}

export function readGolden(file: string, suite?: Suite): GoldenFile {
  if (!existsSync(file)) fail(file, `golden file does not exist; ${recordHint(suite, file)}`);
  return parseGolden(readFileSync(file, 'utf8'), file);
}

/** Adds or replaces the entry for `entry.model`, keeping the others. */
export function writeGoldenEntry(file: string, entry: GoldenEntry, suiteName: string, mtgateVersion: string): GoldenFile {
  const existing = existsSync(file) ? readGolden(file) : undefined;
  const entries = (existing?.entries ?? []).filter((e) => e.model !== entry.model);
  entries.push(entry);
  entries.sort((a, b) => a.model.localeCompare(b.model));
  const golden: GoldenFile = { schema: GOLDEN_SCHEMA, mtgateVersion, suite: suiteName, entries };
  writeFileAtomic(file, `${JSON.stringify(golden, null, 2)}\n`);
  return golden;
}

/** One phrase for `mtgate validate`: which models the golden file covers, or that it is not recorded yet. */
export function describeGolden(suite: Suite): string {
  const file = suite.golden?.file;
  if (!file) return 'none';
  if (!existsSync(file)) return `${file} not recorded yet (${recordHint(suite, file)})`;
  const golden = readGolden(file, suite);
  const models = golden.entries.map((e) => e.model);
  const unknown = models.filter((m) => !(m in suite.models));
  const covered = suite.variants.filter((v) => models.includes(v.model)).map((v) => v.id);
  return `${file} (${golden.entries.length} models: ${models.join(', ')}; checks variants ${covered.join(', ') || 'none'}${unknown.length ? `; ignores unknown models ${unknown.join(', ')}` : ''})`;
}
