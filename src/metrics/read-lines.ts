/**
 * Text input read the way sacreBLEU reads it: UTF-8 (strict, a BOM is kept
 * as a character, as Python's 'utf-8' codec keeps it), lines split on '\n'
 * only for files (`open(..., newline="\n")`), a final newline not making an
 * extra line, and every line right-stripped with Python's `str.rstrip()`.
 * `.gz` files are decompressed, as sacreBLEU's `smart_open` does.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { UsageError } from '../errors.js';
import { pyRstrip } from './text.js';

export function decodeUtf8(bytes: Uint8Array, what: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8Line(bytes);
    throw new UsageError(`${what}${at ? `:${at.line}` : ''}: not valid UTF-8${at ? ` (byte 0x${at.byte.toString(16).padStart(2, '0')} at byte ${at.column} of the line)` : ''}; save the file as UTF-8`);
  }
}

/** 1-based line (split on \n) and byte column of the first invalid UTF-8 sequence, for error messages. */
export function firstInvalidUtf8Line(bytes: Uint8Array): { line: number; column: number; byte: number } | undefined {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let start = 0;
  for (let line = 1; start <= bytes.length; line++) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    const piece = bytes.subarray(start, end);
    try {
      decoder.decode(piece);
    } catch {
      // Feed the line byte by byte: a streaming fatal decoder throws at the first byte that cannot continue.
      const stream = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
      for (let i = 0; i < piece.length; i++) {
        try {
          stream.decode(piece.subarray(i, i + 1), { stream: true });
        } catch {
          // Point at the sequence the bad byte broke off, when one was pending (é in Latin-1 + a space).
          let k = i - 1;
          while (k >= 0 && k > i - 4 && (piece[k] & 0xc0) === 0x80) k--;
          const at = k >= 0 && k > i - 4 && piece[k] >= 0xc0 ? k : i;
          return { line, column: at + 1, byte: piece[at] };
        }
      }
      return { line, column: piece.length, byte: piece[piece.length - 1] ?? 0 }; // a sequence cut off by the line end
    }
    start = end + 1;
  }
  return undefined;
}

/** Python file iteration over text: pieces ending at each '\n' (kept off), no empty tail. */
export function splitPyLines(text: string, universalNewlines = false): string[] {
  const lines = text.split(universalNewlines ? /\r\n|\r|\n/ : '\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Reads `file` (relative to `cwd`) into right-stripped lines. */
export function readLines(file: string, cwd = process.cwd()): string[] {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(resolve(cwd, file));
  } catch (err) {
    const code = (err as { code?: string }).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (code ?? 'unreadable');
    throw new UsageError(`cannot read ${file}: ${why}`);
  }
  if (file.endsWith('.gz')) {
    try {
      bytes = gunzipSync(bytes);
    } catch {
      throw new UsageError(`${file}: not a valid gzip file`);
    }
  }
  return splitPyLines(decodeUtf8(bytes, file)).map(pyRstrip);
}
