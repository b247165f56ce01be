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

/**
 * Edit distances between a fixed reference and hypotheses of one fixed
 * length. One instance is reused across segments (`init`), so its buffers
 * are only reallocated when a longer segment comes along.
 */
class BeamEditDistance {
  private ref: Int32Array = new Int32Array(0);
  private nRef = 0;
  private width = 0;
  nHyp = 0;
  /** Rows of the current base hypothesis: (nHyp+1) × (nRef+1). */
  cost = new Int32Array(0);
  op = new Uint8Array(0);
  private baseWords = new Int32Array(0);
  private baseValid = 0; // rows 0..baseValid-1 are valid for baseWords
  private rowA = new Int32Array(0);
  private rowB = new Int32Array(0);
  private lo = new Int32Array(0);
  private hi = new Int32Array(0);

  init(ref: Int32Array, nHyp: number): void {
    const nRef = ref.length;
    const width = nRef + 1;
    this.ref = ref;
    this.nRef = nRef;
    this.width = width;
    this.nHyp = nHyp;
    this.baseValid = 0;
    const cells = (nHyp + 1) * width;
    if (this.cost.length < cells) {
      this.cost = new Int32Array(cells * 2);
      this.op = new Uint8Array(cells * 2);
    }
    if (this.baseWords.length < nHyp) this.baseWords = new Int32Array(nHyp * 2);
    if (this.rowA.length < width) {
      this.rowA = new Int32Array(width * 2);
      this.rowB = new Int32Array(width * 2);
    }
    if (this.lo.length < nHyp + 1) {
      this.lo = new Int32Array((nHyp + 1) * 2);
      this.hi = new Int32Array((nHyp + 1) * 2);
    }
    // Beam bounds per row, as sacreBLEU computes them.
    const ratio = nHyp > 0 ? nRef / nHyp : 1;
    const beam = BEAM_WIDTH < ratio / 2 ? Math.ceil(ratio / 2 + BEAM_WIDTH) : BEAM_WIDTH;
    this.lo[0] = 0;
    this.hi[0] = width;
    for (let i = 1; i <= nHyp; i++) {
      const diag = Math.floor(i * ratio);
      this.lo[i] = Math.max(0, diag - beam);
      this.hi[i] = i === nHyp ? width : Math.min(width, diag + beam);
    }
    for (let j = 0; j < width; j++) {
      this.cost[j] = j;
      this.op[j] = OP_INS;
    }
  }

  /** Sets the base hypothesis and fills its rows (reusing the common prefix); returns its distance. */
  setBase(words: Int32Array): number {
    let same = 0;
    const limit = Math.min(this.baseValid - 1, this.nHyp);
    while (same < limit && this.baseWords[same] === words[same]) same++;
    for (let k = same; k < this.nHyp; k++) this.baseWords[k] = words[k];
    const { cost, op, ref, width } = this;
    for (let i = same + 1; i <= this.nHyp; i++) {
      const row = i * width;
      const prev = row - width;
      const lo = this.lo[i];
      const hi = this.hi[i];
      // Outside the beam: INF / undefined, as sacreBLEU's fresh rows.
      for (let j = 0; j < lo; j++) {
        cost[row + j] = INF;
        op[row + j] = OP_UNDEF;
      }
      for (let j = hi; j < width; j++) {
        cost[row + j] = INF;
        op[row + j] = OP_UNDEF;
      }
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
    const cost = this.cost;
    for (let j = 0, o = from * width; j < width; j++) prev[j] = cost[o + j];
    for (let i = from + 1; i <= nHyp; i++) {
      const lo = this.lo[i];
      const hi = this.hi[i];
      const w = words[i - 1];
      // The cells this row and the next one read outside this row's beam must be INF.
      if (lo > 0) cur[lo - 1] = INF;
      if (i < nHyp) for (let j = hi, end = this.hi[i + 1]; j < end; j++) cur[j] = INF;
      const rowsLeft = nHyp - i;
      let bound = INF;
      let j = lo;
      let left: number; // cur[j − 1]
      let diag: number; // prev[j − 1]
      if (j === 0) {
        left = prev[0] + 1; // assigned unconditionally, as in sacreBLEU
        cur[0] = left;
        diag = prev[0];
        bound = left + Math.abs(rowsLeft - nRef);
        j = 1;
      } else {
        left = cur[j - 1];
        diag = prev[j - 1];
      }
      for (; j < hi; j++) {
        const up = prev[j];
        // min(INF, sub, del, ins): sacreBLEU only replaces INF by a smaller cost.
        const c = Math.min(diag + (w === ref[j - 1] ? 0 : 1), up + 1, left + 1, INF);
        cur[j] = c;
        // Any path through (i, j) still needs |rows left − columns left| edits.
        const lb = c + Math.abs(rowsLeft - (nRef - j));
        if (lb < bound) bound = lb;
        left = c;
        diag = up;
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

function copyRange(words: Int32Array, n: number, a: number, b: number, out: Int32Array, k: number): number {
  if (b > n) b = n;
  for (let p = a; p < b; p++) out[k++] = words[p];
  return k;
}

/** sacreBLEU's `_perform_shift` (with Python slice clamping) on the first n words. */
function performShift(words: Int32Array, n: number, start: number, length: number, target: number, out: Int32Array): void {
  let k = 0;
  if (target < start) {
    k = copyRange(words, n, 0, target, out, k);
    k = copyRange(words, n, start, start + length, out, k);
    k = copyRange(words, n, target, start, out, k);
    copyRange(words, n, start + length, n, out, k);
  } else if (target > start + length) {
    k = copyRange(words, n, 0, start, out, k);
    k = copyRange(words, n, start + length, target, out, k);
    k = copyRange(words, n, start, start + length, out, k);
    copyRange(words, n, target, n, out, k);
  } else {
    k = copyRange(words, n, 0, start, out, k);
    k = copyRange(words, n, start + length, length + target, out, k);
    k = copyRange(words, n, start, start + length, out, k);
    copyRange(words, n, length + target, n, out, k);
  }
}

/** Buffers reused across calls (segments are processed one at a time). */
const ed = new BeamEditDistance();
let bufWords = new Int32Array(64);
let bufShifted = new Int32Array(64);
let bufBest = new Int32Array(64);
let bufHypErr = new Uint8Array(64);
let bufAlign = new Int32Array(64);
let bufRefErr = new Uint8Array(64);
let bufFirstPos = new Int32Array(64);
let bufNextPos = new Int32Array(64);

/** sacreBLEU's `translation_edit_rate`: [number of edits, reference length]. */
export function translationEditRate(hyp: Int32Array, ref: Int32Array): [number, number] {
  const nHyp = hyp.length;
  const nRef = ref.length;
  if (nRef === 0) return [nHyp, 0];

  ed.init(ref, nHyp);
  if (bufWords.length < nHyp) {
    bufWords = new Int32Array(nHyp * 2);
    bufShifted = new Int32Array(nHyp * 2);
    bufBest = new Int32Array(nHyp * 2);
    bufHypErr = new Uint8Array(nHyp * 2);
  }
  if (bufAlign.length < nRef) {
    bufAlign = new Int32Array(nRef * 2);
    bufRefErr = new Uint8Array(nRef * 2);
  }
  let words = bufWords;
  let shifted = bufShifted;
  let bestWords = bufBest;
  for (let k = 0; k < nHyp; k++) words[k] = hyp[k];
  const align = bufAlign;
  const refErr = bufRefErr;
  const hypErr = bufHypErr;
  let shifts = 0;
  let checked = 0;

  // Reference positions of each word id, in increasing order (a linked list).
  let maxId = 0;
  let minId = 0;
  for (let k = 0; k < nRef; k++) {
    if (ref[k] > maxId) maxId = ref[k];
    if (ref[k] < minId) minId = ref[k];
  }
  const indexed = minId >= 0 && maxId < 1 << 16;
  if (indexed) {
    if (bufFirstPos.length <= maxId) bufFirstPos = new Int32Array((maxId + 1) * 2);
    if (bufNextPos.length < nRef) bufNextPos = new Int32Array(nRef * 2);
    bufFirstPos.fill(-1, 0, maxId + 1);
    for (let k = nRef - 1; k >= 0; k--) {
      bufNextPos[k] = bufFirstPos[ref[k]];
      bufFirstPos[ref[k]] = k;
    }
  }
  const firstPos = bufFirstPos;
  const nextPos = bufNextPos;

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
      // Only reference positions holding words[startH] can start a match (others yield nothing).
      const w0 = words[startH];
      let startR = indexed ? (w0 >= 0 && w0 <= maxId ? firstPos[w0] : -1) : rFrom;
      for (; startR >= 0 && startR <= rTo; startR = indexed ? nextPos[startR] : startR + 1) {
        if (startR < rFrom) continue;
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
              performShift(words, nHyp, startH, length, idx, shifted);
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
