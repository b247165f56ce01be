import type { TokenSpans } from '../spans.js';

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
