/**
 * Exact n-gram identities for one segment (hypothesis + references) without
 * building n-gram strings: order-1 ids intern the units (token ids or code
 * points); the order-n id at position p interns the pair
 * (order-(n-1) id at p, order-1 id at p+n-1). Ids are dense per order
 * (0..count-1), so counting uses flat typed arrays. Equal ids ⇔ equal n-grams.
 */

/** Open-addressing (int, int) → dense id table, cleared in O(1) by generation stamps. */
export class PairTable {
  private keyA: Int32Array;
  private keyB: Int32Array;
  private val: Int32Array;
  private stamp: Uint32Array;
  private gen = 1;
  private mask: number;
  size = 0;

  constructor(capacity = 1024) {
    let cap = 16;
    while (cap < capacity) cap *= 2;
    this.keyA = new Int32Array(cap);
    this.keyB = new Int32Array(cap);
    this.val = new Int32Array(cap);
    this.stamp = new Uint32Array(cap);
    this.mask = cap - 1;
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
        return id;
      }
      if (this.keyA[i] === a && this.keyB[i] === b) return this.val[i];
      i = (i + 1) & mask;
    }
  }
}

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

  /** Appends one sequence of non-negative unit values. */
  add(values: ArrayLike<number>, n = values.length): void {
    this.reserve(n);
    const start = this.length;
    const u = this.units;
    for (let i = 0; i < n; i++) u[start + i] = values[i];
    this.starts[this.count] = start;
    this.ends[this.count] = start + n;
    this.count++;
    this.length = start + n;
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

  /** Advances to the next order; returns how many distinct n-grams it has. */
  next(): number {
    const n = ++this.order;
    const table = this.table;
    const ids = this.ids;
    table.reset(this.length);
    if (n === 1) {
      const u = this.units;
      const first = this.first;
      for (let p = 0; p < this.length; p++) first[p] = ids[p] = table.intern(u[p], 0);
    } else {
      const first = this.first;
      for (let s = 0; s < this.count; s++) {
        const last = this.ends[s] - n;
        for (let p = this.starts[s]; p <= last; p++) ids[p] = table.intern(ids[p], first[p + n - 1]);
      }
    }
    return table.size;
  }

  /** Number of n-grams of order n (default: the current order) in sequence s. */
  total(s: number, n = this.order): number {
    const t = this.ends[s] - this.starts[s] - n + 1;
    return t > 0 ? t : 0;
  }
}
