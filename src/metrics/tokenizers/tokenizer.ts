/** A sacreBLEU tokenizer: `tokenize` returns exactly what sacreBLEU's tokenizer returns. */
export interface Tokenizer {
  /** The value written into signatures (`tok:13a`). */
  readonly signature: string;
  /** The tokenized line, byte-identical to sacreBLEU's tokenizer output. */
  tokenize(line: string): string;
  /** Equal to Python's `tokenize(line).split()`, computed without building the joined string. */
  tokens(line: string): string[];
}
