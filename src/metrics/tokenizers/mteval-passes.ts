/**
 * The four regex passes of sacreBLEU's `TokenizerRegexp` (shared by `13a` and
 * `zh`), simulated without regexes.
 *
 * Every pass only inserts spaces, so the text is kept as a sequence of units:
 * an index into the source string, or SEP for any run of whitespace (original
 * or inserted). A run of several spaces behaves exactly like one space in
 * these passes (a space only ever matches `[^0-9]`), so runs are collapsed.
 * Each pass scans 2-unit windows left to right and skips a window after a
 * match, which is what `re.sub` does for these fixed-width patterns.
 * Surrogate halves are plain "other" units, which yields the same output as
 * Python's code-point matching since every class in these patterns is ASCII.
 */
import { isPyWhitespace } from '../text.js';

const SEP = -1;

/** Char class of pass 1: `[\{-\~\[-\` -\&\(-\+\:-\@\/]` (space handled as SEP). */
function isPass1(c: number): boolean {
  return (
    (c >= 0x7b && c <= 0x7e) ||
    (c >= 0x5b && c <= 0x60) ||
    (c >= 0x21 && c <= 0x26) ||
    (c >= 0x28 && c <= 0x2b) ||
    (c >= 0x3a && c <= 0x40) ||
    c === 0x2f
  );
}

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isDotComma = (c: number): boolean => c === 0x2e || c === 0x2c;

let bufA = new Int32Array(1024);
let bufB = new Int32Array(1024);

function ensure(n: number): void {
  if (bufA.length < n) {
    let size = bufA.length;
    while (size < n) size *= 2;
    bufA = new Int32Array(size);
    bufB = new Int32Array(size);
  }
}

/**
 * Runs the passes on `s`, optionally wrapped in a space on both sides
 * (13a does `f' {line} '`), and optionally wrapping the code units selected
 * by `isolate` in spaces first (the `zh` tokenizer's per-character split).
 * Returns the tokens of `' '.join(result.split())`.
 */
export function mtevalTokens(s: string, pad: boolean, isolate?: (c: number) => boolean): string[] {
  const n = s.length;
  // Worst case per source unit: SEP c SEP, then each pass adds ≤ 2 units per match of 2.
  ensure(6 * n + 8);
  let src = bufA;
  let dst = bufB;
  let len = 0;
  const push = (u: number): void => {
    if (u === SEP && len > 0 && src[len - 1] === SEP) return;
    src[len++] = u;
  };
  if (pad) push(SEP);
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (isPyWhitespace(c)) push(SEP);
    else if (isPass1(c) || (isolate !== undefined && isolate(c))) {
      push(SEP);
      src[len++] = i;
      push(SEP);
    } else src[len++] = i;
  }
  if (pad) push(SEP);

  const code = (u: number): number => (u === SEP ? 0x20 : s.charCodeAt(u));

  // Pass 2: ([^0-9])([\.,]) -> '\1 \2 '
  let out = 0;
  for (let k = 0; k < len; ) {
    const u = src[k];
    if (k + 1 < len && !isDigit(code(u)) && src[k + 1] !== SEP && isDotComma(s.charCodeAt(src[k + 1]))) {
      if (!(u === SEP && out > 0 && dst[out - 1] === SEP)) dst[out++] = u;
      if (u !== SEP) dst[out++] = SEP;
      dst[out++] = src[k + 1];
      dst[out++] = SEP;
      k += 2;
    } else {
      if (!(u === SEP && out > 0 && dst[out - 1] === SEP)) dst[out++] = u;
      k++;
    }
  }
  len = out;
  [src, dst] = [dst, src];

  // Pass 3: ([\.,])([^0-9]) -> ' \1 \2'
  out = 0;
  for (let k = 0; k < len; ) {
    const u = src[k];
    if (k + 1 < len && u !== SEP && isDotComma(s.charCodeAt(u)) && !isDigit(code(src[k + 1]))) {
      if (!(out > 0 && dst[out - 1] === SEP)) dst[out++] = SEP;
      dst[out++] = u;
      dst[out++] = SEP;
      const v = src[k + 1];
      if (v !== SEP) dst[out++] = v;
      k += 2;
    } else {
      if (!(u === SEP && out > 0 && dst[out - 1] === SEP)) dst[out++] = u;
      k++;
    }
  }
  len = out;
  [src, dst] = [dst, src];

  // Pass 4: ([0-9])(-) -> '\1 \2 ', then collect tokens.
  const tokens: string[] = [];
  let start = -1;
  let last = -1;
  const cut = (): void => {
    if (start >= 0) tokens.push(s.slice(start, last + 1));
    start = -1;
  };
  for (let k = 0; k < len; ) {
    const u = src[k];
    if (u === SEP) {
      cut();
      k++;
      continue;
    }
    if (k + 1 < len && isDigit(s.charCodeAt(u)) && src[k + 1] !== SEP && s.charCodeAt(src[k + 1]) === 0x2d) {
      if (start < 0) start = u;
      last = u;
      cut();
      start = src[k + 1];
      last = start;
      cut();
      k += 2;
      continue;
    }
    if (start < 0) start = u;
    last = u;
    k++;
  }
  cut();
  return tokens;
}
