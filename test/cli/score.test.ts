import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pyFloatRepr, runScore } from '../../src/cli/commands/score.js';
import { readLines } from '../../src/metrics/read-lines.js';

const dir = fileURLToPath(new URL('../fixtures/significance/cli/', import.meta.url));
const cases = JSON.parse(
  readFileSync(new URL('../fixtures/significance/cli-cases.json', import.meta.url), 'utf8'),
) as { args: string[]; stdin: string | null; stdout: string }[];
const env = {}; // no SACREBLEU_SEED / SACREBLEU_FORMAT: sacreBLEU's defaults

for (const c of cases) {
  test(`byte-identical to sacreBLEU 2.6.0: ${c.args.join(' ')}${c.stdin ? ` < ${c.stdin}` : ''}`, async () => {
    const stdin = c.stdin ? () => readFileSync(join(dir, c.stdin!), 'utf8') : undefined;
    const r = await runScore(c.args, { cwd: dir, env, stdin });
    assert.equal(r.stderr, '');
    assert.equal(r.exitCode, 0);
    if (!/^[[{]/.test(c.stdout)) {
      assert.equal(r.stdout, c.stdout);
      return;
    }
    // JSON: sacreBLEU's keys and values exactly, plus our full-precision keys.
    const ours = [JSON.parse(r.stdout)].flat() as Record<string, unknown>[];
    const theirs = [JSON.parse(c.stdout)].flat() as Record<string, unknown>[];
    assert.equal(ours.length, theirs.length);
    ours.forEach((o, i) => {
      const { full_score, full_mean, full_ci, ...rest } = o;
      assert.deepEqual(rest, theirs[i]);
      if ('score' in rest) {
        assert.equal(typeof full_score, 'number');
        assert.ok(Math.abs((full_score as number) - (rest.score as number)) <= 0.5, 'full_score rounds to score');
      }
      if ('confidence_mean' in rest) assert.ok(typeof full_mean === 'number' && typeof full_ci === 'number');
    });
  });
}

test('line-count mismatch: one line naming both files, exit 2', async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'mtgate-score-'));
  writeFileSync(join(tmp, 'ref.txt'), 'a b c\nd e f\n');
  writeFileSync(join(tmp, 'hyp.txt'), 'a b c\n');
  const r = await runScore(['ref.txt', '-i', 'hyp.txt'], { cwd: tmp, env });
  assert.equal(r.exitCode, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^mtgate score: hyp\.txt has 1 lines but reference ref\.txt has 2[^\n]*\n$/);
  const missing = await runScore(['ref.txt', '-i', 'nope.txt'], { cwd: tmp, env });
  assert.equal(missing.exitCode, 2);
  assert.match(missing.stderr, /^mtgate score: cannot read nope\.txt: no such file\n$/);
  const conflict = await runScore(['ref.txt', '-i', 'hyp.txt', 'ref.txt', '--paired-bs', '--paired-ar'], { cwd: tmp, env });
  assert.equal(conflict.exitCode, 2);
});

test('files are read as sacreBLEU reads them', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'mtgate-lines-'));
  // \r and trailing whitespace stripped, no extra line for the final newline, BOM kept, \u2028 not a break.
  writeFileSync(join(tmp, 'a.txt'), '\ufeffone \r\ntwo\u2028half\t\n\nfour');
  assert.deepEqual(readLines('a.txt', tmp), ['\ufeffone', 'two\u2028half', '', 'four']);
  writeFileSync(join(tmp, 'b.txt'), 'x\n');
  assert.deepEqual(readLines('b.txt', tmp), ['x']);
  writeFileSync(join(tmp, 'c.txt'), '');
  assert.deepEqual(readLines('c.txt', tmp), []);
  writeFileSync(join(tmp, 'd.txt'), Buffer.from([0x61, 0xff, 0x0a]));
  assert.throws(() => readLines('d.txt', tmp), /not valid UTF-8/);
});

test('SACREBLEU_SEED and SACREBLEU_FORMAT are honoured', async () => {
  const args = ['ref.txt', '-i', 'sys.txt', '--confidence', '--confidence-n', '50', '-b'];
  const a = await runScore(args, { cwd: dir, env: { SACREBLEU_SEED: '1' } });
  const b = await runScore(args, { cwd: dir, env: { SACREBLEU_SEED: '2' } });
  assert.notEqual(a.stdout, b.stdout);
  const t = await runScore(['ref.txt', '-i', 'sys.txt'], { cwd: dir, env: { SACREBLEU_FORMAT: 'text' } });
  assert.match(t.stdout, /^BLEU\|nrefs:1\|case:mixed/);
});

test('Python float repr', () => {
  assert.equal(pyFloatRepr(26.6), '26.6');
  assert.equal(pyFloatRepr(100), '100.0');
  assert.equal(pyFloatRepr(1e-5), '1e-05');
  assert.equal(pyFloatRepr(0.0001), '0.0001');
  assert.equal(pyFloatRepr(1e16), '1e+16');
  assert.equal(pyFloatRepr(123456789012345680), '1.2345678901234568e+17');
  assert.equal(pyFloatRepr(-0.5), '-0.5');
});

// Through the real entry point, once the main CLI and what it imports are in place.
const cliReady = ['../../src/cli/main.ts', '../../src/metrics/index.ts'].every((p) => existsSync(new URL(p, import.meta.url)));
test('the mtgate binary runs score (spawned)', { skip: !cliReady }, () => {
  const main = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
  const out = execFileSync(process.execPath, ['--import', 'tsx', main, 'score', 'ref.txt', '-i', 'sys.txt', '-b'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, SACREBLEU_FORMAT: '', SACREBLEU_SEED: '' },
  });
  assert.equal(out, '26.6\n');
  const bad = spawnSync(process.execPath, ['--import', 'tsx', main, 'score', 'ref.txt', '-i', 'missing.txt'], {
    cwd: dir,
    encoding: 'utf8',
  });
  assert.equal(bad.status, 2);
  assert.equal(bad.stderr.trim().split('\n').length, 1);
});
