/** sacreBLEU's `none` tokenizer: the line is used as is (BLEU then splits on whitespace). */
import { whitespaceSpans } from '../text.js';
import type { TokenSpans } from '../spans.js';
import { SpanTokenizer } from './tokenizer.js';

export class TokenizerNone extends SpanTokenizer {
  readonly signature = 'none';

  spans(line: string, out: TokenSpans): void {
    whitespaceSpans(line, out);
  }

  /** The line unchanged, whitespace included (BLEU splits it afterwards). */
  override tokenize(line: string): string {
    return line;
  }
}
