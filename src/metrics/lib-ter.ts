/**
 * sacreBLEU's `lib_ter.py` (tercom-compatible TER): greedy shifts chosen by
 * a beam-restricted edit distance. Words are integer ids.
 *
 * Two things differ from sacreBLEU's code but not its results:
 * - Its prefix cache of edit-distance rows is replaced by reusing the rows
 *   of the current hypothesis for the common prefix of each shift candidate
 *   (rows depend only on the prefix, since all candidates have the same length).
 * - A candidate's edit distance is abandoned as soon as a lower bound shows it
 *   can no longer become the chosen shift. Only a shift that lowers the edit
 *   distance is ever applied, so candidates with gain ≤ 0, or that lose to
 *   the best one so far under sacreBLEU's ranking (gain, length, −start,
 *   −target), need no exact distance. The candidate counter still counts them.
 */

const MAX_SHIFT_SIZE = 10;
const MAX_SHIFT_DIST = 50;
const BEAM_WIDTH = 25;
const MAX_SHIFT_CANDIDATES = 1000;

// Larger than any distance; INF + 1 never beats INF, as with sacreBLEU's int(1e16).
const INF = 0x3fffffff;

const OP_NOP = 0;
const OP_SUB = 1;
const OP_INS = 2; // consumes a reference word
const OP_DEL = 3; // consumes a hypothesis word
const OP_UNDEF = 4;

/** Edit distances between a fixed reference and hypotheses of one fixed length. */
class BeamEditDistance {
  private readonly ref: Int32Array;
  private readonly nRef: number;
  private readonly width: number;
  readonly nHyp: number;
  private readonly ratio: number;
  private readonly beam: number;
  /** Rows of the current base hypothesis: (nHyp+1) × (nRef+1). */
  readonly cost: Int32Array;
  readonly op: Uint8Array;
  private baseWords: Int32Array;
  private baseValid = 0; // rows 0..baseValid-1 are valid for baseWords
  private rowA: Int32Array;
  private rowB: Int32Array;
  private readonly lo: Int32Array;
  private readonly hi: Int32Array;

  constructor(ref: Int32Array, nHyp: number) {
    this.ref = ref;
    this.nRef = ref.length;
    this.width = ref.length + 1;
    this.nHyp = nHyp;
    this.ratio = nHyp > 0 ? this.nRef / nHyp : 1;
    this.beam = BEAM_WIDTH < this.ratio / 2 ? Math.ceil(this.ratio / 2 + BEAM_WIDTH) : BEAM_WIDTH;
    this.cost = new Int32Array((nHyp + 1) * this.width);
    this.op = new Uint8Array((nHyp + 1) * this.width);
    this.baseWords = new Int32Array(nHyp);
    this.rowA = new Int32Array(this.width);
    this.rowB = new Int32Array(this.width);
    // Beam bounds per row, as sacreBLEU computes them.
    this.lo = new Int32Array(nHyp + 1);
    this.hi = new Int32Array(nHyp + 1);
    this.lo[0] = 0;
    this.hi[0] = this.width;
    for (let i = 1; i <= nHyp; i++) {
      const diag = Math.floor(i * this.ratio);
      this.lo[i] = Math.max(0, diag - this.beam);
      this.hi[i] = i === nHyp ? this.width : Math.min(this.width, diag + this.beam);
    }
    for (let j = 0; j < this.width; j++) {
      this.cost[j] = j;
      this.op[j] = OP_INS;
    }
  }

  /** Sets the base hypothesis and fills its rows (reusing the common prefix); returns its distance. */
  setBase(words: Int32Array): number {
    let same = 0;
    const limit = Math.min(this.baseValid - 1, this.nHyp);
    while (same < limit && this.baseWords[same] === words[same]) same++;
    this.baseWords.set(words);
    const { cost, op, ref, width } = this;
    for (let i = same + 1; i <= this.nHyp; i++) {
      const row = i * width;
      const prev = row - width;
      const lo = this.lo[i];
      const hi = this.hi[i];
      cost.fill(INF, row, row + width);
      op.fill(OP_UNDEF, row, row + width);
      const w = words[i - 1];
      for (let j = lo; j < hi; j++) {
        if (j === 0) {
          cost[row] = cost[prev] + 1;
          op[row] = OP_DEL;
          continue;
        }
        let c = INF;
        let o = OP_UNDEF;
        const sub = cost[prev + j - 1] + (w === ref[j - 1] ? 0 : 1);
        if (c > sub) {
          c = sub;
          o = w === ref[j - 1] ? OP_NOP : OP_SUB;
        }
        const del = cost[prev + j] + 1;
        if (c > del) {
          c = del;
          o = OP_DEL;
        }
        const ins = cost[row + j - 1] + 1;
        if (c > ins) {
          c = ins;
          o = OP_INS;
        }
        cost[row + j] = c;
        op[row + j] = o;
      }
    }
    this.baseValid = this.nHyp + 1;
    return cost[this.nHyp * width + this.nRef];
  }

  /**
   * Distance of `words`, which equals the base hypothesis before `from`.
   * Returns −1 as soon as the distance is provably > `limit`.
   */
  distance(words: Int32Array, from: number, limit: number): number {
    if (limit < 0) return -1;
    const { ref, width, nHyp, nRef } = this;
    let prev = this.rowA;
    let cur = this.rowB;
    prev.set(this.cost.subarray(from * width, from * width + width));
    for (let i = from + 1; i <= nHyp; i++) {
      const lo = this.lo[i];
      const hi = this.hi[i];
      const w = words[i - 1];
      // The cells this row and the next one read outside this row's beam must be INF.
      if (lo > 0) cur[lo - 1] = INF;
      if (i < nHyp) cur.fill(INF, hi, this.hi[i + 1]);
      const left = nHyp - i;
      let bound = INF;
      for (let j = lo; j < hi; j++) {
        let c: number;
        if (j === 0) c = prev[0] + 1; // assigned unconditionally, as in sacreBLEU
        else {
          c = prev[j - 1] + (w === ref[j - 1] ? 0 : 1);
          const del = prev[j] + 1;
          if (del < c) c = del;
          const ins = cur[j - 1] + 1;
          if (ins < c) c = ins;
          if (c > INF) c = INF;
        }
        cur[j] = c;
        // Any path through (i, j) still needs |rows left − columns left| edits.
        const rest = left - (nRef - j);
        const lb = c + (rest < 0 ? -rest : rest);
        if (lb < bound) bound = lb;
      }
      if (bound > limit) return -1;
      const t = prev;
      prev = cur;
      cur = t;
    }
    const d = prev[nRef];
    return d > limit ? -1 : d;
  }

  /**
   * Alignment of the base hypothesis, from its trace flipped as sacreBLEU
   * does (reading it as rewriting the reference into the hypothesis).
   */
  alignment(align: Int32Array, refErr: Uint8Array, hypErr: Uint8Array): void {
    const { op, width } = this;
    // Walk back from the end, collecting ops; then replay them forwards.
    const trace: number[] = [];
    let i = this.nHyp;
    let j = this.nRef;
    while (i > 0 || j > 0) {
      const o = op[i * width + j];
      trace.push(o);
      if (o === OP_SUB || o === OP_NOP) {
        i--;
        j--;
      } else if (o === OP_INS) j--;
      else if (o === OP_DEL) i--;
      else throw new Error(`TER: undefined edit operation at (${i}, ${j})`);
    }
    let posHyp = -1;
    let posRef = -1;
    for (let k = trace.length - 1; k >= 0; k--) {
      const o = trace[k];
      if (o === OP_NOP || o === OP_SUB) {
        posHyp++;
        posRef++;
        align[posRef] = posHyp;
        hypErr[posHyp] = o;
        refErr[posRef] = o;
      } else if (o === OP_DEL) {
        // flipped to an insertion: a hypothesis word with no reference word
        posHyp++;
        hypErr[posHyp] = 1;
      } else {
        // flipped to a deletion: a reference word with no hypothesis word
        posRef++;
        align[posRef] = posHyp;
        refErr[posRef] = 1;
      }
    }
  }
}

/** sacreBLEU's `_perform_shift`, with Python slice clamping. */
function performShift(words: Int32Array, start: number, length: number, target: number, out: Int32Array): void {
  const n = words.length;
  let k = 0;
  const copy = (a: number, b: number): void => {
    if (b > n) b = n;
    for (let p = a; p < b; p++) out[k++] = words[p];
  };
  if (target < start) {
    copy(0, target);
    copy(start, start + length);
    copy(target, start);
    copy(start + length, n);
  } else if (target > start + length) {
    copy(0, start);
    copy(start + length, target);
    copy(start, start + length);
    copy(target, n);
  } else {
    copy(0, start);
    copy(start + length, length + target);
    copy(start, start + length);
    copy(length + target, n);
  }
}

/** sacreBLEU's `translation_edit_rate`: [number of edits, reference length]. */
export function translationEditRate(hyp: Int32Array, ref: Int32Array): [number, number] {
  const nHyp = hyp.length;
  const nRef = ref.length;
  if (nRef === 0) return [nHyp, 0];

  const ed = new BeamEditDistance(ref, nHyp);
  let words = Int32Array.from(hyp);
  let shifted = new Int32Array(nHyp);
  let bestWords = new Int32Array(nHyp);
  const align = new Int32Array(nRef);
  const refErr = new Uint8Array(nRef);
  const hypErr = new Uint8Array(nHyp);
  let shifts = 0;
  let checked = 0;

  for (;;) {
    // One call of sacreBLEU's `_shift`.
    const preScore = ed.setBase(words);
    ed.alignment(align, refErr, hypErr);

    let found = false;
    let bestGain = 0;
    let bestLen = 0;
    let bestStart = 0;
    let bestIdx = 0;

    outer: for (let startH = 0; startH < nHyp; startH++) {
      const rFrom = Math.max(0, startH - MAX_SHIFT_DIST);
      const rTo = Math.min(nRef - 1, startH + MAX_SHIFT_DIST);
      for (let startR = rFrom; startR <= rTo; startR++) {
        let length = 0;
        while (words[startH + length] === ref[startR + length] && length < MAX_SHIFT_SIZE) {
          length++;
          // (startH, startR, length) is one yielded candidate pair.
          let ok = false;
          for (let p = startH; p < startH + length; p++) if (hypErr[p] !== 0) ok = true;
          if (ok) {
            ok = false;
            for (let p = startR; p < startR + length; p++) if (refErr[p] !== 0) ok = true;
          }
          if (ok && startH <= align[startR] && align[startR] < startH + length) ok = false;
          if (ok) {
            let prevIdx = -1;
            for (let offset = -1; offset < length; offset++) {
              let idx: number;
              if (startR + offset === -1) idx = 0;
              else if (startR + offset < nRef) idx = align[startR + offset] + 1;
              else break;
              if (idx === prevIdx) continue;
              prevIdx = idx;
              checked++;
              // Needed gain: ≥ 1 to be applied at all; to replace the best it
              // must gain more, or as much and rank higher on (length, −start, −idx).
              let need = 1;
              if (found) {
                const ranksHigher =
                  length > bestLen ||
                  (length === bestLen && (-startH > -bestStart || (-startH === -bestStart && -idx > -bestIdx)));
                need = Math.max(need, ranksHigher ? bestGain : bestGain + 1);
              }
              performShift(words, startH, length, idx, shifted);
              let from = Math.min(startH, idx);
              while (from < nHyp && shifted[from] === words[from]) from++;
              if (from === nHyp) continue; // same words: gain 0
              const d = ed.distance(shifted, from, preScore - need);
              if (d < 0) continue;
              found = true;
              bestGain = preScore - d;
              bestLen = length;
              bestStart = startH;
              bestIdx = idx;
              const t = bestWords;
              bestWords = shifted;
              shifted = t;
            }
            if (checked >= MAX_SHIFT_CANDIDATES) break outer;
          }
          if (nHyp === startH + length || nRef === startR + length) break;
        }
      }
    }

    // sacreBLEU stops before applying a shift once the candidate budget is spent.
    if (checked >= MAX_SHIFT_CANDIDATES) return [shifts + preScore, nRef];
    if (!found) return [shifts + preScore, nRef];
    shifts++;
    const t = words;
    words = bestWords;
    bestWords = t;
  }
}
