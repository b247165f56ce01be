/** sacreBLEU's `zh` tokenizer: split Chinese characters, then the 13a regex passes (without padding). */
import { pyStrip } from '../text.js';
import type { TokenSpans } from '../spans.js';
import { mtevalSpans } from './mteval-passes.js';
import { SpanTokenizer } from './tokenizer.js';

/**
 * sacreBLEU's `_UCODE_RANGES`, compared the way Python compares strings.
 * Two of its bounds are written `'\u20000'`/`'\u2a6d6'` and `'\u2f800'`/`'\u2fa1d'`:
 * Python reads them as two-character strings, so those ranges really are
 * U+2001..U+2A6D and U+2F81..U+2FA1 (they catch punctuation such as — “ ” € …),
 * and no astral character is treated as Chinese.
 */
const RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x3400, 0x4db5],
  [0x4e00, 0x9fa5],
  [0x9fa6, 0x9fbb],
  [0xf900, 0xfa2d],
  [0xfa30, 0xfa6a],
  [0xfa70, 0xfad9],
  [0x2001, 0x2a6d],
  [0x2f81, 0x2fa1],
  [0xff00, 0xffef],
  [0x2e80, 0x2eff],
  [0x3000, 0x303f],
  [0x31c0, 0x31ef],
  [0x2f00, 0x2fdf],
  [0x2ff0, 0x2fff],
  [0x3100, 0x312f],
  [0x31a0, 0x31bf],
  [0xfe10, 0xfe1f],
  [0xfe30, 0xfe4f],
  [0x2600, 0x26ff],
  [0x2700, 0x27bf],
  [0x3200, 0x32ff],
  [0x3300, 0x33ff],
];

// BMP lookup table; surrogate halves (astral characters) are never in range.
const CHINESE = new Uint8Array(0x10000);
for (const [lo, hi] of RANGES) CHINESE.fill(1, lo, hi + 1);

export function isChineseChar(codeUnit: number): boolean {
  return CHINESE[codeUnit] === 1;
}

export class TokenizerZh extends SpanTokenizer {
  readonly signature = 'zh';

  spans(line: string, out: TokenSpans): void {
    mtevalSpans(pyStrip(line), false, isChineseChar, out);
  }
}
