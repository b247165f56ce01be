/**
 * Gate logic beyond absolute/reference bounds (evaluate.test.ts): severities,
 * device scopes, waivers (active/expired), baselines, paired significance,
 * delta CIs and skipped measures.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateGate } from '../../src/gates/evaluate.js';
import type { OutputsSource } from '../../src/gates/significance.js';
import type { Cell } from '../../src/results/record.js';
import type { GateRule, Waiver } from '../../src/suite/types.js';

const variant = (id: string, device = 'CPU') => ({ id, model: id, modelDir: `/m/${id}`, layout: 'optimum-onnx', engine: 'onnxruntime', engineVersion: '1', device, engineOptions: {}, maxLength: 64, isReference: id === 'fp32' });

function record(cells: Cell[], runId = 'cur') {
  return {
    run: { id: runId, folder: `/runs/${runId}` },
    suite: { name: 't', path: '/t.yaml', sha256: 'x', reference: 'fp32' },
    variants: [variant('fp32'), variant('int8'), variant('int8-npu', 'NPU')],
    datasets: [
      { id: 'd-de', pair: 'en-de', source: 's', references: ['r'], lines: 40 },
      { id: 'd-sw', pair: 'en-sw', source: 's', references: ['r'], lines: 40 },
    ],
    cells,
  };
}

const q = (v: string, pair: string, bleu: number, extra: Record<string, number> = {}): Cell => ({ variant: v, dataset: `d-${pair.slice(3)}`, pair, measure: 'quality', values: { bleu, ...extra }, durationMs: 1 });
const rule = (r: Partial<GateRule>): GateRule => ({ id: 'g', metric: 'bleu', variants: ['*'], pairs: ['*'], devices: ['*'], severity: 'fail', ...r });
const waiver = (w: Partial<Waiver>): Waiver => ({ id: 'w1', rule: 'g', variants: ['*'], pairs: ['*'], devices: ['*'], reason: 'known', owner: 'ana', expires: '2030-01-01', ...w });
const NOW = new Date('2026-11-22T12:00:00Z');

const current = record([q('fp32', 'en-de', 60), q('fp32', 'en-sw', 50), q('int8', 'en-de', 59), q('int8', 'en-sw', 44), q('int8-npu', 'en-de', 58), q('int8-npu', 'en-sw', 30)]);

test('severity warn turns failures into warnings; the rule verdict is the worst check', () => {
  const g = evaluateGate(rule({ min: 45, severity: 'warn' }), current);
  assert.equal(g.status, 'warn');
  assert.equal(g.severity, 'warn');
  assert.deepEqual(g.checks.filter((c) => c.status === 'warn').map((c) => c.variant), ['int8', 'int8-npu']);
  assert.equal(evaluateGate(rule({ min: 45 }), current).status, 'fail');
});

test('device patterns scope a rule; checks carry the device', () => {
  const g = evaluateGate(rule({ min: 45, devices: ['NPU'] }), current);
  assert.deepEqual(g.checks.map((c) => [c.variant, c.device, c.status]), [['int8-npu', 'NPU', 'pass'], ['int8-npu', 'NPU', 'fail']]);
  assert.deepEqual(g.scope, { variants: ['*'], pairs: ['*'], devices: ['NPU'] });
  const none = evaluateGate(rule({ min: 1, devices: ['GPU'] }), current);
  assert.equal(none.status, 'fail', 'a scope that matches nothing fails');
});

test('an active waiver waives exactly its scope, with who and why', () => {
  const g = evaluateGate(rule({ min: 45 }), current, { waivers: [waiver({ variants: ['int8*'], pairs: ['en-sw'], devices: ['NPU'] })], now: NOW });
  const npu = g.checks.find((c) => c.variant === 'int8-npu' && c.pair === 'en-sw')!;
  assert.equal(npu.status, 'waived');
  assert.equal(npu.waiver?.owner, 'ana');
  assert.equal(npu.waiver?.state, 'active');
  assert.match(npu.reason, /30 < min 45; waived by w1 \(ana, until 2030-01-01: known\)/);
  // int8 on CPU is outside the waiver's device scope.
  assert.equal(g.checks.find((c) => c.variant === 'int8' && c.pair === 'en-sw')!.status, 'fail');
  assert.equal(g.status, 'fail');
  const all = evaluateGate(rule({ min: 45 }), current, { waivers: [waiver({})], now: NOW });
  assert.equal(all.status, 'waived');
});

test('an expired waiver no longer waives, and the reason says it expired', () => {
  const w = waiver({ expires: '2026-11-21' });
  const g = evaluateGate(rule({ min: 45 }), current, { waivers: [w], now: NOW });
  assert.equal(g.status, 'fail');
  const c = g.checks.find((x) => x.variant === 'int8' && x.pair === 'en-sw')!;
  assert.equal(c.status, 'fail');
  assert.equal(c.waiver?.state, 'expired');
  assert.match(c.reason, /waiver w1 \(ana\) expired on 2026-11-21/);
  // The expiry day itself still waives (through its end, UTC).
  const lastDay = evaluateGate(rule({ min: 45 }), current, { waivers: [waiver({ expires: '2026-11-22' })], now: NOW });
  assert.equal(lastDay.status, 'waived');
  // An active waiver wins over an expired one for the same check.
  const both = evaluateGate(rule({ min: 45 }), current, { waivers: [w, waiver({ id: 'w2' })], now: NOW });
  assert.equal(both.status, 'waived');
  // A waiver for another rule does nothing.
  assert.equal(evaluateGate(rule({ min: 45 }), current, { waivers: [waiver({ rule: 'other' })], now: NOW }).status, 'fail');
});

test('waivers also cover fail-closed checks, and warn rules waive to waived', () => {
  const broken = record([q('fp32', 'en-de', 60), { variant: 'int8', dataset: 'd-de', pair: 'en-de', measure: 'quality', values: {}, error: 'boom', durationMs: 1 }]);
  const g = evaluateGate(rule({ min: 1, variants: ['int8'], pairs: ['en-de'] }), broken, { waivers: [waiver({})], now: NOW });
  assert.equal(g.checks[0].status, 'waived');
  assert.match(g.checks[0].reason, /cell errored: boom/);
});

test('vs baseline: compares the same variant in the baseline run; missing baseline values fail closed', () => {
  const base = record([q('fp32', 'en-de', 60), q('fp32', 'en-sw', 50), q('int8', 'en-de', 59.5), q('int8', 'en-sw', 49)], 'base');
  const g = evaluateGate(rule({ vs: 'baseline', min_delta: -1, variants: ['int8*'] }), current, { baseline: base });
  const by = (v: string, p: string) => g.checks.find((c) => c.variant === v && c.pair === p)!;
  assert.equal(by('int8', 'en-de').status, 'pass');
  assert.equal(by('int8', 'en-de').referenceValue, 59.5);
  assert.equal(by('int8', 'en-de').comparedWith, 'baseline');
  assert.equal(by('int8', 'en-de').baselineRun, 'base');
  assert.equal(by('int8', 'en-sw').status, 'fail');
  assert.equal(by('int8', 'en-sw').delta, -5);
  assert.match(by('int8-npu', 'en-de').reason, /baseline run base has no value/);
  assert.equal(by('int8-npu', 'en-de').status, 'fail');
  const older = { ...base, variants: base.variants.filter((v) => v.id !== 'int8-npu') };
  const g2 = evaluateGate(rule({ vs: 'baseline', min_delta: -1, variants: ['int8-npu'] }), current, { baseline: older });
  assert.match(g2.checks[0].reason, /baseline run base has no variant int8-npu/);
  assert.equal(g2.status, 'fail');
  // The reference variant is compared with its own baseline too (vs baseline, not vs reference).
  assert.ok(g.checks.length === 4);
  const withRef = evaluateGate(rule({ vs: 'baseline', min_delta: -1 }), current, { baseline: base });
  assert.ok(withRef.checks.some((c) => c.variant === 'fp32'));
});

test('vs baseline without a baseline run: skipped with a note, not judged', () => {
  const g = evaluateGate(rule({ vs: 'baseline', min_delta: -1 }), current);
  assert.equal(g.checks.length, 0);
  assert.equal(g.status, 'pass');
  assert.equal(g.skipped?.length, 6);
  assert.match(g.skipped![0].reason, /no baseline run given/);
});

/** In-memory outputs: hypotheses per run id × variant, one reference stream. */
function memoryOutputs(hyps: Record<string, string[]>, refs: string[]): OutputsSource {
  return {
    hypotheses: (r, v) => {
      const key = `${(r as unknown as { run: { id: string } }).run.id}/${v}`;
      if (!hyps[key]) throw new Error(`no hypotheses ${key}`);
      return hyps[key];
    },
    references: () => [refs],
  };
}

const refs = Array.from({ length: 40 }, (_, i) => `the quick brown fox number ${i} jumps over the lazy dog near river ${i % 7}`);
const degraded = refs.map((l, i) => (i % 2 === 0 ? l.split(' ').reverse().join(' ') : l));
const slightlyOff = refs.map((l, i) => (i === 3 ? l.replace('quick', 'fast') : l));

test('significance: a broken delta bound fails only when the paired test says significant', () => {
  const rec = record([q('fp32', 'en-de', 100), q('int8', 'en-de', 98.9), q('int8-npu', 'en-de', 40)]);
  const outputs = memoryOutputs({ 'cur/fp32': refs, 'cur/int8': slightlyOff, 'cur/int8-npu': degraded }, refs);
  const g = evaluateGate(rule({ vs: 'reference', min_delta: -0.5, pairs: ['en-de'], significance: { test: 'bs', alpha: 0.05, samples: 200 } }), rec, { outputs });
  const int8 = g.checks.find((c) => c.variant === 'int8')!;
  const npu = g.checks.find((c) => c.variant === 'int8-npu')!;
  assert.equal(int8.significance?.kind, 'paired-test');
  assert.equal(int8.significance?.significant, false, JSON.stringify(int8.significance));
  assert.equal(int8.status, 'pass', 'one changed word in 40 lines is noise');
  assert.match(int8.reason, /within bounds \(paired bootstrap p = [\d.]+ ≥ 0\.05: not significant\)/);
  assert.equal(npu.status, 'fail');
  assert.equal(npu.significance?.significant, true);
  assert.match(npu.reason, /delta -60 < min_delta -0\.500 \(paired bootstrap p = 0\.00\d+ < 0\.05: significant\)/);
  if (npu.significance?.kind === 'paired-test') {
    assert.ok(Math.abs(npu.significance.comparedScore - 100) < 1e-9);
    assert.match(npu.significance.signature, /bs:200\|seed:12345/);
  }
  // Approximate randomization fails the degraded variant too. (Not asserted for the one-word change:
  // sacreBLEU counts trials strictly above the real difference, so a difference confined to one line
  // comes out p = 1/(N+1) under AR; the bootstrap is the safer test for sparse differences.)
  const ar = evaluateGate(rule({ vs: 'reference', min_delta: -0.5, pairs: ['en-de'], variants: ['int8-npu'], significance: { test: 'ar', alpha: 0.05, samples: 300 } }), rec, { outputs });
  assert.equal(ar.checks[0].status, 'fail');
  assert.equal(ar.checks[0].significance?.kind === 'paired-test' && ar.checks[0].significance.test, 'ar');
  // Identical outputs are never a significant difference.
  const same = evaluateGate(rule({ vs: 'reference', min_delta: 0.5, pairs: ['en-de'], variants: ['int8'], significance: { test: 'bs', alpha: 0.05, samples: 50 } }), record([q('fp32', 'en-de', 100), q('int8', 'en-de', 100)]), { outputs: memoryOutputs({ 'cur/fp32': refs, 'cur/int8': refs }, refs) });
  assert.equal(same.checks[0].significance?.significant, false);
});

test('significance against a baseline run reads the baseline run’s outputs', () => {
  const base = record([q('int8', 'en-de', 100)], 'base');
  const cur = record([q('fp32', 'en-de', 100), q('int8', 'en-de', 40)]);
  const outputs = memoryOutputs({ 'base/int8': refs, 'cur/int8': degraded }, refs);
  const g = evaluateGate(rule({ vs: 'baseline', min_delta: -1, variants: ['int8'], pairs: ['en-de'], significance: { test: 'bs', alpha: 0.05, samples: 100 } }), cur, { baseline: base, outputs });
  assert.equal(g.checks[0].status, 'fail');
  assert.equal(g.checks[0].significance?.significant, true);
});

test('significance that cannot be computed leaves the bound to decide, and says why (fail-closed)', () => {
  const rec = record([q('fp32', 'en-de', 100), q('int8', 'en-de', 90)]);
  const g = evaluateGate(rule({ vs: 'reference', min_delta: -1, pairs: ['en-de'], variants: ['int8'], significance: { test: 'bs', alpha: 0.05, samples: 10 } }), rec, { outputs: memoryOutputs({}, refs) });
  assert.equal(g.checks[0].status, 'fail');
  assert.equal(g.checks[0].significance?.kind, 'none');
  assert.match(g.checks[0].reason, /paired test not possible: no hypotheses cur\/int8/);
});

const lat = (v: string, p50: number, details?: Record<string, unknown>): Cell => ({ variant: v, dataset: 'd-de', pair: 'en-de', measure: 'latency', values: { 'latency.p50_ms': p50 }, details, durationMs: 1 });

test('timings: a recorded delta CI decides significance; without one the report says "no CI recorded"', () => {
  const rec = record([
    lat('fp32', 10),
    lat('int8', 13, { deltaCi: { 'latency.p50_ms': { low: -0.5, high: 6, level: 0.95, vs: 'fp32' } } }),
    lat('int8-npu', 13, { deltaCi: { 'latency.p50_ms': { low: 2, high: 4, level: 0.95, vs: 'fp32' } } }),
  ]);
  const g = evaluateGate(rule({ metric: 'latency.p50_ms', vs: 'reference', max_ratio: 1.2, pairs: ['en-de'], significance: { test: 'bs', alpha: 0.05, samples: 10 } }), rec);
  const [int8, npu] = g.checks;
  assert.equal(int8.status, 'pass');
  assert.match(int8.reason, /delta CI \[-0\.500, 6\] includes 0: not significant/);
  assert.equal(npu.status, 'fail');
  assert.match(npu.reason, /ratio 1\.300 > max_ratio 1\.200 \(delta CI \[2, 4\] excludes 0: significant\)/);
  const bare = record([lat('fp32', 10), lat('int8', 13)]);
  const b = evaluateGate(rule({ metric: 'latency.p50_ms', vs: 'reference', max_ratio: 1.2, variants: ['int8'], pairs: ['en-de'], significance: { test: 'bs', alpha: 0.05, samples: 10 } }), bare);
  assert.equal(b.checks[0].status, 'fail');
  assert.match(b.checks[0].reason, /no CI recorded/);
});

test('agreement rules skip the reference variant; skipped measures (precomputed) are noted, not failed', () => {
  const rec = record([
    { variant: 'int8', dataset: 'd-de', pair: 'en-de', measure: 'agreement', values: { 'agreement.exact_match': 0.95 }, durationMs: 1 },
    { variant: 'int8-npu', dataset: 'd-de', pair: 'en-de', measure: 'agreement', values: { 'agreement.exact_match': 0.5 }, durationMs: 1 },
    lat('fp32', 10),
    lat('int8', 11),
    { variant: 'int8-npu', dataset: 'd-de', pair: 'en-de', measure: 'latency', values: {}, details: { skipped: 'precomputed outputs: no model runs' }, durationMs: 0 },
  ]);
  const a = evaluateGate(rule({ metric: 'agreement.exact_match', min: 0.9, pairs: ['en-de'] }), rec);
  assert.deepEqual(a.checks.map((c) => [c.variant, c.status]), [['int8', 'pass'], ['int8-npu', 'fail']]);
  assert.equal(a.skipped?.[0].variant, 'fp32');
  const l = evaluateGate(rule({ metric: 'latency.p50_ms', max: 100, pairs: ['en-de'] }), rec);
  assert.deepEqual(l.checks.map((c) => c.variant), ['fp32', 'int8']);
  assert.deepEqual(l.skipped, [{ variant: 'int8-npu', pair: 'en-de', reason: 'precomputed outputs: no model runs' }]);
  assert.equal(l.status, 'pass');
});

test('the result describes itself: bounds, scope, comparison, significance request', () => {
  const g = evaluateGate(rule({ vs: 'reference', min_delta: -1, max_ratio: 2, variants: ['int8'], significance: { test: 'ar', alpha: 0.01, samples: 5 } }), current, { outputs: memoryOutputs({}, refs) });
  assert.deepEqual(g.bounds, { min_delta: -1, max_ratio: 2 });
  assert.equal(g.comparedWith, 'reference');
  assert.deepEqual(g.significance, { test: 'ar', alpha: 0.01, samples: 5 });
  assert.deepEqual(g.scope.variants, ['int8']);
});
