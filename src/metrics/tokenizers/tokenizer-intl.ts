/** sacreBLEU's `intl` tokenizer (mteval-v14.pl international tokenization). */
import { whitespaceSpans } from '../text.js';
import type { TokenSpans } from '../spans.js';
import { SpanTokenizer } from './tokenizer.js';

// Same patterns as sacreBLEU (Python `regex` module); the `u` flag gives
// code-point matching and Unicode general categories as in Python.
const PUNCT_AFTER_NON_DIGIT = /(\P{N})(\p{P})/gu;
const PUNCT_BEFORE_NON_DIGIT = /(\p{P})(\P{N})/gu;
const SYMBOL = /(\p{S})/gu;
// Lines without any punctuation or symbol need no regex pass at all.
const ANY_PS = /[\p{P}\p{S}]/u;

function passes(line: string): string {
  if (!ANY_PS.test(line)) return line;
  return line
    .replace(PUNCT_AFTER_NON_DIGIT, '$1 $2 ')
    .replace(PUNCT_BEFORE_NON_DIGIT, ' $1 $2')
    .replace(SYMBOL, ' $1 ');
}

export class TokenizerIntl extends SpanTokenizer {
  readonly signature = 'intl';

  spans(line: string, out: TokenSpans): void {
    whitespaceSpans(passes(line), out);
  }
}
