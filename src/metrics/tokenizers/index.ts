import type { Tokenizer } from './tokenizer.js';
import { Tokenizer13a } from './tokenizer-13a.js';
import { TokenizerIntl } from './tokenizer-intl.js';
import { TokenizerZh } from './tokenizer-zh.js';
import { TokenizerChar } from './tokenizer-char.js';
import { TokenizerNone } from './tokenizer-none.js';

export type { Tokenizer } from './tokenizer.js';
export { Tokenizer13a, TokenizerIntl, TokenizerZh, TokenizerChar, TokenizerNone };
export { TercomTokenizer, type TercomOptions } from './tokenizer-ter.js';

/** BLEU tokenizers available here (sacreBLEU also has ja-mecab, ko-mecab, spm, flores*: not reproduced). */
export const BLEU_TOKENIZERS = ['13a', 'intl', 'zh', 'char', 'none'] as const;
export type BleuTokenizerName = (typeof BLEU_TOKENIZERS)[number];

export function getTokenizer(name: string): Tokenizer {
  switch (name) {
    case '13a':
      return new Tokenizer13a();
    case 'intl':
      return new TokenizerIntl();
    case 'zh':
      return new TokenizerZh();
    case 'char':
      return new TokenizerChar();
    case 'none':
      return new TokenizerNone();
    default:
      throw new Error(
        `Unknown tokenizer '${name}'. Available: ${BLEU_TOKENIZERS.join(', ')} ` +
          `(sacreBLEU's ja-mecab, ko-mecab, spm, flores101, flores200 are not supported).`,
      );
  }
}
