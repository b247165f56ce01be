import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { UsageError } from '../../src/errors.js';
import { makePlan } from '../../src/plan/plan.js';
import { loadSuiteText } from '../../src/suite/load.js';

function suiteIn(dir: string, outputLines: number, limit = ''): string {
  writeFileSync(join(dir, 'src.en'), 'a\nb\nc\nd\n');
  writeFileSync(join(dir, 'ref.de'), 'A\nB\nC\nD\n');
  writeFileSync(join(dir, 'out.de'), Array.from({ length: outputLines }, (_, i) => `o${i}\n`).join(''));
  return `name: p
variants:
  - { id: ref, outputs: { en-de: ref.de } }
  - { id: log, device: NPU, outputs: { en-de: out.de } }
reference: ref
datasets:
  - { id: d, pair: en-de, source: src.en, references: [ref.de]${limit} }
measures:
  quality: {}
`;
}

test('precomputed outputs must be line-aligned with the dataset; a limit applies to them too', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mtgate-pre-'));
  const ok = await makePlan(loadSuiteText(join(dir, 's.yaml'), suiteIn(dir, 4)));
  assert.deepEqual(ok.precomputed.map((p) => p.variant.id), ['ref', 'log']);
  assert.deepEqual(ok.precomputed[1].outputs.get('d'), ['o0', 'o1', 'o2', 'o3']);
  const limited = await makePlan(loadSuiteText(join(dir, 's.yaml'), suiteIn(dir, 4, ', limit: 2')));
  assert.deepEqual(limited.precomputed[1].outputs.get('d'), ['o0', 'o1']);
  await assert.rejects(
    makePlan(loadSuiteText(join(dir, 's.yaml'), suiteIn(dir, 3))),
    (e: unknown) => e instanceof UsageError && /variant log, outputs for en-de: .*out\.de has 3 lines but .*src\.en has 4; outputs must be line-aligned/.test(e.message),
  );
});
