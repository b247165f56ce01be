import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../../src/errors.js';
import { loadSuite, loadSuiteText } from '../../src/suite/load.js';

const SMOKE = fileURLToPath(new URL('../../suites/smoke.yaml', import.meta.url));

const base = `name: t
models:
  m: ./model
variants:
  - id: a
    model: m
    engine: onnxruntime
    device: CPU
  - id: b
    model: m
    engine: onnxruntime
    device: CPU
reference: a
datasets:
  - id: d
    pair: en-de
    source: src.en
    references: [ref.de]
measures:
  quality: {}
`;

function errorOf(text: string): string {
  try {
    loadSuiteText('/suites/s.yaml', text);
  } catch (err) {
    assert.ok(err instanceof UsageError, `expected a UsageError, got ${String(err)}`);
    assert.equal(err.exitCode, 2);
    assert.ok(!err.message.includes('\n'), 'errors are one line');
    return err.message;
  }
  assert.fail('the suite was accepted');
}

test('the shipped smoke suite loads with defaults and resolved paths', () => {
  const s = loadSuite(SMOKE);
  assert.equal(s.name, 'smoke');
  assert.equal(s.reference, 'fp32');
  assert.deepEqual(s.variants.map((v) => v.id), ['fp32', 'int8', 'int4']);
  assert.ok(s.models['toy-int4'].endsWith('/models/toy-m2m100/int4'));
  assert.ok(s.datasets[0].source.endsWith('/datasets/toy/en-de.en'));
  assert.equal(s.datasets[0].srcLang, 'en');
  assert.equal(s.datasets[0].tgtLang, 'de');
  assert.equal(s.variants[0].decoding.max_length, 64);
  assert.equal(s.measures.latency?.warmup_samples, 4, 'schema defaults are applied');
  assert.match(s.sha256, /^[0-9a-f]{64}$/);
});

test('a valid minimal suite loads; gate scopes default to every variant and pair', () => {
  const s = loadSuiteText('/suites/s.yaml', `${base}gates:\n  - id: g\n    metric: bleu\n    min: 1\n`);
  assert.deepEqual(s.gates[0].variants, ['*']);
  assert.deepEqual(s.gates[0].pairs, ['*']);
  assert.equal(s.datasets[0].source, '/suites/src.en');
  assert.equal(s.variants[0].decoding.max_length, 200);
});

const cases: [string, string, RegExp][] = [
  ['YAML syntax', 'name: t\nmodels: {m: x\n', /^\/suites\/s\.yaml:\d+:\d+: YAML syntax error/],
  ['unknown key with suggestion', base.replace('    device: CPU\n  - id: b', '    devise: CPU\n  - id: b'), /s\.yaml:8:5: variants\[0\]\.devise: unknown field "devise"; did you mean "device"\?/],
  ['wrong enum with suggestion', base.replace('engine: onnxruntime\n    device: CPU\nreference', 'engine: onxruntime\n    device: CPU\nreference'), /s\.yaml:11:13: variants\[1\]\.engine: "onxruntime" is not allowed; did you mean "onnxruntime"\?/],
  ['wrong type', base.replace('  quality: {}', '  quality: {metrics: bleu}'), /s\.yaml:20:22: measures\.quality\.metrics: must be array/],
  ['missing field', base.replace('reference: a\n', ''), /s\.yaml:1:1: \(top level\): missing required field "reference"/],
  ['duplicate variant id', base.replace('  - id: b', '  - id: a'), /s\.yaml:9:9: variants\[1\]\.id: duplicate id "a" \(also variants\[0\]\)/],
  ['unknown reference', base.replace('reference: a', 'reference: c'), /s\.yaml:13:12: reference: no variant has id "c"; variants: a, b/],
  ['unknown model', base.replace('    model: m\n    engine: onnxruntime\n    device: CPU\nreference', '    model: n\n    engine: onnxruntime\n    device: CPU\nreference'), /variants\[1\]\.model: unknown model "n"; known models: m/],
  ['gate on unknown metric', `${base}gates:\n  - id: g\n    metric: blue\n    min: 1\n`, /s\.yaml:23:13: gates\[0\]\.metric: "blue" is not allowed; did you mean "bleu"\?/],
  ['gate without a bound', `${base}gates:\n  - id: g\n    metric: bleu\n`, /gates\[0\]: a gate needs a bound/],
  ['delta without vs', `${base}gates:\n  - id: g\n    metric: bleu\n    min: 0\n    min_delta: -1\n`, /gates\[0\]\.min_delta: min_delta compares with another run; add "vs: reference"/],
  ['bad pair', base.replace('pair: en-de', 'pair: english-german'), /datasets\[0\]\.pair: must match/],
  ['not a mapping', '- just\n- a list\n', /a suite must be a YAML mapping/],
];

for (const [name, text, expected] of cases) {
  test(`bad suite: ${name}`, () => assert.match(errorOf(text), expected));
}

test('a missing suite file is a one-line usage error', () => {
  assert.throws(() => loadSuite('/nonexistent/suite.yaml'), (err: unknown) => err instanceof UsageError && /suite file not found/.test(err.message));
});
