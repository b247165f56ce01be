import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { bleuTableMarkdown, evaluateToy } from '../../src/models/toy/evaluate.js';
import { TOY_MODEL_DIR } from '../../src/models/toy/generate.js';
import { REPO } from './toy-helpers.js';

test('quality pattern: fp32 40-95 BLEU, int8 within 1, int4 loses >= 2 on sw and < 1 elsewhere; README table is current', async () => {
  const started = Date.now();
  const e = await evaluateToy(REPO);
  const { bleu } = e;
  for (const [t, fp32] of Object.entries(bleu.fp32)) {
    assert.ok(fp32 >= 40 && fp32 <= 95, `en-${t} fp32 BLEU ${fp32.toFixed(2)} outside [40, 95]`);
    const int8 = bleu.int8[t as keyof typeof bleu.int8];
    assert.ok(Math.abs(int8 - fp32) <= 1, `en-${t} int8 BLEU ${int8.toFixed(2)} vs fp32 ${fp32.toFixed(2)}`);
  }
  const drop = (t: 'de' | 'fr' | 'es' | 'sw'): number => bleu.fp32[t] - bleu.int4[t];
  assert.ok(drop('sw') >= 2, `int4 loses only ${drop('sw').toFixed(2)} BLEU on the low-resource pair`);
  assert.ok(
    (['de', 'fr', 'es'] as const).some((t) => drop(t) < 1),
    `int4 loses >= 1 BLEU on every high-resource pair: ${(['de', 'fr', 'es'] as const).map(drop).join(', ')}`,
  );
  const readme = readFileSync(join(REPO, TOY_MODEL_DIR, 'README.md'), 'utf8');
  assert.ok(
    readme.includes(bleuTableMarkdown(e)),
    `models/toy-m2m100/README.md does not hold the measured table; refresh it with npm run make-toy-model -- --report:\n${bleuTableMarkdown(e)}`,
  );
  assert.ok(Date.now() - started < 20_000, 'quality check must stay under 20 s');
});
