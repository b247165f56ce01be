/**
 * sacreBLEU 2.6.0's statistical tests (`sacrebleu/significance.py`, and
 * `Metric.corpus_score(n_bootstrap=…)` in `metrics/base.py`), reproduced to
 * the bit: bootstrap confidence intervals, paired bootstrap resampling and
 * paired approximate randomization.
 *
 * Everything is built on the metric's two primitives: sentence statistics are
 * extracted once per system, and every resample is scored from rows summed out
 * of that matrix; no resampled corpus is ever built.
 *
 * Exactness notes (what sacreBLEU does that is easy to miss):
 * - the random indices come from `np.random.default_rng(seed)`; rng-numpy.ts
 *   reproduces numpy's streams bit for bit;
 * - resampled statistics are summed in float32 (`np.array(stats, 'float32')`),
 *   row after row; the WebAssembly kernel adds in float32 the same way;
 * - the reference vectors were produced under numpy 1.x scalar promotion, where
 *   float32 / float32 stays float32 but float32 × Python float is float64. So
 *   chrF's precision/recall and TER's edit ratio are float32-rounded inside
 *   resamples while BLEU's arithmetic is float64 (`resampleScorer`). Under
 *   numpy ≥ 2 (NEP 50) sacreBLEU rounds more of the arithmetic to float32; its
 *   p-values on the reference vectors are the same, its means differ by ~1e-7;
 * - means are numpy's (pairwise summation) for the paired tests and Python's
 *   `statistics.mean` (exactly rounded) for the single-system `--confidence`.
 */
import type { CorpusMetric, MetricScore, SentenceStatistics } from './types.js';
import { BoolStream, BoundedIntStream, defaultRng, type NumpyPCG64 } from './rng-numpy.js';
import { OUT_BASE, rowSumKernel } from './rng-numpy-wasm.js';
import { sentenceStatisticsAll } from './significance-parallel.js';
import { sumRows, type RefStreams } from './corpus-input.js';
import { float64 } from './pymath.js';
import { CHRF, chrfFScore } from './chrf.js';
import { TER, terRatio } from './ter.js';

export const DEFAULT_BOOTSTRAP_SAMPLES = 1000;
export const DEFAULT_AR_TRIALS = 10000;

// ---------------------------------------------------------------------------
// Seeds

export interface ResolvedSeed {
  /** The numpy seed; null draws OS entropy (sacreBLEU's 'none'). */
  seed: bigint | null;
  /** As the paired tests print it: `str(int(seed)).lower()`, or 'none'. */
  label: string;
  /** As `corpus_score(n_bootstrap)` prints it: the raw setting, lowercased. */
  rawLabel: string;
}

/** Python `int(str)` for the forms a seed can sensibly take. */
function parsePyInt(s: string): bigint {
  const t = s.trim().replace(/_/g, '');
  if (!/^[+-]?\d+$/.test(t)) throw new RangeError(`invalid literal for int() with base 10: '${s}'`);
  return BigInt(t);
}

/**
 * sacreBLEU's seed handling: the `SACREBLEU_SEED` environment variable,
 * default '12345', where 'none' (any case) means an unseeded generator. An
 * explicit `seed` overrides the environment.
 */
export function resolveSeed(
  seed?: number | bigint | string | null,
  env: Record<string, string | undefined> = process.env,
): ResolvedSeed {
  let raw: string;
  if (seed === undefined) raw = env.SACREBLEU_SEED ?? '12345';
  else if (seed === null) raw = 'None';
  else raw = String(seed);
  if (raw.toLowerCase() === 'none') return { seed: null, label: 'none', rawLabel: 'none' };
  const v = parsePyInt(raw);
  if (v < 0n) throw new RangeError(`seed must be non-negative, got ${raw}`);
  return { seed: v, label: v.toString(), rawLabel: raw.toLowerCase() };
}

// ---------------------------------------------------------------------------
// numpy / Python reductions

/**
 * numpy's `pairwise_sum` (blocks of 128, unrolled by 8). `round` follows every
 * addition: `float64` (the identity) for float64 arrays, `Math.fround` for a
 * float32 column (numpy's reduction of resampled statistics when width is 1).
 */
function pairwiseSum(a: ArrayLike<number>, off: number, n: number, round: (x: number) => number): number {
  if (n < 8) {
    let r = 0;
    for (let i = 0; i < n; i++) r = round(r + a[off + i]);
    return r;
  }
  if (n <= 128) {
    let r0 = a[off], r1 = a[off + 1], r2 = a[off + 2], r3 = a[off + 3];
    let r4 = a[off + 4], r5 = a[off + 5], r6 = a[off + 6], r7 = a[off + 7];
    let i = 8;
    for (; i < n - (n % 8); i += 8) {
      r0 = round(r0 + a[off + i]); r1 = round(r1 + a[off + i + 1]);
      r2 = round(r2 + a[off + i + 2]); r3 = round(r3 + a[off + i + 3]);
      r4 = round(r4 + a[off + i + 4]); r5 = round(r5 + a[off + i + 5]);
      r6 = round(r6 + a[off + i + 6]); r7 = round(r7 + a[off + i + 7]);
    }
    let res = round(round(round(r0 + r1) + round(r2 + r3)) + round(round(r4 + r5) + round(r6 + r7)));
    for (; i < n; i++) res = round(res + a[off + i]);
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return round(pairwiseSum(a, off, n2, round) + pairwiseSum(a, off + n2, n - n2, round));
}

/** `np.mean` of a float64 array (identity 0 + pairwise sum, then / n). */
export function numpyMean(a: ArrayLike<number>): number {
  return (0 + pairwiseSum(a, 0, a.length, float64)) / a.length;
}

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);

/** Python's `statistics.mean` of floats: the exact mean, rounded once. */
export function exactMean(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) throw new RangeError('mean requires at least one data point');
  // Each finite double is m · 2^e with an integer m; sum them exactly as BigInt.
  const ms: bigint[] = [];
  const es: number[] = [];
  let emin = Infinity;
  for (let i = 0; i < n; i++) {
    const x = values[i];
    if (!Number.isFinite(x)) return NaN;
    if (x === 0) continue;
    F64[0] = x;
    const hi = U32[1], lo = U32[0];
    const bexp = (hi >>> 20) & 0x7ff;
    let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
    let e: number;
    if (bexp === 0) e = -1074;
    else {
      m |= 1n << 52n;
      e = bexp - 1075;
    }
    if (hi >>> 31) m = -m;
    ms.push(m);
    es.push(e);
    if (e < emin) emin = e;
  }
  if (ms.length === 0) return 0;
  let sum = 0n;
  for (let i = 0; i < ms.length; i++) sum += ms[i] << BigInt(es[i] - emin);
  return roundRational(sum, BigInt(n), emin);
}

/** Nearest double (ties to even) to num / den · 2^exp2, for normal results. */
function roundRational(num: bigint, den: bigint, exp2: number): number {
  if (num === 0n) return 0;
  const neg = num < 0n;
  if (neg) num = -num;
  const bits = (v: bigint) => v.toString(2).length;
  // Scale so the quotient has at least 55 bits (53 + guard + round).
  const k = 56 - (bits(num) - bits(den));
  const q0 = k >= 0 ? (num << BigInt(k)) / den : num / (den << BigInt(-k));
  const rem = k >= 0 ? (num << BigInt(k)) % den : num % (den << BigInt(-k));
  const extra = bits(q0) - 53;
  let keep = q0 >> BigInt(extra);
  const dropped = q0 & ((1n << BigInt(extra)) - 1n);
  const half = 1n << BigInt(extra - 1);
  if (dropped > half || (dropped === half && (rem !== 0n || (keep & 1n) === 1n))) keep += 1n;
  let r = Number(keep);
  let e = exp2 - k + extra;
  while (e > 0) { const s = Math.min(e, 1000); r *= 2 ** s; e -= s; }
  while (e < 0) { const s = Math.max(e, -1000); r *= 2 ** s; e -= s; }
  return neg ? -r : r;
}

/** The bootstrap CI: half the spread between the 1/40 tails of the sorted scores, around `mean` of them. */
function ciFromTails(scores: ArrayLike<number>, mean: (sorted: Float64Array) => number): { mean: number; ci: number } {
  const s = Float64Array.from(scores).sort();
  const lower = Math.floor(s.length / 40);
  const upper = s.length - lower - 1;
  return { mean: mean(s), ci: 0.5 * (s[upper] - s[lower]) };
}

/** sacreBLEU `significance.estimate_ci`: numpy sort, CI from the 1/40 tails, numpy mean. */
export function estimateCi(scores: ArrayLike<number>): { mean: number; ci: number } {
  return ciFromTails(scores, numpyMean);
}

/** `Score.estimate_ci` (single-system `--confidence`): the same CI, `statistics.mean`. */
export function estimateCiExact(scores: ArrayLike<number>): { mean: number; ci: number } {
  return ciFromTails(scores, exactMean);
}

/** `_compute_p_value`: (#{stats > real} + 1) / (N + 1). */
export function computePValue(stats: ArrayLike<number>, realDifference: number): number {
  let c = 0;
  for (let i = 0; i < stats.length; i++) if (stats[i] > realDifference) c++;
  return (c + 1) / (stats.length + 1);
}

// ---------------------------------------------------------------------------
// Resampling

/**
 * The score of a resample as sacreBLEU computes it from float32 sums under
 * numpy 1.x promotion (see the header): chrF's precision and recall and TER's
 * ratio are float32 quotients; everything else is the metric's own float64 code.
 */
function resampleScorer(metric: CorpusMetric): (summed: Float32Array) => number {
  if (metric instanceof TER) return (s) => 100 * terRatio(s[0], s[1], Math.fround);
  if (metric instanceof CHRF) {
    const order = metric.charOrder + metric.wordOrder;
    return (s) => chrfFScore(s, 0, order, metric.beta, metric.epsSmoothing, Math.fround);
  }
  return (s) => metric.scoreFromStatistics(s).score;
}

export type ResampleBackend = 'auto' | 'wasm-scalar' | 'js';
let backend: ResampleBackend = 'auto';
/**
 * Chooses how resamples are summed: 'auto' (WebAssembly SIMD kernel),
 * 'wasm-scalar' (WebAssembly without SIMD) or 'js'. All give identical results;
 * this exists so tests can check that, and for diagnosis.
 */
export function setResampleBackend(b: ResampleBackend): void {
  backend = b;
}

const makeRng = (seed: bigint | null): NumpyPCG64 => defaultRng(seed, { wasm: backend !== 'js' });

/**
 * Scores of `nSamples` bootstrap resamples for each statistics matrix, all
 * drawn with the same indices: numpy's `rng.choice(n, size=(nSamples, n))`,
 * consumed row by row so only one row of indices exists at a time.
 */
function resampleScores(
  gen: NumpyPCG64,
  mats: readonly Float32Array[],
  width: number,
  n: number,
  nSamples: number,
  score: (summed: Float32Array) => number,
): Float64Array[] {
  const out = mats.map(() => new Float64Array(nSamples));
  if (nSamples <= 0) return out;
  const excl = n, threshold = (2 ** 32 - n) % n;
  // Kernel path: indices and float32 sums in WebAssembly (width 1 excluded:
  // numpy then sums the single column pairwise, done below in JS).
  if (backend !== 'js' && width > 1 && n > 1 && n < 2 ** 31 / (64 * Math.max(4, width) * mats.length)) {
    // Matrices padded to whole 4-lane vectors for the SIMD kernel (zeros in the pad).
    const vectors = Math.ceil(width / 4);
    const rowFloats = 4 * vectors;
    const idxBytes = 4 * n;
    const matBytes = 4 * n * rowFloats;
    const matBase = OUT_BASE + idxBytes + ((16 - (idxBytes % 16)) % 16);
    const accPtr = matBase + mats.length * matBytes;
    const done = gen.useKernel(accPtr + 16 * vectors * mats.length, (k) => {
      const simd = backend === 'auto' ? rowSumKernel(k.mem, mats.map((_, i) => matBase + i * matBytes), vectors) : null;
      const mem = k.mem.buffer;
      mats.forEach((m, i) => {
        const dst = new Float32Array(mem, matBase + i * matBytes, n * rowFloats);
        if (rowFloats === width) dst.set(m);
        else for (let r = 0; r < n; r++) dst.set(m.subarray(r * width, r * width + width), r * rowFloats);
      });
      const acc = new Float32Array(mem, accPtr, rowFloats * mats.length);
      const summed = new Float32Array(width);
      for (let s = 0; s < nSamples; s++) {
        k.fill_bounded(n, excl, threshold);
        if (simd) simd.sum(n, accPtr);
        for (let i = 0; i < mats.length; i++) {
          if (!simd) k.sum_rows(n, matBase + i * matBytes, width, rowFloats, accPtr + 4 * rowFloats * i);
          summed.set(acc.subarray(i * rowFloats, i * rowFloats + width));
          out[i][s] = score(summed);
        }
      }
      return true;
    });
    if (done) return out;
  }
  // Portable path (pure JS generator and sums).
  const stream = new BoundedIntStream(gen, n);
  const idx = new Uint32Array(n);
  const acc = new Float32Array(width);
  const col = width === 1 ? new Float32Array(n) : null;
  for (let s = 0; s < nSamples; s++) {
    stream.fill(idx, n);
    for (let i = 0; i < mats.length; i++) {
      const m = mats[i];
      if (col) {
        for (let r = 0; r < n; r++) col[r] = m[idx[r]];
        acc[0] = pairwiseSum(col, 0, n, Math.fround);
      } else {
        acc.fill(0);
        for (let r = 0; r < n; r++) {
          const base = idx[r] * width;
          for (let j = 0; j < width; j++) acc[j] += m[base + j];
        }
      }
      out[i][s] = score(acc);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Public API

export interface SystemResult {
  /** The system's corpus score. */
  score: number;
  /** Bootstrap estimate of the true mean (null where the test gives none). */
  mean: number | null;
  /** Half-width of the 95% confidence interval around `mean`. */
  ci: number | null;
  /** Paired p-value against the baseline; null for the baseline itself. */
  p_value: number | null;
}

export interface ConfidenceResult {
  /** Metric name as sacreBLEU prints it ('BLEU', 'chrF2', 'TER', ...). */
  name: string;
  score: number;
  mean: number;
  ci: number;
  nBootstrap: number;
  /** The seed as the signature prints it. */
  seed: string;
  /** e.g. `nrefs:1|bs:1000|seed:12345|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0`. */
  signature: string;
  /** The metric's full corpus score object (counts, precisions, ...). */
  corpus: MetricScore;
}

export interface PairedResult {
  test: 'bs' | 'ar';
  name: string;
  /** Trials (AR) or resamples (bootstrap). */
  nSamples: number;
  seed: string;
  /** Metric signature with the test's fields: `nrefs:1|bs:1000|seed:12345|…` or `…|ar:10000|seed:…`. */
  signature: string;
  baseline: SystemResult;
  systems: SystemResult[];
  /** The metric's corpus score objects, baseline first. */
  corpus: MetricScore[];
}

export interface BootstrapOptions {
  /** Resamples (sacreBLEU default 1000). */
  nBootstrap?: number;
  /** numpy seed; undefined reads SACREBLEU_SEED (default 12345); null or 'none' is unseeded. */
  seed?: number | bigint | string | null;
  /** Extract the systems' statistics on two threads when the input is large (default true). */
  parallel?: boolean;
}

export interface ApproxRandomizationOptions {
  /** Trials (sacreBLEU default 10000). */
  nTrials?: number;
  seed?: number | bigint | string | null;
  /**
   * Bootstrap resamples for the systems' means/CIs (sacreBLEU's
   * `n_ar_confidence`): -1 (default, as the CLI) for none, 0 for 1000.
   */
  nConfidence?: number;
  /** As for the bootstrap. */
  parallel?: boolean;
}

/** Inserts the test's fields after `nrefs`, in sacreBLEU's order (bs, ar, seed). */
export function signatureWithTest(signature: string, fields: { bs?: number; ar?: number; seed: string }): string {
  const parts = signature.split('|');
  const at = parts.findIndex((p) => p.startsWith('nrefs:')) + 1;
  const add: string[] = [];
  if (fields.bs !== undefined) add.push(`bs:${fields.bs}`);
  if (fields.ar !== undefined) add.push(`ar:${fields.ar}`);
  add.push(`seed:${fields.seed}`);
  parts.splice(at, 0, ...add);
  return parts.join('|');
}

interface Prepared {
  stats: SentenceStatistics;
  corpus: MetricScore;
}

/** Statistics of each system (two threads on large inputs) and their corpus scores. */
function prepareAll(metric: CorpusMetric, systems: readonly (readonly string[])[], refs: RefStreams, parallel: boolean): Prepared[] {
  const all = sentenceStatisticsAll(metric, systems.map((hyps) => ({ hyps, refs })), parallel);
  return all.map((stats) => {
    const summed = sumRows(stats.stats, stats.width, stats.n);
    return { stats, corpus: metric.scoreFromStatistics(summed) };
  });
}

function signatureOf(metric: CorpusMetric, p: Prepared, nrefs: number): string {
  const s = (p.corpus as { signature?: unknown }).signature;
  return typeof s === 'string' ? s : metric.signature(nrefs);
}

function checkCount(what: string, v: number): void {
  if (!Number.isInteger(v) || v < 1) throw new RangeError(`${what} must be a positive integer, got ${v}`);
}

function checkLines(baseline: readonly string[], systems: readonly (readonly string[])[]): void {
  if (baseline.length === 0) throw new RangeError('significance tests need at least one segment');
  systems.forEach((s, i) => {
    if (s.length !== baseline.length) {
      throw new RangeError(`system ${i + 1} has ${s.length} lines but the baseline has ${baseline.length}`);
    }
  });
}

/**
 * Bootstrap confidence interval for one system: sacreBLEU's
 * `corpus_score(..., n_bootstrap=N)` (CLI `--confidence`).
 */
export function bootstrapConfidence(
  metric: CorpusMetric,
  hyps: readonly string[],
  refs: RefStreams,
  opts: BootstrapOptions = {},
): ConfidenceResult {
  const nBootstrap = opts.nBootstrap ?? DEFAULT_BOOTSTRAP_SAMPLES;
  checkCount('nBootstrap', nBootstrap);
  checkLines(hyps, []);
  const seed = resolveSeed(opts.seed);
  const [p] = prepareAll(metric, [hyps], refs, false);
  const { stats, width, n } = p.stats;
  const [scores] = resampleScores(makeRng(seed.seed), [Float32Array.from(stats)], width, n, nBootstrap, resampleScorer(metric));
  const { mean, ci } = estimateCiExact(scores);
  return {
    name: p.corpus.name,
    score: p.corpus.score,
    mean,
    ci,
    nBootstrap,
    seed: seed.rawLabel,
    signature: signatureWithTest(signatureOf(metric, p, refs.length), { bs: nBootstrap, seed: seed.rawLabel }),
    corpus: p.corpus,
  };
}

/** Per-test seed: sacreBLEU passes `seed if seed else None`, so seed 0 runs unseeded. */
function testSeed(seed: ResolvedSeed): bigint | null {
  return seed.seed !== null && seed.seed !== 0n ? seed.seed : null;
}

/**
 * Paired bootstrap resampling (sacreBLEU `--paired-bs`, Koehn 2004 as in
 * Moses' bootstrap-hypothesis-difference-significance.pl) of each system
 * against the baseline.
 */
export function pairedBootstrap(
  metric: CorpusMetric,
  baselineHyps: readonly string[],
  systemsHyps: readonly (readonly string[])[],
  refs: RefStreams,
  opts: BootstrapOptions = {},
): PairedResult {
  const nSamples = opts.nBootstrap ?? DEFAULT_BOOTSTRAP_SAMPLES;
  checkCount('nBootstrap', nSamples);
  checkLines(baselineHyps, systemsHyps);
  const seed = resolveSeed(opts.seed);
  const score = resampleScorer(metric);
  const [bl, ...systems] = prepareAll(metric, [baselineHyps, ...systemsHyps], refs, opts.parallel ?? true);
  const { width, n } = bl.stats;
  const blMat = Float32Array.from(bl.stats.stats);
  const sysMats = systems.map((s) => Float32Array.from(s.stats.stats));

  // The baseline CI (`_bootstrap_resample`) and every system's test draw from
  // fresh generators with the same seed, hence the same indices: one pass
  // serves all of them. Unseeded (or seed 0, see testSeed) they all differ.
  let blScores: Float64Array;
  const sysScores: Float64Array[] = [];
  const blScoresPerTest: Float64Array[] = [];
  const ts = testSeed(seed);
  if (ts !== null) {
    const all = resampleScores(makeRng(ts), [blMat, ...sysMats], width, n, nSamples, score);
    blScores = all[0];
    for (let i = 0; i < sysMats.length; i++) {
      sysScores.push(all[i + 1]);
      blScoresPerTest.push(all[0]);
    }
  } else {
    [blScores] = resampleScores(makeRng(seed.seed), [blMat], width, n, nSamples, score);
    for (const m of sysMats) {
      const [b, s] = resampleScores(makeRng(null), [blMat, m], width, n, nSamples, score);
      blScoresPerTest.push(b);
      sysScores.push(s);
    }
  }

  const blCi = estimateCi(blScores);
  const results: SystemResult[] = systems.map((sys, i) => {
    const diff = Math.abs(bl.corpus.score - sys.corpus.score);
    const bs = blScoresPerTest[i], ss = sysScores[i];
    const sampleDiffs = new Float64Array(nSamples);
    for (let k = 0; k < nSamples; k++) sampleDiffs[k] = Math.abs(ss[k] - bs[k]);
    const m = numpyMean(sampleDiffs);
    for (let k = 0; k < nSamples; k++) sampleDiffs[k] -= m;
    const { mean, ci } = estimateCi(ss);
    return { score: sys.corpus.score, mean, ci, p_value: computePValue(sampleDiffs, diff) };
  });
  return {
    test: 'bs',
    name: bl.corpus.name,
    nSamples,
    seed: seed.label,
    signature: signatureWithTest(signatureOf(metric, bl, refs.length), { bs: nSamples, seed: seed.label }),
    baseline: { score: bl.corpus.score, mean: blCi.mean, ci: blCi.ci, p_value: null },
    systems: results,
    corpus: [bl.corpus, ...systems.map((s) => s.corpus)],
  };
}

/**
 * Paired approximate randomization (sacreBLEU `--paired-ar`, after Riezler &
 * Maxwell 2005 / multeval): each trial swaps each segment between the
 * baseline and the system with probability 1/2.
 */
export function pairedApproxRandomization(
  metric: CorpusMetric,
  baselineHyps: readonly string[],
  systemsHyps: readonly (readonly string[])[],
  refs: RefStreams,
  opts: ApproxRandomizationOptions = {},
): PairedResult {
  // Same checks and preparation as pairedBootstrap, through the same helpers; only the option names differ.
  const nTrials = opts.nTrials ?? DEFAULT_AR_TRIALS;
  checkCount('nTrials', nTrials);
  checkLines(baselineHyps, systemsHyps);
  const nConf = opts.nConfidence === 0 ? DEFAULT_BOOTSTRAP_SAMPLES : (opts.nConfidence ?? -1);
  const seed = resolveSeed(opts.seed);
  const [bl, ...systems] = prepareAll(metric, [baselineHyps, ...systemsHyps], refs, opts.parallel ?? true);
  const { width, n } = bl.stats;
  const blStats = bl.stats.stats;
  const score = resampleScorer(metric);

  let baseline: SystemResult = { score: bl.corpus.score, mean: null, ci: null, p_value: null };
  if (nConf > 0) {
    const [b] = resampleScores(makeRng(seed.seed), [Float32Array.from(blStats)], width, n, nConf, score);
    const { mean, ci } = estimateCi(b);
    baseline = { ...baseline, mean, ci };
  }

  const results: SystemResult[] = systems.map((sys) => {
    const gen = makeRng(testSeed(seed));
    const sysStats = sys.stats.stats;
    // Shuffled pseudo-systems: A takes the baseline's row where the coin is 1,
    // B the system's. With d = bl - sys: A = Σsys + Σ_{coin} d, B = Σbl - Σ_{coin} d.
    // (numpy's int64 matmul is exact, and so are these float64 sums of integer
    // statistics; TER's fractional reference lengths go through BLAS there, so
    // its trial sums agree only to rounding.)
    const d = new Float64Array(n * width);
    const totBl = new Float64Array(width), totSys = new Float64Array(width);
    for (let i = 0; i < n * width; i++) {
      d[i] = blStats[i] - sysStats[i];
      totBl[i % width] += blStats[i];
      totSys[i % width] += sysStats[i];
    }
    const coins = new BoolStream(gen, nTrials * n);
    const bits = new Uint8Array(n);
    const part = new Float64Array(width);
    const a = new Float64Array(width), b = new Float64Array(width);
    const diffs = new Float64Array(nTrials);
    for (let t = 0; t < nTrials; t++) {
      coins.fill(bits, n);
      part.fill(0);
      for (let i = 0; i < n; i++) {
        if (bits[i]) {
          const base = i * width;
          for (let j = 0; j < width; j++) part[j] += d[base + j];
        }
      }
      for (let j = 0; j < width; j++) {
        a[j] = totSys[j] + part[j];
        b[j] = totBl[j] - part[j];
      }
      diffs[t] = Math.abs(metric.scoreFromStatistics(a).score - metric.scoreFromStatistics(b).score);
    }
    const res: SystemResult = {
      score: sys.corpus.score,
      mean: null,
      ci: null,
      p_value: computePValue(diffs, Math.abs(bl.corpus.score - sys.corpus.score)),
    };
    if (nConf > 0) {
      // Same generator, continuing after the coin flips.
      const [s] = resampleScores(gen, [Float32Array.from(sysStats)], width, n, nConf, score);
      const { mean, ci } = estimateCi(s);
      res.mean = mean;
      res.ci = ci;
    }
    return res;
  });
  return {
    test: 'ar',
    name: bl.corpus.name,
    nSamples: nTrials,
    seed: seed.label,
    signature: signatureWithTest(signatureOf(metric, bl, refs.length), {
      bs: nConf > 0 ? nConf : undefined,
      ar: nTrials,
      seed: seed.label,
    }),
    baseline,
    systems: results,
    corpus: [bl.corpus, ...systems.map((s) => s.corpus)],
  };
}
