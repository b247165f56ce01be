import { TokenSpans } from '../spans.js';

/** A sacreBLEU tokenizer: `tokenize` returns exactly what sacreBLEU's tokenizer returns. */
export interface Tokenizer {
  /** The value written into signatures (`tok:13a`). */
  readonly signature: string;
  /** The tokenized line, identical to sacreBLEU's tokenizer output. */
  tokenize(line: string): string;
  /** Python's `tokenize(line).split()`. */
  tokens(line: string): string[];
  /** The same tokens as spans (of whatever string `out.text` ends up being), without allocating them. */
  spans(line: string, out: TokenSpans): void;
}

/**
 * A tokenizer defined by its spans: the token strings, and sacreBLEU's output
 * as those tokens joined by single spaces, follow from them.
 */
export abstract class SpanTokenizer implements Tokenizer {
  abstract readonly signature: string;
  abstract spans(line: string, out: TokenSpans): void;
  private readonly scratch = new TokenSpans();

  tokens(line: string): string[] {
    this.spans(line, this.scratch);
    return this.scratch.toArray();
  }

  tokenize(line: string): string {
    return this.tokens(line).join(' ');
  }
}
