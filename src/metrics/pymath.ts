/**
 * `math.exp` and `math.log` with CPython's results on Linux.
 *
 * CPython calls the C library; glibc's exp/log are correctly rounded in all
 * but ~0.1% of cases (error bound 0.51 ulp), while V8's Math.exp/Math.log
 * (fdlibm, < 1 ulp) differ from them in the last bit for ~10% / ~4% of
 * inputs, enough to change BLEU in its last digit. These functions evaluate
 * in double-double arithmetic (~104 bits) and round once, i.e. they are
 * correctly rounded, which matches glibc except where glibc itself misrounds.
 * Used only to turn BLEU statistics into scores, so speed is secondary.
 */

/**
 * Rounding to float64, which JS arithmetic already does: the identity. Passed
 * where a computation can also be asked to round like numpy float32 (`Math.fround`).
 */
export const float64 = (x: number): number => x;

// Double-double helpers: a value is hi + lo with |lo| ≤ ulp(hi)/2.
let rh = 0;
let rl = 0;

function twoSum(a: number, b: number): void {
  const s = a + b;
  const bb = s - a;
  rl = a - (s - bb) + (b - bb);
  rh = s;
}

function fastTwoSum(a: number, b: number): void {
  const s = a + b;
  rl = b - (s - a);
  rh = s;
}

const SPLIT = 134217729; // 2^27 + 1 (Veltkamp)

/** Exact product a·b = rh + rl (no overflow in our ranges). */
function twoProd(a: number, b: number): void {
  const p = a * b;
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  rl = ah * bh - p + ah * bl + al * bh + al * bl;
  rh = p;
}

/** (ah + al)·(bh + bl) → rh + rl. */
function ddMul(ah: number, al: number, bh: number, bl: number): void {
  twoProd(ah, bh);
  const lo = rl + (ah * bl + al * bh);
  fastTwoSum(rh, lo);
}

/** (ah + al) + (bh + bl) → rh + rl. */
function ddAdd(ah: number, al: number, bh: number, bl: number): void {
  twoSum(ah, bh);
  const s = rh;
  const e = rl;
  twoSum(al, bl);
  const t = rh;
  const f = rl;
  fastTwoSum(s, e + t);
  fastTwoSum(rh, rl + f);
}

// ln 2 split for exact argument reduction: C1, C2 have 32 significant bits.
const LN2_C1 = 0.6931471803691238;
const LN2_C2 = 1.9082149288430703e-10;
const LN2_C3 = 4.275175589747649e-20;
const LN2_HI = 0.6931471805599453;
const LN2_LO = 2.3190468138462996e-17;
const INV_LN2 = 1.4426950408889634;

// 1/n! as double-doubles, n = 2..11.
const INV_FACT_HI = [
  0.5, 0.16666666666666666, 0.041666666666666664, 0.008333333333333333, 0.001388888888888889,
  0.0001984126984126984, 2.48015873015873e-5, 2.7557319223985893e-6, 2.755731922398589e-7, 2.505210838544172e-8,
];
const INV_FACT_LO = [
  0, 9.25185853854297e-18, 2.3129646346357427e-18, 1.1564823173178714e-19, -5.300543954373577e-20,
  1.7209558293420705e-22, 2.1511947866775882e-23, -1.858393274046472e-22, 2.3767714622250297e-23,
  -1.448814070935912e-24,
];

const SQUARINGS = 8;

/** exp(x) as a double-double in rh + rl, scaled by 2^-k (returned). For |x| ≤ 709. */
function expDD(x: number): number {
  const k = Math.round(x * INV_LN2);
  // r = x − k·ln2 in double-double (k·C1 and k·C2 are exact).
  twoSum(x, -k * LN2_C1);
  let h = rh;
  let l = rl;
  ddAdd(h, l, -k * LN2_C2, 0);
  h = rh;
  l = rl;
  twoProd(k, LN2_C3);
  ddAdd(h, l, -rh, -rl);
  // expm1(s) for s = r / 2^8 by Taylor series (|s| < 0.0014, terms to s^11).
  const sh = rh / 256;
  const sl = rl / 256;
  let ph = INV_FACT_HI[9];
  let pl = INV_FACT_LO[9];
  for (let n = 8; n >= 0; n--) {
    ddMul(ph, pl, sh, sl);
    ddAdd(rh, rl, INV_FACT_HI[n], INV_FACT_LO[n]);
    ph = rh;
    pl = rl;
  }
  // E = s + s²·P(s)
  ddMul(ph, pl, sh, sl);
  ddMul(rh, rl, sh, sl);
  ddAdd(rh, rl, sh, sl);
  let eh = rh;
  let el = rl;
  // (1 + E)² − 1 = E·(2 + E), SQUARINGS times.
  for (let i = 0; i < SQUARINGS; i++) {
    ddAdd(eh, el, 2, 0);
    ddMul(eh, el, rh, rl);
    eh = rh;
    el = rl;
  }
  ddAdd(1, 0, eh, el);
  return k;
}

/** Correctly rounded e^x (CPython's `math.exp` on glibc, see above). */
export function pyExp(x: number): number {
  if (!(x > -708 && x < 709)) return Math.exp(x); // NaN, ±inf, overflow, subnormal results
  const k = expDD(x);
  const m = rh + rl; // one rounding
  // Scale by 2^k exactly (results stay normal in this range).
  return k > 1000 ? m * 2 ** 1000 * 2 ** (k - 1000) : m * 2 ** k;
}

/** Correctly rounded natural logarithm (CPython's `math.log` on glibc). */
export function pyLog(x: number): number {
  if (!(x > 0) || x === Infinity || x < 2.2250738585072014e-308) return Math.log(x);
  // x = m · 2^e with m in [√½, √2).
  let e = Math.floor(Math.log2(x));
  let m = x / 2 ** e;
  if (m >= Math.SQRT2) {
    m /= 2;
    e += 1;
  } else if (m < Math.SQRT1_2) {
    m *= 2;
    e -= 1;
  }
  let yh: number;
  let yl: number;
  const u = m - 1; // exact (Sterbenz)
  if (Math.abs(u) < 2 ** -20) {
    // log1p(u) = u − u²/2 + u³/3 − u⁴/4 … in double-double (the u⁵ term is < 2^-100·u).
    twoProd(u, u);
    const u2h = rh;
    const u2l = rl;
    ddMul(u2h, u2l, u, 0);
    const u3h = rh;
    const u3l = rl;
    ddMul(u2h, u2l, u2h, u2l);
    const u4h = rh;
    const u4l = rl;
    ddAdd(u, 0, -u2h / 2, -u2l / 2);
    yh = rh;
    yl = rl;
    ddMul(u3h, u3l, 1 / 3, 1.850371707708594e-17); // 1/3 as double-double
    ddAdd(yh, yl, rh, rl);
    ddAdd(rh, rl, -u4h / 4, -u4l / 4);
    yh = rh;
    yl = rl;
  } else {
    // One Newton step on y ↦ m·e^(−y) − 1 from the double estimate doubles its precision.
    const y0 = Math.log(m);
    const k = expDD(-y0);
    const scale = 2 ** k;
    ddMul(rh * scale, rl * scale, m, 0);
    ddAdd(rh, rl, -1, 0); // t = m·e^(−y0) − 1, |t| ≈ 1e-16
    const th = rh;
    const tl = rl;
    // log(1 + t) = t − t²/2 (t³ is far below the last bit)
    ddAdd(y0, 0, th, tl);
    ddAdd(rh, rl, -(th * th) / 2, 0);
    yh = rh;
    yl = rl;
  }
  if (e !== 0) {
    twoProd(e, LN2_HI);
    const ah = rh;
    const al = rl + e * LN2_LO;
    ddAdd(ah, al, yh, yl);
    yh = rh;
    yl = rl;
  }
  return yh + yl;
}
