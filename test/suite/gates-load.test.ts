import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { UsageError } from '../../src/errors.js';
import { loadSuiteText } from '../../src/suite/load.js';

const base = `name: t
models:
  m: ./model
variants:
  - { id: a, model: m, engine: onnxruntime, device: CPU }
  - { id: shadow, device: NPU, outputs: { en-de: logs/shadow.de } }
reference: a
datasets:
  - { id: d, pair: en-de, source: src.en, references: [ref.de] }
measures:
  quality: {}
gates:
  - { id: g, metric: bleu, vs: baseline, min_delta: -1, devices: NPU, severity: warn, significance: { test: ar } }
`;

const usage = (re: RegExp) => (err: unknown) => err instanceof UsageError && re.test(err.message);

test('gate rules: devices, severity, significance defaults; precomputed variants; baseline settings', () => {
  const s = loadSuiteText('/x/t.yaml', `${base}baseline: { run: ../runs/r1, allow_fingerprint_mismatch: true }\n`);
  assert.deepEqual(s.gates[0].devices, ['NPU']);
  assert.equal(s.gates[0].severity, 'warn');
  assert.deepEqual(s.gates[0].significance, { test: 'ar', alpha: 0.05, samples: 10000 });
  const shadow = s.variants[1];
  assert.equal(shadow.engine, 'precomputed');
  assert.equal(shadow.device, 'NPU');
  assert.deepEqual(shadow.outputs, { 'en-de': '/x/logs/shadow.de' });
  assert.deepEqual(s.baseline, { run: '/runs/r1', allow_fingerprint_mismatch: true });
  assert.deepEqual(loadSuiteText('/x/t.yaml', base).baseline, { run: undefined, allow_fingerprint_mismatch: false });
  assert.equal(loadSuiteText('/x/t.yaml', `${base}baseline: { run: last-passing }\n`).baseline.run, 'last-passing');
});

test('a suite of only precomputed variants needs no models', () => {
  const s = loadSuiteText('/x/t.yaml', base.replace('models:\n  m: ./model\n', '').replace('  - { id: a, model: m, engine: onnxruntime, device: CPU }\n', '').replace('reference: a', 'reference: shadow'));
  assert.deepEqual(s.models, {});
  assert.equal(s.variants.length, 1);
});

test('precomputed variants: outputs for unknown pairs and model keys are refused with the line', () => {
  assert.throws(() => loadSuiteText('/x/t.yaml', base.replace('outputs: { en-de', 'outputs: { en-fr')), usage(/t\.yaml:6:\d+: variants\[1\]\.outputs\.en-fr: no dataset has pair en-fr/));
  assert.throws(() => loadSuiteText('/x/t.yaml', base.replace('{ id: shadow,', '{ id: shadow, model: m,')), usage(/variants\[1\]\.model: a variant with outputs has no model/));
});

test('significance needs a comparison; waivers need a known rule and a real date', () => {
  assert.throws(
    () => loadSuiteText('/x/t.yaml', base.replace('vs: baseline, min_delta: -1,', 'min: 1,')),
    usage(/gates\[0\]\.significance: significance qualifies a delta\/ratio bound/),
  );
  const w = (body: string) => `${base}waivers:\n  - ${body}\n`;
  const ok = loadSuiteText('/x/t.yaml', w('{ rule: g, variants: shadow, reason: r, owner: o, expires: "2027-02-28" }'));
  assert.deepEqual(ok.waivers, [{ id: 'g#1', rule: 'g', variants: ['shadow'], pairs: ['*'], devices: ['*'], reason: 'r', owner: 'o', expires: '2027-02-28' }]);
  assert.throws(() => loadSuiteText('/x/t.yaml', w('{ rule: nope, reason: r, owner: o, expires: "2027-01-01" }')), usage(/t\.yaml:15:\d+: waivers\[0\]\.rule: no gate has id "nope"; gates: g/));
  assert.throws(() => loadSuiteText('/x/t.yaml', w('{ rule: g, reason: r, owner: o, expires: "2027-02-30" }')), usage(/waivers\[0\]\.expires: "2027-02-30" is not a calendar date/));
  assert.throws(() => loadSuiteText('/x/t.yaml', w('{ rule: g, reason: r, expires: "2027-01-01" }')), usage(/waivers\[0\]/));
});

test('waivers from a separate file, with file-and-entry errors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mtgate-waivers-'));
  writeFileSync(join(dir, 'waivers.yaml'), '- { id: w, rule: g, devices: NPU, reason: driver bug 123, owner: ana, expires: "2030-01-01" }\n');
  const s = loadSuiteText(join(dir, 't.yaml'), `${base}waivers: waivers.yaml\n`);
  assert.equal(s.waivers[0].id, 'w');
  assert.deepEqual(s.waivers[0].devices, ['NPU']);
  writeFileSync(join(dir, 'waivers.yaml'), '- { rule: g, reason: r, owner: o, expires: "2030-01-01", scope: x }\n');
  assert.throws(() => loadSuiteText(join(dir, 't.yaml'), `${base}waivers: waivers.yaml\n`), usage(/waivers\.yaml: waiver 1: unknown field "scope"/));
  assert.throws(() => loadSuiteText(join(dir, 't.yaml'), `${base}waivers: missing.yaml\n`), usage(/missing\.yaml: waivers file not found/));
});
