/**
 * Reading a suite's dataset file, with the checks sacreBLEU does not make.
 * Lines are what sacreBLEU reads (strict UTF-8, split on \n, Python rstrip),
 * with one documented difference: a leading byte-order mark is stripped
 * (sacreBLEU keeps it glued to the first word). Everything else that is
 * legal but suspicious is a warning, and the text is kept as written:
 *
 * - CRLF line ends: the \r goes with rstrip, exactly as in sacreBLEU (no warning);
 * - a \r inside a line: kept (warning);
 * - empty lines: kept, as sacreBLEU keeps them (warning with the count);
 * - text not in Unicode NFC: kept — sacreBLEU does not normalize, so
 *   visually equal text may score as different (warning).
 * Invalid UTF-8 is refused with the line number.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { UsageError } from '../errors.js';
import { decodeUtf8, splitPyLines } from '../metrics/read-lines.js';
import { pyRstrip } from '../metrics/text.js';

export interface DatasetFile {
  lines: string[];
  warnings: string[];
}

const BOM = [0xef, 0xbb, 0xbf];

function summary(lineNumbers: number[], what: string, note: string): string {
  const shown = lineNumbers.slice(0, 5).join(', ');
  return `${lineNumbers.length} ${what} (line${lineNumbers.length > 1 ? 's' : ''} ${shown}${lineNumbers.length > 5 ? ', …' : ''}); ${note}`;
}

export function readDatasetFile(path: string): DatasetFile {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    const code = (err as { code?: string }).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (code ?? 'unreadable');
    throw new UsageError(`cannot read ${path}: ${why}`);
  }
  if (path.endsWith('.gz')) {
    try {
      bytes = gunzipSync(bytes);
    } catch {
      throw new UsageError(`${path}: not a valid gzip file`);
    }
  }
  const warnings: string[] = [];
  if (BOM.every((b, i) => bytes[i] === b)) {
    bytes = bytes.subarray(3);
    warnings.push(`${path}: starts with a UTF-8 byte-order mark; stripped (sacreBLEU would keep it as part of the first word)`);
  }
  const raw = splitPyLines(decodeUtf8(bytes, path));
  const lines = raw.map(pyRstrip);
  const innerCR: number[] = [];
  const empty: number[] = [];
  const notNfc: number[] = [];
  lines.forEach((line, i) => {
    if (line.includes('\r')) innerCR.push(i + 1);
    if (line === '') empty.push(i + 1);
    else if (line.normalize('NFC') !== line) notNfc.push(i + 1);
  });
  if (innerCR.length) warnings.push(`${path}: ${summary(innerCR, 'lines hold a carriage return (\\r) inside the line', 'kept as sacreBLEU keeps it; check the file')}`);
  if (empty.length) warnings.push(`${path}: ${summary(empty, 'empty lines', 'kept, as sacreBLEU keeps them; an empty line still counts in every score')}`);
  if (notNfc.length) {
    warnings.push(`${path}: ${summary(notNfc, 'lines are not in Unicode NFC', 'kept as written (sacreBLEU does not normalize); normalize source, references and outputs alike if that is not intended')}`);
  }
  return { lines, warnings };
}
