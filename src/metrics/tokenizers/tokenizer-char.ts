/** sacreBLEU's `char` tokenizer: every code point is a token. */
import { isPyWhitespace } from '../text.js';
import type { Tokenizer } from './tokenizer.js';

export class TokenizerChar implements Tokenizer {
  readonly signature = 'char';

  tokens(line: string): string[] {
    // ' '.join(chars).split(): whitespace characters vanish, the rest stay one per token.
    const out: string[] = [];
    const n = line.length;
    for (let i = 0; i < n; i++) {
      const c = line.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
        const d = line.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          out.push(line.slice(i, i + 2));
          i++;
          continue;
        }
      }
      if (!isPyWhitespace(c)) out.push(line[i]);
    }
    return out;
  }

  tokenize(line: string): string {
    return Array.from(line).join(' ');
  }
}
