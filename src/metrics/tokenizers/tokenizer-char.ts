/** sacreBLEU's `char` tokenizer: every code point is a token. */
import { isPyWhitespace } from '../text.js';
import { TokenSpans } from '../spans.js';
import type { Tokenizer } from './tokenizer.js';

export class TokenizerChar implements Tokenizer {
  readonly signature = 'char';
  private readonly scratch = new TokenSpans();

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

  tokens(line: string): string[] {
    this.spans(line, this.scratch);
    return this.scratch.toArray();
  }

  tokenize(line: string): string {
    return Array.from(line).join(' ');
  }
}
