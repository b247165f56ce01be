/** sacreBLEU's `none` tokenizer: the line is used as is (BLEU then splits on whitespace). */
import { pySplit } from '../text.js';
import { TokenSpans, whitespaceSpans } from '../spans.js';
import type { Tokenizer } from './tokenizer.js';

export class TokenizerNone implements Tokenizer {
  readonly signature = 'none';

  spans(line: string, out: TokenSpans): void {
    whitespaceSpans(line, out);
  }

  tokens(line: string): string[] {
    return pySplit(line);
  }

  tokenize(line: string): string {
    return line;
  }
}
