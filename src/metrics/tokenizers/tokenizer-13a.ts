/** sacreBLEU's default `13a` tokenizer (mteval-v13a.pl). */
import type { TokenSpans } from '../spans.js';
import { mtevalSpans } from './mteval-passes.js';
import { SpanTokenizer } from './tokenizer.js';

/** The language-independent part of 13a, applied in sacreBLEU's order. */
export function unescape13a(line: string): string {
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

export class Tokenizer13a extends SpanTokenizer {
  readonly signature = '13a';

  spans(line: string, out: TokenSpans): void {
    mtevalSpans(unescape13a(line), true, undefined, out);
  }
}
