/**
 * A deliberately literal transcription of sacreBLEU 2.6.0's `lib_ter.py`
 * (string words, trie cache, Python tuple ordering, no pruning), used only to
 * cross-check the optimised implementation on random inputs.
 */
const MAX_SHIFT_SIZE = 10;
const MAX_SHIFT_DIST = 50;
const BEAM_WIDTH = 25;
const MAX_CACHE_SIZE = 10000;
const MAX_SHIFT_CANDIDATES = 1000;
const INT_INFINITY = 1e16;

type Cell = [number, string];
interface Node {
  children: Map<string, [Node, Cell[]]>;
}

class BeamEditDistance {
  private readonly ref: string[];
  private readonly initialRow: Cell[];
  private readonly emptyRow: Cell[];
  private readonly cache: Node = { children: new Map() };
  private cacheSize = 0;

  constructor(ref: string[]) {
    this.ref = ref;
    this.initialRow = Array.from({ length: ref.length + 1 }, (_, i): Cell => [i, 'i']);
    this.emptyRow = Array.from({ length: ref.length + 1 }, (): Cell => [INT_INFINITY, 'x']);
  }

  call(hyp: string[]): [number, string] {
    const [start, dist] = this.findCache(hyp);
    const [ed, newRows, trace] = this.editDistance(hyp, start, dist);
    this.addCache(hyp, newRows);
    return [ed, trace];
  }

  private editDistance(h: string[], startH: number, cache: Cell[][]): [number, Cell[][], string] {
    const nH = h.length;
    const nR = this.ref.length;
    const dist: Cell[][] = [...cache];
    for (let k = 0; k < nH - startH; k++) dist.push(this.emptyRow.map((c): Cell => [c[0], c[1]]));
    const ratio = h.length > 0 ? nR / nH : 1;
    const beam = BEAM_WIDTH < ratio / 2 ? Math.ceil(ratio / 2 + BEAM_WIDTH) : BEAM_WIDTH;
    for (let i = startH + 1; i <= nH; i++) {
      const diag = Math.floor(i * ratio);
      const minJ = Math.max(0, diag - beam);
      let maxJ = Math.min(nR + 1, diag + beam);
      if (i === nH) maxJ = nR + 1;
      for (let j = minJ; j < maxJ; j++) {
        if (j === 0) dist[i][j] = [dist[i - 1][j][0] + 1, 'd'];
        else {
          const same = h[i - 1] === this.ref[j - 1];
          const ops: Cell[] = [
            [dist[i - 1][j - 1][0] + (same ? 0 : 1), same ? ' ' : 's'],
            [dist[i - 1][j][0] + 1, 'd'],
            [dist[i][j - 1][0] + 1, 'i'],
          ];
          for (const [cost, name] of ops) if (dist[i][j][0] > cost) dist[i][j] = [cost, name];
        }
      }
    }
    let trace = '';
    let i = nH;
    let j = nR;
    while (i > 0 || j > 0) {
      const op = dist[i][j][1];
      trace = op + trace;
      if (op === 's' || op === ' ') {
        i--;
        j--;
      } else if (op === 'i') j--;
      else if (op === 'd') i--;
      else throw new Error(`unknown operation ${op}`);
    }
    return [dist[dist.length - 1][nR][0], dist.slice(cache.length), trace];
  }

  private addCache(hyp: string[], mat: Cell[][]): void {
    if (this.cacheSize >= MAX_CACHE_SIZE) return;
    let node = this.cache;
    const skip = hyp.length - mat.length;
    for (let i = 0; i < skip; i++) node = node.children.get(hyp[i])![0];
    for (let k = 0; k < mat.length; k++) {
      const word = hyp[skip + k];
      if (!node.children.has(word)) {
        node.children.set(word, [{ children: new Map() }, mat[k]]);
        this.cacheSize++;
      }
      node = node.children.get(word)![0];
    }
  }

  private findCache(hyp: string[]): [number, Cell[][]] {
    let node = this.cache;
    let start = 0;
    const dist: Cell[][] = [this.initialRow];
    for (const word of hyp) {
      const hit = node.children.get(word);
      if (!hit) break;
      start++;
      node = hit[0];
      dist.push(hit[1]);
    }
    return [start, dist];
  }
}

function flip(trace: string): string {
  return trace.replace(/[id]/g, (c) => (c === 'i' ? 'd' : 'i'));
}

function traceToAlignment(trace: string): [Map<number, number>, number[], number[]] {
  let posHyp = -1;
  let posRef = -1;
  const hypErr: number[] = [];
  const refErr: number[] = [];
  const align = new Map<number, number>();
  for (const op of trace) {
    if (op === ' ' || op === 's') {
      posHyp++;
      posRef++;
      align.set(posRef, posHyp);
      hypErr.push(op === ' ' ? 0 : 1);
      refErr.push(op === ' ' ? 0 : 1);
    } else if (op === 'i') {
      posHyp++;
      hypErr.push(1);
    } else if (op === 'd') {
      posRef++;
      align.set(posRef, posHyp);
      refErr.push(1);
    } else throw new Error(`unknown operation ${op}`);
  }
  return [align, refErr, hypErr];
}

function* findShiftedPairs(h: string[], r: string[]): Generator<[number, number, number]> {
  for (let sh = 0; sh < h.length; sh++) {
    for (let sr = 0; sr < r.length; sr++) {
      if (Math.abs(sr - sh) > MAX_SHIFT_DIST) continue;
      let length = 0;
      while (h[sh + length] === r[sr + length] && length < MAX_SHIFT_SIZE) {
        length++;
        yield [sh, sr, length];
        if (h.length === sh + length || r.length === sr + length) break;
      }
    }
  }
}

function performShift(words: string[], start: number, length: number, target: number): string[] {
  const s = (a: number, b?: number): string[] => words.slice(a, b);
  if (target < start) return [...s(0, target), ...s(start, start + length), ...s(target, start), ...s(start + length)];
  if (target > start + length) {
    return [...s(0, start), ...s(start + length, target), ...s(start, start + length), ...s(target)];
  }
  return [...s(0, start), ...s(start + length, length + target), ...s(start, start + length), ...s(length + target)];
}

/** Python tuple comparison on the numeric part (equal numeric parts mean identical shifts). */
function greater(a: number[], b: number[]): boolean {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k] > b[k];
  return false;
}

function shift(h: string[], r: string[], ed: BeamEditDistance, checked: number): [number, string[], number] {
  const [pre, invTrace] = ed.call(h);
  const [align, refErr, hypErr] = traceToAlignment(flip(invTrace));
  let best: { key: number[]; words: string[] } | undefined;
  const sum = (xs: number[], a: number, b: number): number => xs.slice(a, b).reduce((x, y) => x + y, 0);
  for (const [sh, sr, length] of findShiftedPairs(h, r)) {
    if (sum(hypErr, sh, sh + length) === 0) continue;
    if (sum(refErr, sr, sr + length) === 0) continue;
    const a = align.get(sr)!;
    if (sh <= a && a < sh + length) continue;
    let prevIdx = -1;
    for (let offset = -1; offset < length; offset++) {
      let idx: number;
      if (sr + offset === -1) idx = 0;
      else if (align.has(sr + offset)) idx = align.get(sr + offset)! + 1;
      else break;
      if (idx === prevIdx) continue;
      prevIdx = idx;
      const shifted = performShift(h, sh, length, idx);
      const key = [pre - ed.call(shifted)[0], length, -sh, -idx];
      checked++;
      if (!best || greater(key, best.key)) best = { key, words: shifted };
    }
    if (checked >= MAX_SHIFT_CANDIDATES) break;
  }
  if (!best) return [0, h, checked];
  return [best.key[0], best.words, checked];
}

export function referenceTranslationEditRate(hyp: string[], ref: string[]): [number, number] {
  if (ref.length === 0) return [hyp.length, 0];
  const ed = new BeamEditDistance(ref);
  let shifts = 0;
  let words = hyp;
  let checked = 0;
  for (;;) {
    let delta: number;
    let next: string[];
    [delta, next, checked] = shift(words, ref, ed, checked);
    if (checked >= MAX_SHIFT_CANDIDATES) break;
    if (delta <= 0) break;
    shifts++;
    words = next;
  }
  const [d] = ed.call(words);
  return [shifts + d, ref.length];
}
