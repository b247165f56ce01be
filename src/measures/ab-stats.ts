/**
 * Head-to-head statistics for timing samples of two variants (A = reference,
 * B = candidate): a seeded bootstrap confidence interval of the ratio of
 * medians, and the Mann-Whitney U test (normal approximation with tie and
 * continuity correction, as scipy.stats.mannwhitneyu(method='asymptotic')).
 *
 * The bootstrap draws its indices from numpy's default_rng(seed) stream
 * (src/metrics/rng-numpy.ts reproduces it bit for bit), so a result can be
 * recomputed in Python: `rng.integers(0, n, size=(B, n))`, np.median,
 * np.percentile — see test/fixtures/ab-stats/generate.py.
 */
import { BoundedIntStream, defaultRng } from '../metrics/rng-numpy.js';
import { quantile } from './stats.js';

// ---------------------------------------------------------------------------
// Normal distribution. erfc as CPython's math.erfc computes it (series below
// 1.5, continued fraction above), accurate to a few ulps, so p-values agree
// with scipy's to ~1e-15 rather than the 1e-7 of the usual short formulas.

const ERF_SERIES_TERMS = 25;
const ERFC_CONTFRAC_TERMS = 50;
const ERF_SERIES_CUTOFF = 1.5;
const SQRT_PI = 1.772453850905516;

function erfSeries(x: number): number {
  const x2 = x * x;
  let acc = 0;
  let fk = ERF_SERIES_TERMS + 0.5;
  for (let i = 0; i < ERF_SERIES_TERMS; i++) {
    acc = 2.0 + (x2 * acc) / fk;
    fk -= 1.0;
  }
  return (acc * x * Math.exp(-x2)) / SQRT_PI;
}

function erfcContfrac(x: number): number {
  if (x >= 30.0) return 0.0;
  const x2 = x * x;
  let a = 0.0;
  let da = 0.5;
  let p = 1.0;
  let pLast = 0.0;
  let q = da + x2;
  let qLast = 1.0;
  for (let i = 0; i < ERFC_CONTFRAC_TERMS; i++) {
    a += da;
    da += 2.0;
    const b = da + x2;
    [pLast, p] = [p, b * p - a * pLast];
    [qLast, q] = [q, b * q - a * qLast];
  }
  return ((p / q) * x * Math.exp(-x2)) / SQRT_PI;
}

export function erfc(x: number): number {
  if (Number.isNaN(x)) return x;
  const absx = Math.abs(x);
  const cf = absx < ERF_SERIES_CUTOFF ? 1.0 - erfSeries(absx) : erfcContfrac(absx);
  return x < 0 ? 2.0 - cf : cf;
}

/** P(Z > z) for a standard normal Z. */
export function normalSf(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

// ---------------------------------------------------------------------------
// Mann-Whitney U

export interface MannWhitneyResult {
  /** U of the first sample (scipy's statistic): pairs (x, y) with x > y, ties counting ½. */
  u1: number;
  /** Two-sided p-value. */
  p: number;
  z: number;
}

/** Midranks (1-based) of the pooled values, and Σ(t³ − t) over tie groups. */
function midranks(values: readonly number[]): { ranks: Float64Array; tieTerm: number } {
  const order = values.map((_, i) => i).sort((i, j) => values[i] - values[j]);
  const ranks = new Float64Array(values.length);
  let tieTerm = 0;
  for (let start = 0; start < order.length; ) {
    let end = start + 1;
    while (end < order.length && values[order[end]] === values[order[start]]) end++;
    const rank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) ranks[order[k]] = rank;
    const t = end - start;
    tieTerm += t * t * t - t;
    start = end;
  }
  return { ranks, tieTerm };
}

/**
 * Two-sided Mann-Whitney U test, normal approximation with tie correction
 * and continuity correction (scipy's `method='asymptotic'`, the default
 * `use_continuity=True`). All values tied: p = 1.
 */
export function mannWhitneyU(x: readonly number[], y: readonly number[]): MannWhitneyResult {
  const n1 = x.length;
  const n2 = y.length;
  if (!n1 || !n2) throw new RangeError('Mann-Whitney U needs at least one value in each sample');
  const { ranks, tieTerm } = midranks([...x, ...y]);
  let r1 = 0;
  for (let i = 0; i < n1; i++) r1 += ranks[i];
  const u1 = r1 - (n1 * (n1 + 1)) / 2;
  const u2 = n1 * n2 - u1;
  const n = n1 + n2;
  const mu = (n1 * n2) / 2;
  const sigma = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  if (!(sigma > 0)) return { u1, p: 1, z: 0 };
  const z = (Math.max(u1, u2) - mu - 0.5) / sigma;
  return { u1, z, p: Math.min(1, 2 * normalSf(z)) };
}

// ---------------------------------------------------------------------------
// Bootstrap CI of the ratio of medians

export interface MedianRatio {
  /** median(b) / median(a): above 1 means B is slower than A. */
  ratio: number;
  ciLow: number;
  ciHigh: number;
  /** Confidence level of [ciLow, ciHigh], e.g. 0.95. */
  level: number;
  resamples: number;
  seed: number;
  /** Paired: whole rounds (a[i], b[i]) resampled together (interleaved samples). */
  paired: boolean;
}

function medianOf(values: Float64Array): number {
  values.sort();
  return quantile(values, 0.5);
}

/**
 * Percentile bootstrap of median(b) / median(a). With `paired`, rounds i
 * (a[i], b[i]) are resampled together, which keeps what interleaving bought:
 * both variants of a round ran on the same sentence under the same machine
 * state. Unpaired, a and b are resampled independently (a's indices first).
 */
export function bootstrapMedianRatio(
  a: readonly number[],
  b: readonly number[],
  opts: { resamples?: number; seed?: number; level?: number; paired?: boolean } = {},
): MedianRatio {
  const resamples = opts.resamples ?? 1000;
  const seed = opts.seed ?? 12345;
  const level = opts.level ?? 0.95;
  const paired = opts.paired ?? a.length === b.length;
  if (!a.length || !b.length) throw new RangeError('the bootstrap needs at least one sample of each variant');
  if (paired && a.length !== b.length) throw new RangeError(`paired bootstrap needs equal sample counts, got ${a.length} and ${b.length}`);
  const ratio = medianOf(Float64Array.from(b)) / medianOf(Float64Array.from(a));
  const gen = defaultRng(seed);
  const ratios = new Float64Array(resamples);
  const ra = new Float64Array(a.length);
  const rb = new Float64Array(b.length);
  if (paired) {
    const n = a.length;
    const stream = new BoundedIntStream(gen, n);
    const idx = new Uint32Array(n);
    for (let s = 0; s < resamples; s++) {
      stream.fill(idx, n);
      for (let i = 0; i < n; i++) {
        ra[i] = a[idx[i]];
        rb[i] = b[idx[i]];
      }
      ratios[s] = medianOf(rb) / medianOf(ra);
    }
  } else {
    // numpy: ia = rng.integers(0, na, size=(B, na)); ib = rng.integers(0, nb, size=(B, nb)).
    const ia = new Uint32Array(resamples * a.length);
    new BoundedIntStream(gen, a.length).fill(ia, ia.length);
    const ib = new Uint32Array(resamples * b.length);
    new BoundedIntStream(gen, b.length).fill(ib, ib.length);
    for (let s = 0; s < resamples; s++) {
      for (let i = 0; i < a.length; i++) ra[i] = a[ia[s * a.length + i]];
      for (let i = 0; i < b.length; i++) rb[i] = b[ib[s * b.length + i]];
      ratios[s] = medianOf(rb) / medianOf(ra);
    }
  }
  ratios.sort();
  const tail = (1 - level) / 2;
  return { ratio, ciLow: quantile(ratios, tail), ciHigh: quantile(ratios, 1 - tail), level, resamples, seed, paired };
}
