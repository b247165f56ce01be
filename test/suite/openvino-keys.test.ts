/** Suite keys for the OpenVINO engine: engine_options per engine, device forms, fallback, static_shape, requires. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UsageError } from '../../src/errors.js';
import { atLeast, checkRequirements } from '../../src/plan/requires.js';
import { loadSuiteText } from '../../src/suite/load.js';

const suite = (variant: string, extra = '') => `name: t
models: { m: ./model }
variants:
  - { id: a, model: m, engine: onnxruntime, device: CPU }
  - ${variant}
reference: a
datasets: [{ id: d, pair: en-de, source: s.en, references: [r.de] }]
measures: { quality: {} }
${extra}`;

function errorOf(text: string): string {
  try {
    loadSuiteText('/suites/s.yaml', text);
  } catch (err) {
    assert.ok(err instanceof UsageError, String(err));
    return err.message;
  }
  assert.fail('the suite was accepted');
}

test('an OpenVINO variant with properties, HETERO device, fallback, static shape and requires is accepted', () => {
  const s = loadSuiteText(
    '/suites/s.yaml',
    suite(
      '{ id: b, model: m, engine: openvino, device: "HETERO:NPU,CPU", fallback: fail, kv_cache: false, static_shape: { source_length: 64, target_length: 199 }, engine_options: { PERFORMANCE_HINT: LATENCY, NUM_STREAMS: 1, KV_CACHE_PRECISION: f32, CACHE_DIR: true } }',
      'requires: { openvino: "2025.1", npu_driver: "1.17" }',
    ),
  );
  const b = s.variants[1];
  assert.equal(b.device, 'HETERO:NPU,CPU');
  assert.equal(b.fallback, 'fail');
  assert.deepEqual(b.static_shape, { source_length: 64, target_length: 199 });
  assert.deepEqual(s.requires, { openvino: '2025.1', npu_driver: '1.17' });
  assert.equal(s.variants[0].fallback, 'warn', 'fallback defaults to warn');
});

test('engine_options are checked against the variant’s engine, with suggestions from that engine’s properties', () => {
  assert.match(errorOf(suite('{ id: b, model: m, engine: openvino, device: NPU, engine_options: { PERFORMANCE_HNT: LATENCY } }')), /s\.yaml:5:\d+: variants\[1\]\.engine_options\.PERFORMANCE_HNT: unknown field "PERFORMANCE_HNT"; did you mean "PERFORMANCE_HINT"\?/);
  assert.match(errorOf(suite('{ id: b, model: m, engine: onnxruntime, device: CPU, engine_options: { PERFORMANCE_HINT: LATENCY } }')), /unknown field "PERFORMANCE_HINT"; allowed: intraOpNumThreads/);
  assert.match(errorOf(suite('{ id: b, model: m, engine: openvino, device: NPU, engine_options: { INFERENCE_PRECISION_HINT: f8 } }')), /INFERENCE_PRECISION_HINT: "f8" is not allowed; .*f32, f16, bf16/);
});

test('static_shape.target_length shorter than max_length - 1 is refused at load', () => {
  assert.match(errorOf(suite('{ id: b, model: m, engine: openvino, device: NPU, static_shape: { source_length: 64, target_length: 32 } }')), /target_length: 32 is shorter than decoding.max_length - 1 \(199\)/);
});

test('versions compare numerically, component by component', () => {
  assert.ok(atLeast('2026.4.0-20000-abcdef', '2025.1'));
  assert.ok(atLeast('2025.1', '2025.1.0'));
  assert.ok(!atLeast('2024.6.0', '2025'));
  assert.ok(atLeast('1.10', '1.9'));
  assert.ok(!atLeast('no version', '1'));
});

test('requires: an older or missing runtime stops the run with exit 2 and says what it found', async () => {
  await checkRequirements({ path: '/s.yaml', requires: { onnxruntime: '1.20' } });
  await assert.rejects(checkRequirements({ path: '/s.yaml', requires: { onnxruntime: '99' } }), (err: unknown) => {
    assert.ok(err instanceof UsageError);
    assert.equal(err.exitCode, 2);
    assert.match(err.message, /requires\.onnxruntime: the suite needs onnxruntime-node >= 99, this machine has \d/);
    return true;
  });
  // Here the OpenVINO runtime is absent: the requirement cannot be met and says why.
  await assert.rejects(checkRequirements({ path: '/s.yaml', requires: { npu_driver: '1.0' } }), /requires\.npu_driver: the suite needs NPU driver >= 1\.0, but (OpenVINO is unavailable|OpenVINO reports no NPU)/);
});
