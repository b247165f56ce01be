import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildToy, TOY_DATASET_DIR, TOY_MODEL_DIR, writeFiles } from '../../src/models/toy/generate.js';
import { REPO, TARGET_LANGS } from './toy-helpers.js';

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

test('regenerating the toy model and data sets reproduces every committed file byte for byte', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'toy-m2m100-'));
  try {
    const started = Date.now();
    const { files } = buildToy();
    writeFiles(tmp, files);
    assert.ok(Date.now() - started < 10_000, 'generation must stay under 10 s');
    for (const f of files) {
      const fresh = readFileSync(join(tmp, f.path));
      const committed = readFileSync(join(REPO, f.path));
      assert.equal(sha256(fresh), sha256(committed), `${f.path} differs from the generator's output; run npm run make-toy-model`);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('the committed directories hold exactly the generated files (plus the READMEs)', () => {
  const generated = new Set(buildToy().files.map((f) => f.path));
  const listed = (dir: string): string[] =>
    readdirSync(join(REPO, dir), { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => join(d.parentPath, d.name).slice(REPO.length + 1))
      .filter((p) => !p.endsWith('README.md'));
  for (const p of [...listed(TOY_MODEL_DIR), ...listed(TOY_DATASET_DIR)]) assert.ok(generated.has(p), `${p} is not produced by the generator`);
});

test('a second build in the same process is identical (no hidden state)', () => {
  const a = buildToy().files;
  const b = buildToy().files;
  assert.deepEqual(
    a.map((f) => [f.path, sha256(f.bytes)]),
    b.map((f) => [f.path, sha256(f.bytes)]),
  );
});

test('data sets: UTF-8, LF, no empty lines, final newline, >= 150 aligned lines per pair', () => {
  for (const lang of TARGET_LANGS) {
    const sides = [`en-${lang}.en`, `en-${lang}.${lang}`].map((f) => readFileSync(join(REPO, TOY_DATASET_DIR, f)));
    const counts = sides.map((bytes, i) => {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      const name = i === 0 ? 'source' : 'reference';
      assert.ok(text.endsWith('\n') && !text.endsWith('\n\n'), `en-${lang} ${name}: one final newline`);
      assert.ok(!text.includes('\r'), `en-${lang} ${name}: LF only`);
      const lines = text.slice(0, -1).split('\n');
      assert.ok(lines.every((l) => l.trim() === l && l.length > 0), `en-${lang} ${name}: no empty or padded lines`);
      return lines.length;
    });
    assert.equal(counts[0], counts[1], `en-${lang}: source and reference line counts`);
    assert.ok(counts[0] >= 150, `en-${lang}: ${counts[0]} lines`);
  }
});

test('data sets use real accented words and references that are not word-for-word', () => {
  const ref = (lang: string): string => readFileSync(join(REPO, TOY_DATASET_DIR, `en-${lang}.${lang}`), 'utf8');
  assert.match(ref('de'), /[äöüß]/);
  assert.match(ref('fr'), /[éèàç]/);
  assert.match(ref('es'), /[ñáéíóú¿¡]/);
  // French and Spanish put most adjectives after the noun; Swahili puts possessives after it.
  assert.match(ref('fr'), /\b(maison|porte|voiture) (rouge|blanche|verte|noire|bleue|chère|propre)\b/);
  assert.match(ref('sw'), /\b\w+ (yangu|wangu|changu|langu|zangu|vyangu)\b/);
});
