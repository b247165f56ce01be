/**
 * Tokens as [start, end) spans of one string, and a per-segment interner that
 * turns spans into small dense ids. Hot paths use these instead of token
 * strings: no substring allocation, and equality by id.
 */

export class TokenSpans {
  text = '';
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  count = 0;

  reset(text: string): void {
    this.text = text;
    this.count = 0;
  }

  push(start: number, end: number): void {
    if (this.count === this.starts.length) {
      const s = new Int32Array(this.count * 2);
      s.set(this.starts);
      this.starts = s;
      const e = new Int32Array(this.count * 2);
      e.set(this.ends);
      this.ends = e;
    }
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.count++;
  }

  toArray(): string[] {
    const out = new Array<string>(this.count);
    for (let k = 0; k < this.count; k++) out[k] = this.text.slice(this.starts[k], this.ends[k]);
    return out;
  }
}

/** Interns spans (compared by content) into ids 0, 1, 2, … until the next `reset`. */
export class SpanInterner {
  private slots = new Int32Array(256); // entry + 1; 0 = empty
  private stamp = new Uint32Array(256);
  private gen = 1;
  private mask = 255;
  private texts: string[] = [];
  private starts = new Int32Array(128);
  private lens = new Int32Array(128);
  private hashes = new Int32Array(128);
  size = 0;

  reset(): void {
    this.size = 0;
    if (++this.gen === 0xffffffff) {
      this.stamp.fill(0);
      this.gen = 1;
    }
  }

  id(text: string, start: number, end: number): number {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    h ^= h >>> 16;
    const len = end - start;
    const mask = this.mask;
    let slot = h & mask;
    for (;;) {
      if (this.stamp[slot] !== this.gen) break;
      const e = this.slots[slot] - 1;
      if (this.hashes[e] === h && this.lens[e] === len) {
        const t = this.texts[e];
        const s = this.starts[e];
        let k = 0;
        while (k < len && t.charCodeAt(s + k) === text.charCodeAt(start + k)) k++;
        if (k === len) return e;
      }
      slot = (slot + 1) & mask;
    }
    const e = this.size++;
    if (e === this.starts.length) this.growEntries();
    this.texts[e] = text;
    this.starts[e] = start;
    this.lens[e] = len;
    this.hashes[e] = h;
    this.stamp[slot] = this.gen;
    this.slots[slot] = e + 1;
    if (this.size * 2 > mask) this.rehash();
    return e;
  }

  private growEntries(): void {
    const n = this.starts.length * 2;
    const s = new Int32Array(n);
    s.set(this.starts);
    this.starts = s;
    const l = new Int32Array(n);
    l.set(this.lens);
    this.lens = l;
    const h = new Int32Array(n);
    h.set(this.hashes);
    this.hashes = h;
  }

  private rehash(): void {
    const cap = (this.mask + 1) * 2;
    this.slots = new Int32Array(cap);
    this.stamp = new Uint32Array(cap);
    this.mask = cap - 1;
    this.gen = 1;
    for (let e = 0; e < this.size; e++) {
      let slot = this.hashes[e] & this.mask;
      while (this.stamp[slot] === 1) slot = (slot + 1) & this.mask;
      this.stamp[slot] = 1;
      this.slots[slot] = e + 1;
    }
  }

  /** Drops string references so that segment texts can be collected. */
  release(): void {
    this.texts.length = 0;
  }
}
