/**
 * sacreBLEU's `TercomTokenizer` (a port of tercom's Normalizer.java).
 * Patterns are sacreBLEU's, one `re.sub` each, in the same order. Python's
 * `$` also matches before a final newline, but newlines are gone by the time
 * `$` is used, so plain JS `$` is equivalent here.
 */
import { pyLower, whitespaceSpans } from '../text.js';
import type { TokenSpans } from '../spans.js';
import { SpanTokenizer } from './tokenizer.js';

const ASIAN_PUNCT = /([\u3001\u3002\u3008-\u3011\u3014-\u301f\uff61-\uff65\u30fb])/g;
const FULL_WIDTH_PUNCT = /([\uff0e\uff0c\uff1f\uff1a\uff1b\uff01\uff02\uff08\uff09])/g;

function normalizeGeneralAndWestern(sent: string): string {
  sent = sent.replace(/\n-/g, '');
  sent = sent.replace(/\n/g, ' ');
  sent = sent.replace(/&quot;/g, '"');
  sent = sent.replace(/&amp;/g, '&');
  sent = sent.replace(/&lt;/g, '<');
  sent = sent.replace(/&gt;/g, '>');
  sent = ` ${sent} `;
  sent = sent.replace(/([{-~[-` -&(-+:-@/])/g, ' $1 ');
  sent = sent.replace(/'s /g, " 's ");
  sent = sent.replace(/'s$/g, " 's");
  sent = sent.replace(/([^0-9])([\.,])/g, '$1 $2 ');
  sent = sent.replace(/([\.,])([^0-9])/g, ' $1 $2');
  sent = sent.replace(/([0-9])(-)/g, '$1 $2 ');
  return sent;
}

function normalizeAsian(sent: string): string {
  sent = sent.replace(/([\u4e00-\u9fff\u3400-\u4dbf])/g, ' $1 ');
  sent = sent.replace(/([\u31c0-\u31ef\u2e80-\u2eff])/g, ' $1 ');
  sent = sent.replace(/([\u3300-\u33ff\uf900-\ufaff\ufe30-\ufe4f])/g, ' $1 ');
  sent = sent.replace(/([\u3200-\u3f22])/g, ' $1 ');
  // Anchored at the string start without a multiline flag, as in sacreBLEU
  // (so in practice these only fire on an all-kana string).
  sent = sent.replace(/(^|^[\u3040-\u309f])([\u3040-\u309f]+)(?=$|^[\u3040-\u309f])/g, '$1 $2 ');
  sent = sent.replace(/(^|^[\u30a0-\u30ff])([\u30a0-\u30ff]+)(?=$|^[\u30a0-\u30ff])/g, '$1 $2 ');
  sent = sent.replace(/(^|^[\u31f0-\u31ff])([\u31f0-\u31ff]+)(?=$|^[\u31f0-\u31ff])/g, '$1 $2 ');
  sent = sent.replace(ASIAN_PUNCT, ' $1 ');
  sent = sent.replace(FULL_WIDTH_PUNCT, ' $1 ');
  return sent;
}

function removePunct(sent: string): string {
  return sent.replace(/[\.,\?:;!"\(\)]/g, '');
}

function removeAsianPunct(sent: string): string {
  return sent.replace(ASIAN_PUNCT, '').replace(FULL_WIDTH_PUNCT, '');
}

export interface TercomOptions {
  normalized?: boolean;
  noPunct?: boolean;
  asianSupport?: boolean;
  caseSensitive?: boolean;
}

export class TercomTokenizer extends SpanTokenizer {
  readonly signature = 'tercom';
  private readonly normalized: boolean;
  private readonly noPunct: boolean;
  private readonly asianSupport: boolean;
  private readonly caseSensitive: boolean;

  constructor(opts: TercomOptions = {}) {
    super();
    this.normalized = opts.normalized ?? false;
    this.noPunct = opts.noPunct ?? false;
    this.asianSupport = opts.asianSupport ?? false;
    this.caseSensitive = opts.caseSensitive ?? false;
  }

  private transform(sent: string): string {
    if (!this.caseSensitive) sent = pyLower(sent);
    if (this.normalized) {
      sent = normalizeGeneralAndWestern(sent);
      if (this.asianSupport) sent = normalizeAsian(sent);
    }
    if (this.noPunct) {
      sent = removePunct(sent);
      if (this.asianSupport) sent = removeAsianPunct(sent);
    }
    return sent;
  }

  spans(sent: string, out: TokenSpans): void {
    if (!sent) out.reset('');
    else whitespaceSpans(this.transform(sent), out);
  }
}
