/**
 * Exact n-gram identities for one segment (hypothesis + references) without
 * building n-gram strings: order-1 ids intern the units (token ids or code
 * points); the order-n id at position p interns the pair
 * (order-(n-1) id at p, order-1 id at p+n-1). Ids are dense per order
 * (0..count-1), so counting uses flat typed arrays. Equal ids ⇔ equal n-grams.
 */

import type { SpanInterner, TokenSpans } from './spans.js';

/** Open-addressing (int, int) → dense id table, cleared in O(1) by generation stamps. */
class PairTable {
  private keyA = new Int32Array(0);
  private keyB = new Int32Array(0);
  private val = new Int32Array(0);
  private stamp = new Uint32Array(0);
  private gen = 1;
  private mask = 15; // capacity − 1; allocate() only grows it, from 16 slots
  size = 0;

  constructor(capacity = 1024) {
    this.allocate(capacity);
  }

  /** Forgets all entries; `expected` pre-sizes the table to avoid growing. */
  reset(expected: number): void {
    this.size = 0;
    if (expected * 2 > this.mask + 1) this.allocate(expected * 2);
    else if (++this.gen === 0xffffffff) {
      this.stamp.fill(0);
      this.gen = 1;
    }
  }

  private allocate(minCap: number): void {
    let cap = this.mask + 1;
    while (cap < minCap) cap *= 2;
    this.keyA = new Int32Array(cap);
    this.keyB = new Int32Array(cap);
    this.val = new Int32Array(cap);
    this.stamp = new Uint32Array(cap);
    this.mask = cap - 1;
    this.gen = 1;
  }

  /** Doubles the capacity, keeping the current entries. */
  private grow(): void {
    const { keyA, keyB, val, stamp, gen } = this;
    const oldCap = this.mask + 1;
    this.allocate(oldCap * 2);
    const mask = this.mask;
    for (let j = 0; j < oldCap; j++) {
      if (stamp[j] !== gen) continue;
      let h = Math.imul(keyA[j], 0x9e3779b1) ^ Math.imul(keyB[j] ^ 0x7f4a7c15, 0x85ebca77);
      h ^= h >>> 15;
      let i = h & mask;
      while (this.stamp[i] === this.gen) i = (i + 1) & mask;
      this.stamp[i] = this.gen;
      this.keyA[i] = keyA[j];
      this.keyB[i] = keyB[j];
      this.val[i] = val[j];
    }
  }

  intern(a: number, b: number): number {
    let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b ^ 0x7f4a7c15, 0x85ebca77);
    h ^= h >>> 15;
    const mask = this.mask;
    const stamp = this.stamp;
    const gen = this.gen;
    let i = h & mask;
    for (;;) {
      if (stamp[i] !== gen) {
        stamp[i] = gen;
        this.keyA[i] = a;
        this.keyB[i] = b;
        const id = this.size++;
        this.val[i] = id;
        if (this.size * 2 > mask) this.grow();
        return id;
      }
      if (this.keyA[i] === a && this.keyB[i] === b) return this.val[i];
      i = (i + 1) & mask;
    }
  }
}

/** Entries of the direct-address table (≥ 0x10000 so that every BMP code point fits). */
const DIRECT_SIZE = 1 << 17;

/**
 * The unit sequences of one segment, laid end to end: sequence 0 is the
 * hypothesis, 1..k the references. `ids[p]` holds the id of the n-gram of the
 * current order starting at p, valid for p ≤ end(seq) − n.
 */
export class NgramLevels {
  units = new Int32Array(256);
  ids = new Int32Array(256);
  private first = new Int32Array(256);
  /** starts[s]..ends[s] is sequence s. */
  starts = new Int32Array(8);
  ends = new Int32Array(8);
  count = 0;
  length = 0;
  order = 0;
  private readonly table = new PairTable();
  /**
   * Direct-address table shared by order 1 (BMP code points) and small pair
   * spaces; an entry is valid when its stamp is the current generation.
   */
  private readonly directStamp = new Int32Array(DIRECT_SIZE);
  private readonly directVal = new Int32Array(DIRECT_SIZE);
  private gen = 0;
  private astralIds: number[] = [];
  private distinctFirst = 0;
  private distinctPrev = 0;
  private cnt = new Int32Array(256);
  // Ids shared by both sequences, per order parity (see nextPairMatches).
  private aliveA = new Int32Array(256);
  private aliveB = new Int32Array(256);
  private aliveStamp = 0;

  clear(): void {
    this.count = 0;
    this.length = 0;
    this.order = 0;
  }

  private reserve(extra: number): void {
    const need = this.length + extra;
    if (need > this.units.length) {
      let size = this.units.length;
      while (size < need) size *= 2;
      const u = new Int32Array(size);
      u.set(this.units.subarray(0, this.length));
      this.units = u;
      this.ids = new Int32Array(size);
      this.first = new Int32Array(size);
    }
    if (this.count + 1 > this.starts.length) {
      const s = new Int32Array(this.starts.length * 2);
      s.set(this.starts);
      this.starts = s;
      const e = new Int32Array(this.ends.length * 2);
      e.set(this.ends);
      this.ends = e;
    }
  }

  /** Appends the interned tokens of `spans` as one sequence. */
  addSpans(spans: TokenSpans, interner: SpanInterner): void {
    const count = spans.count;
    this.reserve(count);
    const start = this.length;
    const u = this.units;
    const text = spans.text;
    for (let k = 0; k < count; k++) u[start + k] = interner.id(text, spans.starts[k], spans.ends[k]);
    this.commit(start + count);
  }

  /** Reserves space for a sequence that the caller fills via `units` (then calls `commit`). */
  begin(maxLength: number): number {
    this.reserve(maxLength);
    return this.length;
  }

  commit(end: number): void {
    this.starts[this.count] = this.length;
    this.ends[this.count] = end;
    this.count++;
    this.length = end;
  }

  /**
   * Advances to the next order; returns how many distinct n-grams it has.
   * `denseUnits`: the units already are ids 0..denseUnits−1 (order 1 needs no interning).
   */
  next(denseUnits?: number): number {
    const n = ++this.order;
    const ids = this.ids;
    const first = this.first;
    const length = this.length;
    let size: number;
    if (n === 1) {
      const u = this.units;
      if (denseUnits !== undefined) {
        first.set(u.subarray(0, length));
        ids.set(u.subarray(0, length));
        size = denseUnits;
      } else {
        // BMP units through a direct table, others through the hash table.
        const gen = this.nextGen();
        const stamp = this.directStamp;
        const val = this.directVal;
        const table = this.table;
        table.reset(8);
        let astral = 0;
        size = 0;
        for (let p = 0; p < length; p++) {
          const c = u[p];
          let id: number;
          if (c < 0x10000) {
            if (stamp[c] === gen) id = val[c];
            else {
              stamp[c] = gen;
              val[c] = id = size++;
            }
          } else {
            const j = table.intern(c, 0);
            if (j === astral) {
              this.astralIds[astral++] = size++;
            }
            id = this.astralIds[j];
          }
          first[p] = ids[p] = id;
        }
      }
      this.distinctFirst = size;
    } else if (this.distinctPrev * this.distinctFirst <= DIRECT_SIZE) {
      // Pair (a, b) → slot a·D1 + b of the direct table: no hashing.
      const gen = this.nextGen();
      const stamp = this.directStamp;
      const val = this.directVal;
      const d1 = this.distinctFirst;
      size = 0;
      for (let s = 0; s < this.count; s++) {
        const last = this.ends[s] - n;
        for (let p = this.starts[s]; p <= last; p++) {
          const prev = ids[p];
          if (prev < 0) continue;
          const slot = prev * d1 + first[p + n - 1];
          if (stamp[slot] === gen) ids[p] = val[slot];
          else {
            stamp[slot] = gen;
            val[slot] = ids[p] = size++;
          }
        }
      }
    } else {
      const table = this.table;
      table.reset(length);
      for (let s = 0; s < this.count; s++) {
        const last = this.ends[s] - n;
        for (let p = this.starts[s]; p <= last; p++) {
          const prev = ids[p];
          if (prev >= 0) ids[p] = table.intern(prev, first[p + n - 1]);
        }
      }
      size = table.size;
    }
    this.distinctPrev = size;
    return size;
  }

  /**
   * `next()` for a segment with one reference (sequences 0 and 1), fused
   * with matching: returns Σ over n-grams of min(hyp count, ref count).
   * N-grams whose (n−1)-gram prefix was not in both sequences are skipped
   * (id −1): they cannot match. Only valid when every order goes through here.
   */
  nextPairMatches(denseUnits?: number): number {
    const n = this.order + 1;
    if (n === 1 || this.distinctPrev * this.distinctFirst > DIRECT_SIZE) {
      // Order 1, or too many pairs for the direct table: intern, then count.
      if (n === 1) this.next(denseUnits);
      else this.nextPairHashed(n);
      return this.matchPair();
    }
    // Intern and match in one pass over each sequence: the hypothesis (s = 0)
    // counts its n-grams, the reference (s = 1) consumes those counts.
    this.order = n;
    this.ensureCounts();
    const ids = this.ids;
    const first = this.first;
    const alivePrev = n % 2 === 0 ? this.aliveA : this.aliveB;
    const alive = n % 2 === 0 ? this.aliveB : this.aliveA;
    const stampPrev = this.aliveStamp;
    const stamp = ++this.aliveStamp;
    const cnt = this.cnt;
    const gen = this.nextGen();
    const dStamp = this.directStamp;
    const dVal = this.directVal;
    const d1 = this.distinctFirst;
    let size = 0;
    let hypDistinct = 0;
    let match = 0;
    for (let s = 0; s < 2; s++) {
      const last = this.ends[s] - n;
      for (let p = this.starts[s]; p <= last; p++) {
        const prev = ids[p];
        if (prev < 0 || alivePrev[prev] !== stampPrev) {
          ids[p] = -1;
          continue;
        }
        const slot = prev * d1 + first[p + n - 1];
        let id: number;
        if (dStamp[slot] === gen) id = dVal[slot];
        else {
          dStamp[slot] = gen;
          dVal[slot] = id = size++;
        }
        ids[p] = id;
        if (s === 0) cnt[id]++;
        else if (id < hypDistinct) {
          alive[id] = stamp;
          if (cnt[id] > 0) {
            cnt[id]--;
            match++;
          }
        }
      }
      // Ids are numbered in order of first occurrence, so the hypothesis's are < hypDistinct.
      if (s === 0) hypDistinct = size;
    }
    cnt.fill(0, 0, hypDistinct);
    this.distinctPrev = size;
    return match;
  }

  /** Order n ≥ 2 for sequences 0 and 1 through the hash table, skipping dead prefixes. */
  private nextPairHashed(n: number): void {
    this.order = n;
    const ids = this.ids;
    const first = this.first;
    const alivePrev = n % 2 === 0 ? this.aliveA : this.aliveB;
    const stampPrev = this.aliveStamp;
    const table = this.table;
    table.reset(this.length);
    for (let s = 0; s < 2; s++) {
      const last = this.ends[s] - n;
      for (let p = this.starts[s]; p <= last; p++) {
        const prev = ids[p];
        if (prev < 0 || alivePrev[prev] !== stampPrev) ids[p] = -1;
        else ids[p] = table.intern(prev, first[p + n - 1]);
      }
    }
    this.distinctPrev = table.size;
  }

  private ensureCounts(): void {
    if (this.cnt.length < this.length) {
      this.cnt = new Int32Array(this.length * 2);
      this.aliveA = new Int32Array(this.length * 2);
      this.aliveB = new Int32Array(this.length * 2);
    }
  }

  /** Matches between sequences 0 and 1 at the current order; marks shared ids alive. */
  private matchPair(): number {
    const n = this.order;
    const ids = this.ids;
    this.ensureCounts();
    const cnt = this.cnt;
    const alive = n % 2 === 1 ? this.aliveA : this.aliveB;
    const stamp = ++this.aliveStamp;
    const hypEnd = this.ends[0] - n + 1;
    // Ids are numbered in order of first occurrence, hypothesis first, so an
    // id seen in the hypothesis is < hypDistinct.
    let hypDistinct = 0;
    for (let p = 0; p < hypEnd; p++) {
      const id = ids[p];
      if (id >= 0) {
        cnt[id]++;
        if (id >= hypDistinct) hypDistinct = id + 1;
      }
    }
    let match = 0;
    const last = this.ends[1] - n;
    for (let p = this.starts[1]; p <= last; p++) {
      const id = ids[p];
      if (id >= 0 && id < hypDistinct) {
        alive[id] = stamp;
        if (cnt[id] > 0) {
          cnt[id]--;
          match++;
        }
      }
    }
    cnt.fill(0, 0, hypDistinct);
    return match;
  }

  private nextGen(): number {
    if (++this.gen === 0x7fffffff) {
      this.directStamp.fill(0);
      this.gen = 1;
    }
    return this.gen;
  }

  /**
   * Marks as dead (id −1) the n-grams of the current order whose id is not
   * marked with `stamp`: their extensions are skipped by later orders. Used to
   * drop n-grams that cannot match because one side lacks them.
   */
  prune(mark: Int32Array, stamp: number): void {
    const ids = this.ids;
    const n = this.order;
    for (let s = 0; s < this.count; s++) {
      const last = this.ends[s] - n;
      for (let p = this.starts[s]; p <= last; p++) {
        const id = ids[p];
        if (id >= 0 && mark[id] !== stamp) ids[p] = -1;
      }
    }
  }

  /** Number of n-grams of order n (default: the current order) in sequence s. */
  total(s: number, n = this.order): number {
    const t = this.ends[s] - this.starts[s] - n + 1;
    return t > 0 ? t : 0;
  }
}
