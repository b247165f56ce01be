/**
 * The four regex passes of sacreBLEU's `TokenizerRegexp` (shared by `13a`
 * and `zh`), computed in one scan:
 *
 *   1. ([\{-\~\[-\` -\&\(-\+\:-\@\/]) → ' \1 '
 *   2. ([^0-9])([\.,])                → '\1 \2 '
 *   3. ([\.,])([^0-9])                → ' \1 \2'
 *   4. ([0-9])(-)                     → '\1 \2 '
 *
 * The passes only insert spaces, so the result is the input cut at certain
 * places. Pass 1 isolates its characters. Passes 2 and 3 isolate a '.'/','
 * (call it DC) depending on its neighbours in the previous pass's output,
 * where `re.sub` skips a character consumed by the previous match:
 *   P2(i) = prev unit exists ∧ it is a space or a non-digit
 *           ∧ ¬(prev is a DC char with P2(i−1))          [consumed]
 *   P3(i) = next unit (after pass 2) exists ∧ it is a space or a non-digit
 *           ∧ ¬(prev DC char adjacent after pass 2 with P3(i−1))  [consumed]
 * A DC is cut out iff P2 ∨ P3. Pass 4 cuts out '-' right after a digit (no
 * space can have been inserted between a digit and '-'). All classes are
 * ASCII, so UTF-16 units give the same cuts as Python's code points.
 * `test/metrics/tokenizers.test.ts` checks this against the regexes.
 */
import { isPyWhitespace } from '../text.js';
import { TokenSpans } from '../spans.js';

/** Pass 1's class: `[\{-\~\[-\` -\&\(-\+\:-\@\/]` (its space is whitespace anyway). */
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

const NONE = 0;
const SEP = 1;
const CHAR = 2;

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isDotComma = (c: number): boolean => c === 0x2e || c === 0x2c;

// ASCII classes, looked up once per character.
const K_OTHER = 0;
const K_WS = 1;
const K_P1 = 2;
const K_DC = 3;
const K_DASH = 4;
const ASCII = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  ASCII[c] = isPyWhitespace(c) ? K_WS : isPass1(c) ? K_P1 : isDotComma(c) ? K_DC : c === 0x2d ? K_DASH : K_OTHER;
}

/** Ends the token begun at `start` (if any) before `i`, and makes `i` a token of its own. */
function cutOut(out: TokenSpans, start: number, i: number): void {
  if (start >= 0) out.push(start, i);
  out.push(i, i + 1);
}

/**
 * Tokens of `' '.join(passes(text).split())` as spans of `text`. `pad` wraps
 * the text in spaces first (13a's `f' {line} '`); `isolate` marks characters
 * already wrapped in spaces before the passes (the `zh` tokenizer's split).
 */
export function mtevalSpans(
  text: string,
  pad: boolean,
  isolate: ((c: number) => boolean) | undefined,
  out: TokenSpans,
): void {
  out.reset(text);
  const n = text.length;
  let start = -1;
  // The pass-1 unit before position i: NONE (start of unpadded text), SEP, or CHAR prevC.
  let prevKind = pad ? SEP : NONE;
  let prevC = -1;
  let prevP2 = false;
  let prevP3 = false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const kind =
      c < 128 ? ASCII[c] : isPyWhitespace(c) ? K_WS : isolate !== undefined && isolate(c) ? K_P1 : K_OTHER;
    if (kind === K_OTHER) {
      if (start < 0) start = i;
      prevKind = CHAR;
      prevC = c;
      prevP2 = false;
      prevP3 = false;
      continue;
    }
    if (kind === K_WS) {
      if (start >= 0) out.push(start, i);
      start = -1;
      prevKind = SEP;
      continue;
    }
    if (kind === K_P1) {
      cutOut(out, start, i);
      start = -1;
      prevKind = SEP; // pass 1 put spaces around it
      continue;
    }
    // '.' or ',' (passes 2 and 3) or '-' (pass 4): cut out or not, depending on the neighbours.
    let cut: boolean;
    let p2 = false;
    let p3 = false;
    if (kind === K_DC) {
      p2 =
        prevKind !== NONE &&
        (prevKind === SEP || !isDigit(prevC)) &&
        !(prevKind === CHAR && isDotComma(prevC) && prevP2);
      if (p2) p3 = true;
      else {
        let nextOk: boolean;
        if (i + 1 >= n) nextOk = pad;
        else {
          const d = text.charCodeAt(i + 1);
          // A following DC is either cut out by pass 2 or a non-digit itself.
          nextOk = !isDigit(d);
        }
        const consumed: boolean = prevKind === CHAR && isDotComma(prevC) && !prevP2 && prevP3;
        p3 = nextOk && !consumed;
      }
      cut = p3;
    } else cut = prevKind === CHAR && isDigit(prevC); // '-' right after a digit
    if (cut) {
      cutOut(out, start, i);
      start = -1;
    } else if (start < 0) start = i;
    prevKind = CHAR;
    prevC = c;
    prevP2 = p2;
    prevP3 = p3;
  }
  if (start >= 0) out.push(start, n);
}
