import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateGate } from '../../src/gates/evaluate.js';
import type { Cell } from '../../src/results/record.js';
import type { GateRule } from '../../src/suite/types.js';

const variant = (id: string) => ({ id, model: id, modelDir: `/m/${id}`, layout: 'optimum-onnx', engine: 'onnxruntime', engineVersion: '1', device: 'CPU', engineOptions: {}, maxLength: 64, isReference: id === 'fp32' });

function record(cells: Cell[]) {
  return {
    suite: { name: 't', path: '/t.yaml', sha256: 'x', reference: 'fp32' },
    variants: ['fp32', 'int8', 'int4'].map(variant),
    datasets: [
      { id: 'd-de', pair: 'en-de', source: 's', references: ['r'], lines: 3 },
      { id: 'd-sw', pair: 'en-sw', source: 's', references: ['r'], lines: 3 },
    ],
    cells,
  };
}

const q = (v: string, pair: string, bleu: number): Cell => ({ variant: v, dataset: `d-${pair.slice(3)}`, pair, measure: 'quality', values: { bleu }, durationMs: 1 });

const full = record([
  q('fp32', 'en-de', 60), q('fp32', 'en-sw', 50),
  q('int8', 'en-de', 59.5), q('int8', 'en-sw', 49.8),
  q('int4', 'en-de', 59.9), q('int4', 'en-sw', 45),
  { variant: 'fp32', measure: 'cold_start', values: { 'cold_start.median_ms': 300 }, durationMs: 1 },
  { variant: 'int8', measure: 'cold_start', values: { 'cold_start.median_ms': 250 }, durationMs: 1 },
  { variant: 'int4', measure: 'cold_start', values: {}, error: 'child killed after the 60 s timeout', durationMs: 1 },
]);

const rule = (r: Partial<GateRule>): GateRule => ({ id: 'g', metric: 'bleu', variants: ['*'], pairs: ['*'], devices: ['*'], severity: 'fail', ...r });

test('absolute bound: one check per variant × pair, with the evidence', () => {
  const g = evaluateGate(rule({ min: 46 }), full);
  assert.equal(g.checks.length, 6);
  assert.equal(g.status, 'fail');
  const failing = g.checks.filter((c) => c.status === 'fail');
  assert.deepEqual(failing.map((c) => [c.variant, c.pair, c.value]), [['int4', 'en-sw', 45]]);
  assert.equal(failing[0].reason, '45 < min 46');
  assert.equal(evaluateGate(rule({ min: 40, max: 100 }), full).status, 'pass');
});

test('delta against the reference skips the reference itself', () => {
  const g = evaluateGate(rule({ vs: 'reference', min_delta: -1 }), full);
  assert.deepEqual(g.checks.map((c) => c.variant), ['int8', 'int8', 'int4', 'int4']);
  const sw4 = g.checks.find((c) => c.variant === 'int4' && c.pair === 'en-sw');
  assert.equal(sw4?.status, 'fail');
  assert.equal(sw4?.delta, -5);
  assert.equal(sw4?.referenceValue, 50);
  assert.equal(sw4?.reason, 'delta -5 < min_delta -1');
  assert.equal(evaluateGate(rule({ vs: 'reference', min_delta: -1, variants: ['int8'] }), full).status, 'pass');
});

test('ratio bounds and pair patterns', () => {
  const g = evaluateGate(rule({ vs: 'reference', min_ratio: 0.95, pairs: ['en-s?'] }), full);
  assert.deepEqual(g.checks.map((c) => [c.variant, c.status]), [['int8', 'pass'], ['int4', 'fail']]);
});

test('fail-closed: an errored cell fails the check with its error', () => {
  const g = evaluateGate(rule({ metric: 'cold_start.median_ms', max: 1000 }), full);
  assert.equal(g.checks.length, 3, 'variant-level metrics are checked once per variant');
  const int4 = g.checks.find((c) => c.variant === 'int4');
  assert.equal(int4?.status, 'fail');
  assert.match(int4?.reason ?? '', /cell errored: child killed/);
});

test('fail-closed: a missing value, a missing reference value, and a rule that matches nothing', () => {
  const partial = record([q('fp32', 'en-de', 60), q('int8', 'en-de', 60)]);
  const g = evaluateGate(rule({ variants: ['int8'], min: 1 }), partial);
  assert.equal(g.checks.find((c) => c.pair === 'en-sw')?.reason, 'no value was measured');
  const noRef = evaluateGate(rule({ variants: ['int8'], vs: 'reference', min_delta: -1, pairs: ['en-sw'] }), record([q('int8', 'en-sw', 1)]));
  assert.match(noRef.checks[0].reason, /reference fp32 has no value/);
  const nothing = evaluateGate(rule({ variants: ['nope*'], min: 1 }), full);
  assert.equal(nothing.status, 'fail');
  assert.match(nothing.checks[0].reason, /matched no variant/);
});

test('NaN never passes a bound', () => {
  const g = evaluateGate(rule({ min: 0 }), record([q('fp32', 'en-de', NaN)]));
  assert.equal(g.checks[0].status, 'fail');
});
