/** sacreBLEU's default `13a` tokenizer (mteval-v13a.pl). */
import { pyNormalizeSpaces } from '../text.js';
import { mtevalTokens } from './mteval-passes.js';
import type { Tokenizer } from './tokenizer.js';

/** The language-independent part of 13a, applied in sacreBLEU's order. */
function unescape13a(line: string): string {
  if (line.includes('<skipped>')) line = line.replaceAll('<skipped>', '');
  if (line.includes('\n')) line = line.replaceAll('-\n', '').replaceAll('\n', ' ');
  if (line.includes('&')) {
    // Sequential, as in Python: '&amp;lt;' ends up as '<'.
    line = line
      .replaceAll('&quot;', '"')
      .replaceAll('&amp;', '&')
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>');
  }
  return line;
}

export class Tokenizer13a implements Tokenizer {
  readonly signature = '13a';

  tokens(line: string): string[] {
    return mtevalTokens(unescape13a(line), true);
  }

  tokenize(line: string): string {
    return this.tokens(line).join(' ');
  }
}

/** Regex transcription of sacreBLEU's `TokenizerRegexp`, kept as a readable reference for tests. */
export function referenceRegexpTokenize(line: string): string {
  line = line.replace(/([\{-\~\[-\` -\&\(-\+\:-\@\/])/g, ' $1 ');
  line = line.replace(/([^0-9])([\.,])/g, '$1 $2 ');
  line = line.replace(/([\.,])([^0-9])/g, ' $1 $2');
  line = line.replace(/([0-9])(-)/g, '$1 $2 ');
  return pyNormalizeSpaces(line);
}

/** Regex transcription of sacreBLEU's `Tokenizer13a`, for tests. */
export function referenceTokenize13a(line: string): string {
  return referenceRegexpTokenize(` ${unescape13a(line)} `);
}
