import assert from 'node:assert/strict';
import { test } from 'node:test';
import { qualifiedIds } from '../../src/results/merge.js';
import type { RunRecord } from '../../src/results/record.js';

const run = (id: string, cpu: string, variants: [string, string][]) =>
  ({ run: { id }, environment: { cpu }, variants: variants.map(([vid, device]) => ({ id: vid, device })) }) as unknown as RunRecord;

test('colliding variant ids gain the device, else the CPU model, else the run id; unique ids stay', () => {
  const ids = qualifiedIds([run('r1', 'AMD EPYC', [['fp32', 'CPU'], ['int8', 'CPU']]), run('r2', 'Intel Core Ultra 7', [['int8', 'NPU'], ['nllb', 'GPU']])]);
  assert.deepEqual([...ids[0]], [['fp32', 'fp32'], ['int8', 'int8@CPU']]);
  assert.deepEqual([...ids[1]], [['int8', 'int8@NPU'], ['nllb', 'nllb']]);
  const sameDevice = qualifiedIds([run('r1', 'AMD EPYC 7B13', [['int8', 'CPU']]), run('r2', 'Intel Xeon (R) 8480+', [['int8', 'CPU']])]);
  assert.equal(sameDevice[0].get('int8'), 'int8@AMD-EPYC-7B13');
  assert.equal(sameDevice[1].get('int8'), 'int8@Intel-Xeon-R-8480');
  const sameMachine = qualifiedIds([run('20260101T000000Z-smoke', 'x', [['int8', 'CPU']]), run('20260102T000000Z-smoke', 'x', [['int8', 'CPU']])]);
  assert.deepEqual(sameMachine.map((m) => m.get('int8')), ['int8@20260101T000000Z-smoke', 'int8@20260102T000000Z-smoke']);
});
