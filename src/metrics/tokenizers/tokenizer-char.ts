/** sacreBLEU's `char` tokenizer: every code point is a token. */
import { isPyWhitespace } from '../text.js';
import type { TokenSpans } from '../spans.js';
import { SpanTokenizer } from './tokenizer.js';

export class TokenizerChar extends SpanTokenizer {
  readonly signature = 'char';

  /** `' '.join(chars).split()`: whitespace characters vanish, every other code point is a token. */
  spans(line: string, out: TokenSpans): void {
    out.reset(line);
    const n = line.length;
    for (let i = 0; i < n; i++) {
      const c = line.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
        const d = line.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          out.push(i, i + 2);
          i++;
          continue;
        }
      }
      if (!isPyWhitespace(c)) out.push(i, i + 1);
    }
  }

  /** sacreBLEU's `' '.join(line)`: unlike the tokens, keeps whitespace characters (as tokens of their own). */
  override tokenize(line: string): string {
    return Array.from(line).join(' ');
  }
}
