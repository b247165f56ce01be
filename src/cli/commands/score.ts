/**
 * `mtgate score`: sacreBLEU 2.6.0's command line for external references
 * (`sacrebleu REF [REF ...] -i HYP [HYP ...]`), with the same options, the
 * same text/JSON output and the same statistical tests.
 *
 * Differences: test sets (-t/-l) are not offered; bad input (missing file,
 * line-count mismatch, conflicting options) ends with one line and exit 2
 * (`UsageError`) where sacreBLEU exits 1 or 17; output is never coloured
 * (sacreBLEU drops its colours too when stdout is not a terminal); single-system
 * JSON adds `full_score` (and `full_mean`/`full_ci`) at full precision.
 */
import { readFileSync } from 'node:fs';
import yargs from 'yargs';
import type { Argv, CommandModule } from 'yargs';
import { UsageError } from '../../errors.js';
import { BLEU, SMOOTH_DEFAULTS, type SmoothMethod } from '../../metrics/bleu.js';
import { formatScore, scoreToJson, type FormattableScore } from '../../metrics/format.js';
import { CHRF } from '../../metrics/chrf.js';
import { TER } from '../../metrics/ter.js';
import { BLEU_TOKENIZERS } from '../../metrics/tokenizers/index.js';
import { pyFixed } from '../../metrics/pyformat.js';
import type { CorpusMetric, MetricScore } from '../../metrics/types.js';
import {
  bootstrapConfidence,
  DEFAULT_AR_TRIALS,
  DEFAULT_BOOTSTRAP_SAMPLES,
  pairedApproxRandomization,
  pairedBootstrap,
  resolveSeed,
  type PairedResult,
  type SystemResult,
} from '../../metrics/significance.js';
import { decodeUtf8, readLines, splitPyLines } from '../../metrics/read-lines.js';
import { pyRstrip } from '../../metrics/text.js';

interface ScoreOptions {
  refs: string[];
  /** Hypothesis files; undefined reads standard input (tab-separated systems). */
  input?: string[];
  metrics: ('bleu' | 'chrf' | 'ter')[];
  numRefs: number;
  tokenize?: string;
  lowercase: boolean;
  smoothMethod: SmoothMethod;
  smoothValue?: number;
  chrfCharOrder: number;
  chrfWordOrder: number;
  chrfBeta: number;
  chrfWhitespace: boolean;
  chrfLowercase: boolean;
  chrfEpsSmoothing: boolean;
  terCaseSensitive: boolean;
  terAsianSupport: boolean;
  terNoPunct: boolean;
  terNormalized: boolean;
  sentenceLevel: boolean;
  confidence: boolean;
  confidenceN: number;
  pairedBs: boolean;
  pairedBsN: number;
  pairedAr: boolean;
  pairedArN: number;
  width: number;
  format: 'json' | 'text';
  scoreOnly: boolean;
}

type Env = Record<string, string | undefined>;

export interface ScoreIO {
  /** Directory that relative file names are read from. */
  cwd?: string;
  /** SACREBLEU_SEED, SACREBLEU_FORMAT. */
  env?: Env;
  /** Standard input, read only when no -i is given. */
  stdin?: () => string;
}

// ---------------------------------------------------------------------------
// Python-compatible output helpers

/** Python `repr(float)`: shortest round-trip digits, exponent outside 1e-4 ≤ |x| < 1e16. */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mant, expStr] = Math.abs(x).toExponential().split('e');
  const digits = mant.replace('.', '');
  const decpt = Number(expStr) + 1;
  const sign = x < 0 ? '-' : '';
  if (decpt <= -4 || decpt > 16) {
    const e = decpt - 1;
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  let s: string;
  if (decpt <= 0) s = `0.${'0'.repeat(-decpt)}${digits}`;
  else if (decpt >= digits.length) s = `${digits}${'0'.repeat(decpt - digits.length)}.0`;
  else s = `${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
  return sign + s;
}

type Json = string | number | null | boolean | Json[] | { [k: string]: Json };

/** Python `json.dumps(v, indent=n, ensure_ascii=False)`; every number is a Python float. */
function pyJsonDumps(v: Json, indent: number, level = 0): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return pyFloatRepr(v);
  if (typeof v === 'string') return JSON.stringify(v);
  const pad = ' '.repeat(indent * (level + 1));
  const end = ' '.repeat(indent * level);
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[\n${v.map((x) => pad + pyJsonDumps(x, indent, level + 1)).join(',\n')}\n${end}]`;
  }
  const keys = Object.keys(v);
  if (keys.length === 0) return '{}';
  return `{\n${keys.map((k) => `${pad}${JSON.stringify(k)}: ${pyJsonDumps(v[k], indent, level + 1)}`).join(',\n')}\n${end}}`;
}

const cpLen = (s: string) => [...s].length;

/** tabulate's `fancy_grid` with sacreBLEU's settings: first column right-aligned, the rest centred. */
function fancyGrid(headers: string[], columns: string[][]): string {
  const widths = headers.map((h, c) =>
    Math.max(cpLen(h) + 2, ...columns[c].flatMap((cell) => cell.split('\n').map(cpLen))),
  );
  const align = (s: string, c: number) => {
    const pad = widths[c] - cpLen(s);
    if (c === 0) return ' '.repeat(pad) + s;
    const left = Math.floor(pad / 2);
    return ' '.repeat(left) + s + ' '.repeat(pad - left);
  };
  const rule = (l: string, fill: string, mid: string, r: string) =>
    l + widths.map((w) => fill.repeat(w + 2)).join(mid) + r;
  const row = (cells: string[]) => {
    const lines = cells.map((cell) => cell.split('\n'));
    const height = Math.max(...lines.map((l) => l.length));
    const out: string[] = [];
    for (let i = 0; i < height; i++) out.push(`│ ${lines.map((l, c) => align(l[i] ?? '', c)).join(' │ ')} │`);
    return out.join('\n');
  };
  const nRows = columns[0].length;
  const parts = [rule('╒', '═', '╤', '╕'), row(headers), rule('╞', '═', '╪', '╡')];
  for (let r = 0; r < nRows; r++) {
    parts.push(row(columns.map((col) => col[r])));
    parts.push(r < nRows - 1 ? rule('├', '─', '┼', '┤') : rule('╘', '═', '╧', '╛'));
  }
  return parts.join('\n');
}

// ---------------------------------------------------------------------------
// Scores as sacreBLEU formats them (`Score.format`)

/** The score with its signature: the one it carries, else the metric's for `nrefs` references. */
function withSignature(s: MetricScore, metric: CorpusMetric, nrefs: number): FormattableScore & { signature: string } {
  return { ...s, signature: (s as { signature?: string }).signature ?? metric.signature(nrefs) };
}

/**
 * One score as sacreBLEU prints it. JSON adds `full_score` (and `full_mean`,
 * `full_ci`) at full precision after sacreBLEU's own keys, which round to -w.
 */
function render(score: FormattableScore, width: number, scoreOnly: boolean, json: boolean): string {
  if (scoreOnly) return formatScore(score, { width, scoreOnly: true });
  if (!json) return formatScore(score, { width, signature: true });
  const d: Record<string, Json> = scoreToJson(score, width);
  d.full_score = score.score;
  if (score.mean !== undefined && score.ci !== undefined) {
    d.full_mean = score.mean;
    d.full_ci = score.ci;
  }
  return pyJsonDumps(d, 1);
}

/** The rendered scores of one system: a JSON list, or text lines aligned on their '=' (as sacreBLEU prints them). */
function singleResults(results: string[], json: boolean): string {
  if (json) return results.length > 1 ? `[\n${results.join(',\n')}\n]\n` : `${results[0]}\n`;
  if (results.length === 1) return `${results[0]}\n`;
  const out: string[] = [];
  const lens: number[] = [];
  for (const line of results) {
    const i = line.indexOf('=');
    if (i < 0) out.push(line);
    else lens.push(cpLen(line.slice(0, i)) - 1);
  }
  if (lens.length > 0) {
    const w = Math.max(...lens);
    lens.forEach((len, i) => {
      const chars = [...results[i]];
      out.push(chars.slice(0, len).join('').padStart(w) + chars.slice(len).join(''));
    });
  }
  return out.map((l) => `${l}\n`).join('');
}

// ---------------------------------------------------------------------------
// The command: metrics, inputs, and one output per mode

const METRIC_KEYS = { bleu: 'BLEU', chrf: 'CHRF', ter: 'TER' } as const;

/** The metric for `-m name`, from its own CLI options (the blocks below look alike but map different flags). */
function makeMetric(name: 'bleu' | 'chrf' | 'ter', o: ScoreOptions): CorpusMetric {
  try {
    if (name === 'bleu') {
      return new BLEU({
        tokenize: o.tokenize,
        lowercase: o.lowercase,
        smoothMethod: o.smoothMethod,
        smoothValue: o.smoothValue,
        // sentence_bleu semantics in -sl mode, as sacreBLEU sets bleu_effective_order.
        effectiveOrder: o.sentenceLevel ? true : undefined,
      });
    }
    if (name === 'chrf') {
      return new CHRF({
        charOrder: o.chrfCharOrder,
        wordOrder: o.chrfWordOrder,
        beta: o.chrfBeta,
        whitespace: o.chrfWhitespace,
        lowercase: o.chrfLowercase,
        epsSmoothing: o.chrfEpsSmoothing,
      });
    }
    return new TER({
      normalized: o.terNormalized,
      noPunct: o.terNoPunct,
      asianSupport: o.terAsianSupport,
      caseSensitive: o.terCaseSensitive,
    });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

interface Inputs {
  refs: string[][];
  systems: string[][];
  names: string[];
}

function readInputs(o: ScoreOptions, io: ScoreIO, paired: boolean): Inputs {
  const cwd = io.cwd ?? process.cwd();
  const { refs, refSources } = readRefs(o, cwd);
  const { systems, names, sources } = o.input === undefined ? readStdinSystems(io, paired) : readSystemFiles(o.input, cwd, paired);
  // sanity_check_lengths, naming both sides.
  systems.forEach((sys, s) => {
    refs.forEach((ref, k) => {
      if (ref.length !== sys.length) {
        throw new UsageError(
          `${sources[s]} has ${sys.length} lines but reference ${refSources[k]} has ${ref.length}: they must have the same number of lines`,
        );
      }
    });
  });
  return { refs, systems, names };
}

/** The reference streams: one per file, or `--num-refs` tab-separated fields of one file. */
function readRefs(o: ScoreOptions, cwd: string): { refs: string[][]; refSources: string[] } {
  if (o.refs.length === 0) throw new UsageError('give one or more reference files before -i/--input');
  if (o.numRefs !== 1 && o.refs.length > 1) {
    throw new UsageError('--num-refs splits one tab-separated reference file; it cannot be used with several reference files');
  }
  if (o.numRefs === 1) return { refs: o.refs.map((f) => readLines(f, cwd)), refSources: [...o.refs] };
  const refs: string[][] = Array.from({ length: o.numRefs }, () => []);
  readLines(o.refs[0], cwd).forEach((line, i) => {
    const fields = splitMax(line, '\t', o.numRefs - 1);
    if (fields.length !== o.numRefs) {
      throw new UsageError(`${o.refs[0]}: line ${i + 1}: expected ${o.numRefs} fields, but found ${fields.length}`);
    }
    fields.forEach((f, k) => refs[k].push(f));
  });
  return { refs, refSources: refs.map((_, k) => `${o.refs[0]} (field ${k + 1})`) };
}

interface Systems {
  systems: string[][];
  /** As the output names them. */
  names: string[];
  /** As error messages name them. */
  sources: string[];
}

/** Systems as tab-separated fields of standard input. */
function readStdinSystems(io: ScoreIO, paired: boolean): Systems {
  const text = io.stdin ? io.stdin() : decodeUtf8(readFileSync(0), 'standard input');
  // sys.stdin is re-wrapped with universal newlines; the first line decides the system count.
  const lines = splitPyLines(text, true);
  const first = pyRstrip(lines[0] ?? '').split('\t');
  const systems = first.map((s) => [s]);
  for (let i = 1; i < lines.length; i++) {
    const fields = pyRstrip(lines[i]).split('\t');
    if (fields.length !== first.length) {
      throw new UsageError('the number of tab-delimited fields in the input stream differs across lines');
    }
    fields.forEach((s, k) => systems[k].push(pyRstrip(s)));
  }
  const numbered = (from: number) => systems.slice(from).map((_, i) => `System ${i + 1}`);
  return {
    systems,
    names: paired ? ['Baseline', ...numbered(1)] : numbered(0),
    sources: systems.map((_, i) => (systems.length > 1 ? `standard input (field ${i + 1})` : 'standard input')),
  };
}

/** Systems from -i files. */
function readSystemFiles(files: string[], cwd: string, paired: boolean): Systems {
  if (files.length === 0) throw new UsageError('-i/--input needs at least one file');
  const systems: string[][] = [];
  const names: string[] = [];
  for (const f of files) {
    if (names.includes(f)) {
      // The baseline given again is skipped in paired mode, as sacreBLEU does.
      if (paired && f === names[0]) continue;
      throw new UsageError(`${f} is given twice as a system; give each system a different file name`);
    }
    systems.push(readLines(f, cwd));
    names.push(f);
  }
  const sources = [...names];
  if (paired) names[0] = `Baseline: ${names[0]}`;
  return { systems, names, sources };
}

/** Python `s.split(sep, maxsplit)`. */
function splitMax(s: string, sep: string, maxsplit: number): string[] {
  const out: string[] = [];
  let rest = s;
  while (out.length < maxsplit) {
    const i = rest.indexOf(sep);
    if (i < 0) break;
    out.push(rest.slice(0, i));
    rest = rest.slice(i + sep.length);
  }
  out.push(rest);
  return out;
}

/** The whole command: returns what sacreBLEU would print on stdout. Throws UsageError. */
function scoreToString(o: ScoreOptions, io: ScoreIO = {}): string {
  const env = io.env ?? process.env;
  const paired = o.pairedBs || o.pairedAr;
  if (o.pairedBs && o.pairedAr) throw new UsageError('--paired-bs and --paired-ar are mutually exclusive');
  if (o.sentenceLevel && o.metrics.length > 1) throw new UsageError('only one metric can be used in sentence-level mode');
  if (!Number.isInteger(o.width) || o.width < 0) throw new UsageError(`--width must be a non-negative integer, got ${o.width}`);
  const inp = readInputs(o, io, paired);
  const numSys = inp.systems.length;
  if (o.sentenceLevel) {
    if (numSys > 1) throw new UsageError('only one system can be evaluated in sentence-level mode');
    if (o.confidence || paired) throw new UsageError('statistical tests are unavailable in sentence-level mode');
  }
  if (paired && numSys === 1) throw new UsageError('paired tests need several systems given to -i/--input (the first is the baseline)');
  if (numSys > 1 && o.confidence) throw new UsageError('use a paired test (--paired-bs or --paired-ar) for several systems');
  for (const sys of inp.systems) if (sys.length === 0) throw new UsageError('the input contains no sentence');

  // Metrics keyed by their upper-case name, in -m order without repeats.
  const metrics = new Map<string, CorpusMetric>();
  for (const m of o.metrics) if (!metrics.has(METRIC_KEYS[m])) metrics.set(METRIC_KEYS[m], makeMetric(m, o));

  if (o.sentenceLevel) return sentenceScores(o, metrics.values().next().value as CorpusMetric, inp);
  if (numSys === 1) return singleSystem(o, metrics, inp, env);
  const table = paired ? pairedTable(o, metrics, inp, env) : scoreTable(o, metrics, inp);
  return o.format === 'json' ? tableJson(inp.names, table) : tableText(o, inp.names, table);
}

/** `-sl`: one line per segment. */
function sentenceScores(o: ScoreOptions, metric: CorpusMetric, { systems, refs }: Inputs): string {
  return systems[0]
    .map((hyp, i) => {
      const s = metric.sentenceScore(hyp, refs.map((r) => r[i]));
      return `${render(withSignature(s, metric, refs.length), o.width, o.scoreOnly, false)}\n`;
    })
    .join('');
}

/** One system: each metric's corpus score (with a bootstrap CI under --confidence), metrics sorted by name. */
function singleSystem(o: ScoreOptions, metrics: Map<string, CorpusMetric>, { systems, refs }: Inputs, env: Env): string {
  const json = o.format === 'json';
  const nBoot = o.confidence ? o.confidenceN : 1;
  const results = [...metrics.keys()].sort().map((key) => {
    const metric = metrics.get(key)!;
    let f: FormattableScore;
    if (nBoot > 1) {
      const r = bootstrapConfidence(metric, systems[0], refs, { nBootstrap: nBoot, seed: seedFrom(env) });
      f = { ...r.corpus, name: r.name, score: r.score, signature: r.signature, mean: r.mean, ci: r.ci };
    } else {
      f = withSignature(metric.corpusScore(systems[0], refs), metric, refs.length);
    }
    return render(f, o.width, o.scoreOnly, json);
  });
  return singleResults(results, json);
}

/** Several systems: a column of cells per metric (formatted scores or test results) and each metric's signature. */
interface Table {
  columns: Map<string, (string | SystemResult)[]>;
  sigs: Map<string, string>;
  /** The paired test's title line; '' without a test. */
  testLine: string;
}

/** Several systems without a test: corpus scores, metrics sorted by name. */
function scoreTable(o: ScoreOptions, metrics: Map<string, CorpusMetric>, { systems, refs }: Inputs): Table {
  const columns = new Map<string, string[]>();
  const sigs = new Map<string, string>();
  const sorted = [...metrics.keys()].sort();
  for (const sys of systems) {
    for (const key of sorted) {
      const metric = metrics.get(key)!;
      const s = withSignature(metric.corpusScore(sys, refs), metric, refs.length);
      sigs.set(s.name, s.signature);
      if (!columns.has(s.name)) columns.set(s.name, []);
      columns.get(s.name)!.push(pyFixed(s.score, o.width));
    }
  }
  return { columns, sigs, testLine: '' };
}

/** Paired test of every system against the first, metrics in -m order. */
function pairedTable(o: ScoreOptions, metrics: Map<string, CorpusMetric>, { systems, refs }: Inputs, env: Env): Table {
  const columns = new Map<string, SystemResult[]>();
  const sigs = new Map<string, string>();
  const seed = seedFrom(env);
  const [baseline, ...others] = systems;
  for (const metric of metrics.values()) {
    const r: PairedResult = o.pairedBs
      ? pairedBootstrap(metric, baseline, others, refs, {
          nBootstrap: o.pairedBsN > 0 ? o.pairedBsN : DEFAULT_BOOTSTRAP_SAMPLES,
          seed,
        })
      : pairedApproxRandomization(metric, baseline, others, refs, {
          nTrials: o.pairedArN > 0 ? o.pairedArN : DEFAULT_AR_TRIALS,
          seed,
        });
    columns.set(r.name, [r.baseline, ...r.systems]);
    sigs.set(r.name, r.signature);
  }
  const testLine = o.pairedBs
    ? `Paired bootstrap resampling test with ${o.pairedBsN} resampling trials`
    : `Paired approximate randomization test with ${o.pairedArN} trials`;
  return { columns, sigs, testLine };
}

function tableJson(names: string[], { columns }: Table): string {
  const rows = names.map((name, i) => {
    const row: Record<string, Json> = { system: name };
    for (const [metric, vals] of columns) {
      const v = vals[i];
      row[metric] = typeof v === 'string' ? v : { score: v.score, p_value: v.p_value, mean: v.mean, ci: v.ci };
    }
    return row;
  });
  return `${pyJsonDumps(rows, 4)}\n`;
}

function tableText(o: ScoreOptions, names: string[], { columns, sigs, testLine }: Table): string {
  // `_format_score_lines` (multiline cells for fancy_grid); the CI title sticks once set.
  const headers = ['System'];
  const cols: string[][] = [names];
  let isBootstrap = false;
  for (const [metric, vals] of columns) {
    const cells = vals.map((v) => {
      if (typeof v === 'string') return v;
      let s = pyFixed(v.score, o.width);
      if (v.mean !== null) {
        isBootstrap = true;
        s += ` (${pyFixed(v.mean, o.width)} ± ${pyFixed(v.ci ?? 0, o.width)})`;
      }
      if (v.p_value !== null) s += `\n(p = ${pyFixed(v.p_value, 4)})${v.p_value > 0.05 ? '' : '*'}`;
      return s;
    });
    headers.push(isBootstrap ? `${metric} (μ ± 95% CI)` : metric);
    cols.push(cells);
  }
  const out = [fancyGrid(headers, cols), ''];
  if (testLine) {
    // sacreBLEU only picks up a baseline named 'Baseline: …' (files), not stdin's bare 'Baseline'.
    const bl = names[0].startsWith('Baseline:') ? names[0] : '';
    out.push(
      '-'.repeat(testLine.length),
      testLine,
      '-'.repeat(testLine.length),
      ` - Each system is pairwise compared to ${bl}.`,
      o.pairedBs
        ? '   Actual system score / bootstrap estimated true mean / 95% CI are provided for each metric.'
        : '   Actual system score is provided for each metric.',
      ...PAIRED_TEST_NOTES,
    );
  }
  out.push('-----------------', 'Metric signatures', '-----------------');
  for (const [name, sig] of sigs) out.push(` - ${name.padEnd(10)} ${sig}`);
  return `${out.join('\n')}\n`;
}

/** sacreBLEU's explanation under a paired-test table. */
const PAIRED_TEST_NOTES = [
  '',
  ' - Null hypothesis: the system and the baseline translations are essentially',
  '   generated by the same underlying process. For a given system and the baseline,',
  '   the p-value is roughly the probability of the absolute score difference (delta)',
  '   or higher occurring due to chance, under the assumption that the null hypothesis is correct.',
  '',
  ' - Assuming a significance threshold of 0.05, the null hypothesis can be rejected',
  '   for p-values < 0.05 (marked with "*"). This means that the delta is unlikely to be attributed',
  '   to chance, hence the system is significantly "different" than the baseline.',
  '   Otherwise, the p-values are highlighted in red.',
  '',
  ' - NOTE: Significance does not tell whether a system is "better" than the baseline but rather',
  '   emphasizes the "difference" of the systems in terms of the replicability of the delta.',
  '',
];

/** SACREBLEU_SEED as sacreBLEU reads it (default 12345, 'none' = unseeded). */
function seedFrom(env: Env): bigint | null {
  try {
    return resolveSeed(undefined, env).seed;
  } catch (err) {
    throw new UsageError(`SACREBLEU_SEED: ${err instanceof Error ? err.message : String(err)}`);
  }
}

// ---------------------------------------------------------------------------
// yargs wiring

function builder(y: Argv) {
  return y
    // sacreBLEU's single-dash long flags (-tok, -lc, -sl, -cw, ...) and its literal --no-color.
    .parserConfiguration({ 'short-option-groups': false, 'camel-case-expansion': false, 'boolean-negation': false })
    .positional('refs', { type: 'string', array: true, describe: 'Reference file(s), before -i' })
    .option('input', { alias: 'i', type: 'string', array: true, describe: 'Hypothesis file(s); the first is the baseline of paired tests (default: stdin, tab-separated systems)' })
    .option('metrics', { alias: 'm', type: 'string', array: true, choices: ['bleu', 'chrf', 'ter'], default: ['bleu'], describe: 'Metrics to compute' })
    .option('num-refs', { alias: 'nr', type: 'number', default: 1, describe: 'Split the reference file on tabs into this many references' })
    .option('tokenize', { alias: 'tok', type: 'string', choices: [...BLEU_TOKENIZERS], describe: 'BLEU tokenizer (default 13a)' })
    .option('lowercase', { alias: 'lc', type: 'boolean', default: false, describe: 'Case-insensitive BLEU' })
    .option('smooth-method', { alias: 's', type: 'string', choices: Object.keys(SMOOTH_DEFAULTS), default: 'exp', describe: 'BLEU smoothing' })
    .option('smooth-value', { alias: 'sv', type: 'number', describe: 'BLEU smoothing value (floor: 0.1, add-k: 1)' })
    .option('force', { type: 'boolean', default: false, describe: 'Accepted for sacreBLEU compatibility (silences nothing here)' })
    .option('chrf-char-order', { alias: 'cc', type: 'number', default: 6, describe: 'chrF character n-gram order' })
    .option('chrf-word-order', { alias: 'cw', type: 'number', default: 0, describe: 'chrF word n-gram order (2 = chrF++)' })
    .option('chrf-beta', { type: 'number', default: 2, describe: 'chrF recall weight' })
    .option('chrf-whitespace', { type: 'boolean', default: false, describe: 'Keep whitespace in character n-grams' })
    .option('chrf-lowercase', { type: 'boolean', default: false, describe: 'Case-insensitive chrF' })
    .option('chrf-eps-smoothing', { type: 'boolean', default: false, describe: 'chrF++.py-style epsilon smoothing' })
    .option('ter-case-sensitive', { type: 'boolean', default: false, describe: 'Case-sensitive TER' })
    .option('ter-asian-support', { type: 'boolean', default: false, describe: 'TER: split Asian characters' })
    .option('ter-no-punct', { type: 'boolean', default: false, describe: 'TER: remove punctuation' })
    .option('ter-normalized', { type: 'boolean', default: false, describe: 'TER: normalize and tokenize' })
    .option('sentence-level', { alias: 'sl', type: 'boolean', default: false, describe: 'Score each sentence' })
    .option('confidence', { alias: 'ci', type: 'boolean', default: false, describe: 'Bootstrap 95% confidence interval (one system)' })
    .option('confidence-n', { alias: 'cin', type: 'number', default: 1000, describe: 'Resamples for --confidence' })
    .option('paired-bs', { alias: 'pbs', type: 'boolean', default: false, describe: 'Paired bootstrap resampling test against the first system' })
    .option('paired-bs-n', { alias: 'pbsn', type: 'number', default: 1000, describe: 'Resamples for --paired-bs' })
    .option('paired-ar', { alias: 'par', type: 'boolean', default: false, describe: 'Paired approximate randomization test against the first system' })
    .option('paired-ar-n', { alias: 'parn', type: 'number', default: 10000, describe: 'Trials for --paired-ar' })
    .option('width', { alias: 'w', type: 'number', default: 1, describe: 'Decimal places' })
    .option('format', { alias: 'f', type: 'string', choices: ['json', 'text'], describe: 'Output format (default json, or SACREBLEU_FORMAT)' })
    .option('score-only', { alias: 'b', type: 'boolean', default: false, describe: 'Print only the score' })
    .option('paired-jobs', { alias: 'j', type: 'number', default: 1, describe: 'Accepted for sacreBLEU compatibility (systems are tested in one process)' })
    .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'Accepted for sacreBLEU compatibility' })
    .option('no-color', { alias: 'nc', type: 'boolean', default: false, describe: 'Accepted for sacreBLEU compatibility (output is never coloured)' });
}

type Parsed = Awaited<ReturnType<ReturnType<typeof builder>['parseAsync']>>;

function toOptions(a: Parsed, env: Env): ScoreOptions {
  const envFormat = env.SACREBLEU_FORMAT?.toLowerCase();
  const format = (a.format ?? (envFormat === 'json' || envFormat === 'text' ? envFormat : 'json')) as 'json' | 'text';
  const num = (v: unknown, what: string): number => {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new UsageError(`${what} must be a number`);
    return v;
  };
  const int = (v: unknown, what: string): number => {
    const n = num(v, what);
    if (!Number.isInteger(n)) throw new UsageError(`${what} must be an integer, got ${n}`);
    return n;
  };
  return {
    refs: ((a.refs as string[] | undefined) ?? []).map(String),
    input: a.input?.map(String),
    metrics: a.metrics as ScoreOptions['metrics'],
    numRefs: int(a['num-refs'], '--num-refs'),
    tokenize: a.tokenize,
    lowercase: a.lowercase,
    smoothMethod: a['smooth-method'] as SmoothMethod,
    smoothValue: a['smooth-value'] === undefined ? undefined : num(a['smooth-value'], '--smooth-value'),
    chrfCharOrder: int(a['chrf-char-order'], '--chrf-char-order'),
    chrfWordOrder: int(a['chrf-word-order'], '--chrf-word-order'),
    chrfBeta: int(a['chrf-beta'], '--chrf-beta'),
    chrfWhitespace: a['chrf-whitespace'],
    chrfLowercase: a['chrf-lowercase'],
    chrfEpsSmoothing: a['chrf-eps-smoothing'],
    terCaseSensitive: a['ter-case-sensitive'],
    terAsianSupport: a['ter-asian-support'],
    terNoPunct: a['ter-no-punct'],
    terNormalized: a['ter-normalized'],
    sentenceLevel: a['sentence-level'],
    confidence: a.confidence,
    confidenceN: int(a['confidence-n'], '--confidence-n'),
    pairedBs: a['paired-bs'],
    pairedBsN: int(a['paired-bs-n'], '--paired-bs-n'),
    pairedAr: a['paired-ar'],
    pairedArN: int(a['paired-ar-n'], '--paired-ar-n'),
    width: int(a.width, '--width'),
    format,
    scoreOnly: a['score-only'],
  };
}

/**
 * Runs `mtgate score` on `argv` (the arguments after `score`) without touching
 * the process: what it prints, and its exit code (2 with a one-line stderr on bad input).
 */
export async function runScore(
  argv: string[],
  io: ScoreIO = {},
): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  try {
    const env = io.env ?? process.env;
    let stdout = '';
    await yargs(argv)
      .command('$0 [refs..]', 'score', builder, (args) => {
        stdout = scoreToString(toOptions(args as Parsed, env), io);
      })
      .strict()
      .help(false)
      .version(false)
      .exitProcess(false)
      .fail((msg, err) => {
        throw err ?? new UsageError(msg);
      })
      .parseAsync();
    return { stdout, stderr: '', exitCode: 0 };
  } catch (err) {
    if (err instanceof UsageError) return { stdout: '', stderr: `mtgate score: ${err.message}\n`, exitCode: err.exitCode };
    throw err;
  }
}

const scoreCommand: CommandModule<object, Parsed> = {
  command: 'score [refs..]',
  describe: 'Score hypotheses against references like sacreBLEU 2.6.0 (BLEU, chrF, TER; --confidence, --paired-bs, --paired-ar)',
  builder: (y: Argv) => builder(y) as unknown as Argv<Parsed>,
  handler: (args) => {
    process.stdout.write(scoreToString(toOptions(args, process.env)));
  },
};

export default scoreCommand;
