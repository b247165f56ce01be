/** CPython-compatible exp/log (see src/metrics/pymath.ts). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pyExp, pyLog } from '../../src/metrics/pymath.js';
import { FIXTURES } from './helpers/fixtures.js';

/** Python's float.hex() format, exactly. */
function fromHex(s: string): number {
  const m = /^(-?)0x([01])\.([0-9a-f]*)p([+-]\d+)$/.exec(s);
  if (!m) throw new Error(`bad hex float ${s}`);
  const digits = m[3];
  const mant = Number(BigInt(`0x${m[2]}${digits || '0'}`));
  const e = Number(m[4]) - 4 * digits.length;
  const half = Math.trunc(e / 2);
  const v = mant * 2 ** half * 2 ** (e - half);
  return m[1] ? -v : v;
}

const data = JSON.parse(readFileSync(path.join(FIXTURES, 'cpython-libm.json'), 'utf8')) as {
  exp: [string, string][];
  log: [string, string][];
};

describe('pyExp / pyLog', () => {
  it('give the 100.00000000000004 of BLEU on identical input', () => {
    assert.equal(pyExp((pyLog(100) * 4) / 4), 100.00000000000004);
  });
  it('match CPython (glibc) on 300 random inputs each', () => {
    for (const [x, y] of data.exp) assert.equal(pyExp(fromHex(x)), fromHex(y), `exp(${x})`);
    for (const [x, y] of data.log) assert.equal(pyLog(fromHex(x)), fromHex(y), `log(${x})`);
  });
  it('fix the inputs where V8 differs from glibc in BLEU vectors', () => {
    // precisions of inline-1 (lowercase) and inline-4 (tokenize none) cases
    assert.equal(pyLog(100 / 3), 3.506557897319982);
    assert.equal(pyExp(1 - 7 / 6), 0.846481724890614);
  });
  it('handle special values like Python', () => {
    assert.equal(pyExp(0), 1);
    assert.equal(pyExp(-Infinity), 0);
    assert.equal(pyExp(-1e10), 0);
    assert.equal(pyExp(1000), Infinity);
    assert.equal(pyLog(1), 0);
    assert.equal(pyLog(Infinity), Infinity);
    assert.ok(Number.isNaN(pyLog(-1)));
    assert.equal(pyLog(5e-324), -744.4400719213812);
  });
});
