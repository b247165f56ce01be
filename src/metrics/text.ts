/**
 * Python `str` whitespace semantics. sacreBLEU relies on `str.split()`,
 * `str.strip()` and `str.rstrip()`, whose whitespace set differs from JS `\s`
 * (Python includes U+001C–U+001F and U+0085, excludes U+FEFF).
 */
import { TokenSpans } from './spans.js';

/** Code units that Python's `str.isspace()` accepts (all are in the BMP). */
export function isPyWhitespace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f);
  if (c < 0x85) return false;
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** Python `text.split()` (no argument) as spans: runs of whitespace separate, no empty tokens. */
export function whitespaceSpans(text: string, out: TokenSpans): void {
  out.reset(text);
  const n = text.length;
  let i = 0;
  while (i < n) {
    while (i < n && isPyWhitespace(text.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && !isPyWhitespace(text.charCodeAt(i))) i++;
    out.push(start, i);
  }
}

/** Python `s.split()` (no argument). */
export function pySplit(s: string): string[] {
  const spans = new TokenSpans();
  whitespaceSpans(s, spans);
  return spans.toArray();
}

/** Python `s.rstrip()`. */
export function pyRstrip(s: string): string {
  let end = s.length;
  while (end > 0 && isPyWhitespace(s.charCodeAt(end - 1))) end--;
  return end === s.length ? s : s.slice(0, end);
}

/** Python `s.strip()`. */
export function pyStrip(s: string): string {
  let end = s.length;
  while (end > 0 && isPyWhitespace(s.charCodeAt(end - 1))) end--;
  let start = 0;
  while (start < end && isPyWhitespace(s.charCodeAt(start))) start++;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

/** Python `' '.join(s.split())`. */
export function pyNormalizeSpaces(s: string): string {
  return pySplit(s).join(' ');
}

/**
 * Python `str.lower()`. JS `toLowerCase()` applies the same full Unicode
 * mappings (including final sigma); only the Unicode version may differ.
 */
export function pyLower(s: string): string {
  return s.toLowerCase();
}
