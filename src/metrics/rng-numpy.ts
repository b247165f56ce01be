/**
 * Bit-exact reproduction of the parts of numpy's random module that sacreBLEU's
 * significance tests use: `np.random.default_rng(seed)` (SeedSequence → PCG64),
 * `Generator.choice(n, size, replace=True)` (= `integers(0, n, dtype=int64)`)
 * and `Generator.integers(2, dtype=bool)`.
 *
 * Sources followed (numpy 1.26 – 2.4, whose Generator streams are identical):
 * `numpy/random/bit_generator.pyx` (SeedSequence), `src/pcg64/pcg64.{h,c}`,
 * `_bounded_integers.pyx.in` and `src/distributions/distributions.c`.
 *
 * The hot path avoids BigInt: the 128-bit LCG step runs on four 32-bit limbs
 * held in doubles, with 32×32→64 products split into an exact low half
 * (`Math.imul`) and a high half recovered from the rounded double product.
 */
import { randomBytes } from 'node:crypto';
import { instantiatePcg64Wasm, OUT_BASE, type Pcg64WasmExports } from './rng-numpy-wasm.js';

const MASK32 = 0xffffffff;
const TWO32 = 4294967296;
const INV_TWO32 = 1 / TWO32;

// SeedSequence hashing constants (bit_generator.pyx).
const INIT_A = 0x43b0d7e5;
const MULT_A = 0x931e8875;
const INIT_B = 0x8b51f9dd;
const MULT_B = 0x58f38ded;
const MIX_MULT_L = 0xca01f9dd;
const MIX_MULT_R = 0x4973f715;
const POOL_SIZE = 4;

// PCG_DEFAULT_MULTIPLIER_128 = 0x2360ED051FC65DA44385DF649FCCF645, as 32-bit limbs (low first).
const M0 = 0x9fccf645;
const M1 = 0x4385df64;
const M2 = 0x1fc65da4;
const M3 = 0x2360ed05;

/** A seed as numpy accepts it here: a non-negative integer, or null for OS entropy. */
export type NumpySeed = number | bigint | null;

/** `_int_to_uint32_array`: little-endian 32-bit words, `[0]` for zero. */
function intToUint32Words(n: bigint): number[] {
  if (n < 0n) throw new RangeError('expected non-negative integer');
  if (n === 0n) return [0];
  const words: number[] = [];
  while (n > 0n) {
    words.push(Number(n & 0xffffffffn));
    n >>= 32n;
  }
  return words;
}

function hashmix(value: number, hc: { v: number }): number {
  value = (value ^ hc.v) >>> 0;
  hc.v = Math.imul(hc.v, MULT_A) >>> 0;
  value = Math.imul(value, hc.v) >>> 0;
  return (value ^ (value >>> 16)) >>> 0;
}

function mix(x: number, y: number): number {
  let r = (Math.imul(MIX_MULT_L, x) - Math.imul(MIX_MULT_R, y)) >>> 0;
  r = (r ^ (r >>> 16)) >>> 0;
  return r;
}

/** The 4-word entropy pool of `SeedSequence(entropy)` (no spawn key). */
export function seedSequencePool(entropy: bigint): Uint32Array {
  const ent = intToUint32Words(entropy);
  const pool = new Uint32Array(POOL_SIZE);
  const hc = { v: INIT_A };
  for (let i = 0; i < POOL_SIZE; i++) pool[i] = hashmix(i < ent.length ? ent[i] : 0, hc);
  for (let src = 0; src < POOL_SIZE; src++) {
    for (let dst = 0; dst < POOL_SIZE; dst++) {
      if (src !== dst) pool[dst] = mix(pool[dst], hashmix(pool[src], hc));
    }
  }
  for (let src = POOL_SIZE; src < ent.length; src++) {
    for (let dst = 0; dst < POOL_SIZE; dst++) pool[dst] = mix(pool[dst], hashmix(ent[src], hc));
  }
  return pool;
}

/** `SeedSequence(entropy).generate_state(nWords, np.uint32)`. */
export function seedSequenceGenerateState(entropy: bigint, nWords: number): Uint32Array {
  const pool = seedSequencePool(entropy);
  const out = new Uint32Array(nWords);
  let hc = INIT_B;
  for (let i = 0; i < nWords; i++) {
    let v = (pool[i % POOL_SIZE] ^ hc) >>> 0;
    hc = Math.imul(hc, MULT_B) >>> 0;
    v = Math.imul(v, hc) >>> 0;
    out[i] = (v ^ (v >>> 16)) >>> 0;
  }
  return out;
}

/** numpy draws 128 bits from `secrets.randbits` when no seed is given. */
function osEntropy(): bigint {
  const b = randomBytes(16);
  let n = 0n;
  for (let i = 15; i >= 0; i--) n = (n << 8n) | BigInt(b[i]);
  return n;
}

function toBigSeed(seed: number | bigint): bigint {
  if (typeof seed === 'number') {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
    return BigInt(seed);
  }
  return seed;
}

const U128 = (1n << 128n) - 1n;
const MULT128 = 0x2360ed051fc65da44385df649fccf645n;

function limbs(x: bigint): [number, number, number, number] {
  return [
    Number(x & 0xffffffffn),
    Number((x >> 32n) & 0xffffffffn),
    Number((x >> 64n) & 0xffffffffn),
    Number((x >> 96n) & 0xffffffffn),
  ];
}

/**
 * numpy's PCG64 bit generator plus the Generator methods sacreBLEU calls.
 * Construct with `defaultRng(seed)`.
 */
export class NumpyPCG64 {
  // 128-bit state and increment as 32-bit limbs, least significant first.
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  private readonly i0: number;
  private readonly i1: number;
  private readonly i2: number;
  private readonly i3: number;
  // next_uint32 serves the high half of a 64-bit draw on the following call.
  private hasUint32 = false;
  private uinteger = 0;
  // Scratch for nextUint64 (high, low halves) to avoid allocation.
  hi = 0;
  lo = 0;

  // The WebAssembly kernel, when available; the JS fields stay the source of truth
  // and are copied in and out around each (large) kernel call.
  private readonly wasm: Pcg64WasmExports | null;

  constructor(initState: bigint, initSeq: bigint, useWasm = true) {
    this.wasm = useWasm ? instantiatePcg64Wasm() : null;
    // pcg_setseq_128_srandom_r: state = 0; inc = seq<<1|1; step; state += init; step.
    const inc = ((initSeq << 1n) | 1n) & U128;
    let state = inc; // 0 * M + inc
    state = (state + initState) & U128;
    state = (state * MULT128 + inc) & U128;
    [this.s0, this.s1, this.s2, this.s3] = limbs(state);
    [this.i0, this.i1, this.i2, this.i3] = limbs(inc);
  }

  /** The raw 128-bit state, for tests against `bit_generator.state`. */
  get state(): { state: bigint; inc: bigint; hasUint32: boolean; uinteger: number } {
    const join = (a: number, b: number, c: number, d: number) =>
      (BigInt(d) << 96n) | (BigInt(c) << 64n) | (BigInt(b) << 32n) | BigInt(a);
    return {
      state: join(this.s0, this.s1, this.s2, this.s3),
      inc: join(this.i0, this.i1, this.i2, this.i3),
      hasUint32: this.hasUint32,
      uinteger: this.uinteger,
    };
  }

  /** Copies the state into the kernel, makes room for `count` words; returns the memory's words. */
  private wasmEnter(w: Pcg64WasmExports, count: number): Uint32Array {
    const need = OUT_BASE + 4 * count;
    const have = w.mem.buffer.byteLength;
    if (need > have) w.mem.grow(Math.ceil((need - have) / 65536));
    const u = new Uint32Array(w.mem.buffer);
    u[0] = this.s0; u[1] = this.s1; u[2] = this.s2; u[3] = this.s3;
    u[4] = this.i0; u[5] = this.i1; u[6] = this.i2; u[7] = this.i3;
    u[8] = this.hasUint32 ? 1 : 0; u[9] = this.uinteger;
    return u;
  }

  private wasmLeave(u: Uint32Array): void {
    this.s0 = u[0]; this.s1 = u[1]; this.s2 = u[2]; this.s3 = u[3];
    this.hasUint32 = u[8] !== 0; this.uinteger = u[9];
  }

  /**
   * Runs `fn` on this generator's WebAssembly kernel, with the generator state
   * copied in (and back out afterwards) and the memory grown to `bytes`;
   * null when there is no kernel. Data written above the index area persists
   * between calls, which the resampler uses to keep its matrices there.
   */
  useKernel<T>(bytes: number, fn: (k: Pcg64WasmExports) => T): T | null {
    const w = this.wasm;
    if (!w) return null;
    try {
      this.wasmEnter(w, Math.max(0, Math.ceil((bytes - OUT_BASE) / 4)));
    } catch {
      return null; // the memory could not grow: the caller takes its JS path
    }
    try {
      return fn(w);
    } finally {
      this.wasmLeave(new Uint32Array(w.mem.buffer, 0, 10));
    }
  }

  /**
   * `count` values of numpy's 32-bit Lemire `integers(0, excl)` (0 < excl < 2^32,
   * `threshold` = (2^32 - excl) % excl), from the WebAssembly kernel; returns a
   * view that is valid until the next call, or null when the kernel is missing.
   */
  boundedViaWasm(count: number, excl: number, threshold: number): Uint32Array | null {
    const w = this.wasm;
    if (!w) return null;
    const u = this.wasmEnter(w, count);
    w.fill_bounded(count, excl | 0, threshold | 0);
    this.wasmLeave(u);
    return new Uint32Array(w.mem.buffer, OUT_BASE, count);
  }

  /**
   * Fills `out[0..count)` with consecutive 32-bit words of the raw stream
   * (`next_uint32` semantics: low half of a 64-bit draw, then its high half).
   * This is the hot loop; everything stays in locals.
   */
  fillUint32(out: Uint32Array, count: number): void {
    const w = this.wasm;
    if (w && count >= 256) {
      const u = this.wasmEnter(w, count);
      w.fill_u32(count);
      this.wasmLeave(u);
      out.set(new Uint32Array(w.mem.buffer, OUT_BASE, count));
      return;
    }
    let k = 0;
    if (count > 0 && this.hasUint32) {
      out[k++] = this.uinteger;
      this.hasUint32 = false;
    }
    let s0 = this.s0, s1 = this.s1, s2 = this.s2, s3 = this.s3;
    const i0 = this.i0, i1 = this.i1, i2 = this.i2, i3 = this.i3;
    while (k < count) {
      // state = state * M + inc (mod 2^128), column by column.
      const p00 = s0 * M0, l00 = Math.imul(s0, M0) >>> 0, h00 = Math.round((p00 - l00) * INV_TWO32);
      const p01 = s0 * M1, l01 = Math.imul(s0, M1) >>> 0, h01 = Math.round((p01 - l01) * INV_TWO32);
      const p10 = s1 * M0, l10 = Math.imul(s1, M0) >>> 0, h10 = Math.round((p10 - l10) * INV_TWO32);
      const p02 = s0 * M2, l02 = Math.imul(s0, M2) >>> 0, h02 = Math.round((p02 - l02) * INV_TWO32);
      const p11 = s1 * M1, l11 = Math.imul(s1, M1) >>> 0, h11 = Math.round((p11 - l11) * INV_TWO32);
      const p20 = s2 * M0, l20 = Math.imul(s2, M0) >>> 0, h20 = Math.round((p20 - l20) * INV_TWO32);
      const c0 = l00 + i0;
      const r0 = c0 >>> 0;
      const c1 = h00 + l01 + l10 + i1 + (c0 - r0) * INV_TWO32;
      const r1 = c1 >>> 0;
      const c2 = h01 + h10 + l02 + l11 + l20 + i2 + (c1 - r1) * INV_TWO32;
      const r2 = c2 >>> 0;
      const c3 =
        h02 + h11 + h20 + Math.imul(s0, M3) + Math.imul(s1, M2) + Math.imul(s2, M1) + Math.imul(s3, M0) + i3 +
        (c2 - r2) * INV_TWO32;
      const r3 = c3 >>> 0;
      s0 = r0; s1 = r1; s2 = r2; s3 = r3;
      // XSL-RR output: rotr64(high ^ low, high >>> 58).
      let xh = (r3 ^ r1) >>> 0;
      let xl = (r2 ^ r0) >>> 0;
      let rot = r3 >>> 26;
      if (rot >= 32) {
        const t = xh; xh = xl; xl = t;
        rot -= 32;
      }
      let oh: number, ol: number;
      if (rot === 0) {
        oh = xh; ol = xl;
      } else {
        ol = ((xl >>> rot) | (xh << (32 - rot))) >>> 0;
        oh = ((xh >>> rot) | (xl << (32 - rot))) >>> 0;
      }
      out[k++] = ol;
      if (k < count) {
        out[k++] = oh;
      } else {
        this.hasUint32 = true;
        this.uinteger = oh;
      }
    }
    this.s0 = s0; this.s1 = s1; this.s2 = s2; this.s3 = s3;
  }

  private readonly one = new Uint32Array(2);

  /** `next_uint32`. */
  nextUint32(): number {
    this.fillUint32(this.one, 1);
    return this.one[0];
  }

  /** `next_uint64`; result in `this.hi`/`this.lo`. Does not touch the uint32 buffer, as in numpy. */
  nextUint64(): void {
    const saveHas = this.hasUint32, saveU = this.uinteger;
    this.hasUint32 = false;
    this.fillUint32(this.one, 2);
    this.lo = this.one[0];
    this.hi = this.one[1];
    this.hasUint32 = saveHas;
    this.uinteger = saveU;
  }

  /** `nextUint64` as a BigInt (slow; for the rare >32-bit ranges and tests). */
  nextUint64Big(): bigint {
    this.nextUint64();
    return (BigInt(this.hi) << 32n) | BigInt(this.lo);
  }
}

/** `np.random.default_rng(seed)`: PCG64 seeded through `SeedSequence(seed)`. */
export function defaultRng(seed: NumpySeed, opts: { wasm?: boolean } = {}): NumpyPCG64 {
  const entropy = seed === null ? osEntropy() : toBigSeed(seed);
  const w = seedSequenceGenerateState(entropy, 8);
  // generate_state(4, uint64): little-endian pairs; PCG64 takes (val[0]<<64|val[1], val[2]<<64|val[3]).
  const u64 = (k: number) => (BigInt(w[2 * k + 1]) << 32n) | BigInt(w[2 * k]);
  return new NumpyPCG64((u64(0) << 64n) | u64(1), (u64(2) << 64n) | u64(3), opts.wasm ?? true);
}

/**
 * Streams `Generator.integers(0, high, size=N, dtype=np.int64)` (and therefore
 * `Generator.choice(high, size, replace=True)`) in chunks of any size: the
 * sequence of values is the same as one call of size N, because numpy's
 * 32-bit Lemire path keeps no state besides the bit generator's.
 */
export class BoundedIntStream {
  private readonly rng: number; // closed range: values in [0, rng]
  private readonly rngExcl: number;
  private readonly threshold: number;
  private raw: Uint32Array;

  constructor(private readonly gen: NumpyPCG64, high: number) {
    if (!Number.isSafeInteger(high) || high < 1) throw new RangeError(`high must be a positive integer, got ${high}`);
    this.rng = high - 1;
    this.rngExcl = high;
    // (UINT32_MAX - rng) % rng_excl, the Lemire rejection threshold.
    this.threshold = this.rng < MASK32 ? (MASK32 - this.rng) % this.rngExcl : 0;
    this.raw = new Uint32Array(0);
  }

  /** Fills `out[0..count)` with the next `count` values. */
  fill(out: Int32Array | Uint32Array | Float64Array, count: number): void {
    const rng = this.rng;
    if (rng === 0) {
      out.fill(0, 0, count);
      return;
    }
    if (rng > MASK32) {
      this.fill64(out, count);
      return;
    }
    if (rng < MASK32) {
      const view = this.gen.boundedViaWasm(count, this.rngExcl, this.threshold);
      if (view) {
        if (out instanceof Uint32Array) out.set(view);
        else for (let i = 0; i < count; i++) out[i] = view[i];
        return;
      }
    }
    if (this.raw.length < count) this.raw = new Uint32Array(count);
    const raw = this.raw;
    this.gen.fillUint32(raw, count);
    if (rng === MASK32) {
      for (let i = 0; i < count; i++) out[i] = raw[i];
      return;
    }
    const excl = this.rngExcl, threshold = this.threshold;
    // Below 2^21 the product u * excl < 2^53 is exact in a double.
    const small = excl <= 0x200000;
    // `j` reads the raw words; a rejection consumes one extra word, so when the
    // batch runs dry the deficit is drawn next (nothing is read ahead).
    let j = 0, avail = count;
    for (let i = 0; i < count; ) {
      if (j === avail) {
        avail = count - i;
        this.gen.fillUint32(raw, avail);
        j = 0;
      }
      const u = raw[j++];
      let hi: number, lo: number;
      if (small) {
        const m = u * excl;
        hi = Math.floor(m * INV_TWO32);
        lo = m - hi * TWO32;
      } else {
        lo = Math.imul(u, excl) >>> 0;
        hi = Math.round((u * excl - lo) * INV_TWO32);
      }
      // Lemire rejection (probability < excl / 2^32): draw again.
      if (lo < threshold) continue;
      out[i++] = hi;
    }
  }

  /** 64-bit Lemire path (ranges ≥ 2^32), with BigInt; never hot in practice. */
  private fill64(out: Int32Array | Uint32Array | Float64Array, count: number): void {
    const rng = BigInt(this.rng);
    const excl = rng + 1n;
    const M64 = (1n << 64n) - 1n;
    const threshold = (M64 - rng) % excl;
    for (let i = 0; i < count; i++) {
      let m = this.gen.nextUint64Big() * excl;
      let left = m & M64;
      if (left < excl) {
        while (left < threshold) {
          m = this.gen.nextUint64Big() * excl;
          left = m & M64;
        }
      }
      out[i] = Number(m >> 64n);
    }
  }
}

/**
 * Streams `Generator.integers(2, size=N, dtype=bool)`: one 32-bit draw gives 32
 * booleans, least significant bit first; the buffer carries across chunks as it
 * does across the rows of one numpy call.
 */
export class BoolStream {
  private buf = 0;
  private bcnt = 0;
  // Words fetched ahead, never past the `total` booleans of the numpy call, so
  // the generator is left exactly where numpy leaves it.
  private readonly words = new Uint32Array(4096);
  private wpos = 0;
  private wlen = 0;
  private wordsLeft: number;

  /** `total`: the size of the numpy call being reproduced (enables bulk reads). */
  constructor(private readonly gen: NumpyPCG64, total?: number) {
    this.wordsLeft = total === undefined ? 0 : Math.ceil(total / 32);
  }

  private nextWord(): number {
    if (this.wpos < this.wlen) return this.words[this.wpos++];
    if (this.wordsLeft > 0) {
      const k = Math.min(this.words.length, this.wordsLeft);
      this.gen.fillUint32(this.words, k);
      this.wordsLeft -= k;
      this.wlen = k;
      this.wpos = 1;
      return this.words[0];
    }
    return this.gen.nextUint32();
  }

  fill(out: Uint8Array, count: number): void {
    let buf = this.buf, bcnt = this.bcnt;
    for (let i = 0; i < count; i++) {
      if (bcnt === 0) {
        buf = this.nextWord();
        bcnt = 31;
      } else {
        buf >>>= 1;
        bcnt--;
      }
      out[i] = buf & 1;
    }
    this.buf = buf;
    this.bcnt = bcnt;
  }
}
