/**
 * `mtgate run` end to end with OpenVINO variants on the FAKE openvino-node
 * (MTGATE_OPENVINO_BINDING → test/engines/fake-openvino-binding.ts; onnxruntime
 * underneath; its runtime version reads "-fake"). Checks the wiring a real
 * runtime would go through: compile cache written then loaded across
 * cold-start processes, NPU→CPU fallback flagged (warn) or failing the run
 * (fail, exit 3), device fingerprint in the record, padding cost reported.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { RunRecord } from '../../src/results/record.js';
import { ROOT } from './cli.js';

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const BINDING = fileURLToPath(new URL('../engines/fake-openvino-binding.ts', import.meta.url));
const FAKE = { devices: ['CPU', 'NPU'], runsOn: { NPU: 'CPU' }, properties: { NPU: { FULL_DEVICE_NAME: 'Intel(R) AI Boost', NPU_DRIVER_VERSION: '1688' } } };

function runSuite(yaml: string): { code: number; stderr: string; record: RunRecord; report: string } {
  const dir = mkdtempSync(join(tmpdir(), 'mtgate-ovfake-'));
  writeFileSync(join(dir, 'suite.yaml'), yaml);
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'run', join(dir, 'suite.yaml'), '--reports', join(dir, 'reports')], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, MTGATE_DEBUG: '', MTGATE_OPENVINO_BINDING: BINDING, MTGATE_FAKE_OPENVINO: JSON.stringify(FAKE) },
    timeout: 240_000,
  });
  const [run] = readdirSync(join(dir, 'reports'));
  const folder = join(dir, 'reports', run);
  return {
    code: r.status ?? -1,
    stderr: r.stderr,
    record: JSON.parse(readFileSync(join(folder, 'run.json'), 'utf8')) as RunRecord,
    report: readFileSync(join(folder, 'report.md'), 'utf8'),
  };
}

const suite = (npuFallback: string, measures: string) => `name: ovfake
models: { toy: ${join(ROOT, 'models/toy-m2m100/fp32')} }
variants:
  - { id: ort-cpu, model: toy, engine: onnxruntime, device: CPU }
  - { id: ov-cpu, model: toy, engine: openvino, device: CPU, engine_options: { PERFORMANCE_HINT: LATENCY, CACHE_DIR: cache } }
  - { id: ov-npu, model: toy, engine: openvino, device: NPU, fallback: ${npuFallback}, static_shape: { source_length: 32, target_length: 47 } }
reference: ort-cpu
decoding: { max_length: 48 }
datasets:
  - { id: d, pair: en-de, source: ${join(ROOT, 'datasets/toy/en-de.en')}, references: [${join(ROOT, 'datasets/toy/en-de.de')}], limit: 6 }
measures: ${measures}
`;

test('FAKE openvino-node: a run records fallback, cache written→loaded, device identity and padding', { timeout: 240_000 }, () => {
  const { code, stderr, record, report } = runSuite(suite('warn', '{ cold_start: { samples: 2, cache_states: [none, cache_cold, cache_warm] }, quality: {}, agreement: {} }'));
  assert.equal(code, 0, stderr);
  assert.equal(record.outcome.erroredCells, 0, JSON.stringify(record.cells.filter((c) => c.error)));
  assert.match(record.environment.runtimes?.openvino ?? '', /-fake$/);
  assert.equal(record.environment.devices?.['openvino/NPU']?.driver_version, '1688');

  const npu = record.variants.find((v) => v.id === 'ov-npu')!;
  assert.deepEqual(npu.load?.fallback, ['CPU']);
  assert.match(report, /Device fallback[^\n]*\n- ov-npu: asked for NPU, ran on CPU/);

  const coldCpu = record.cells.find((c) => c.variant === 'ov-cpu' && c.measure === 'cold_start')!;
  const states = (coldCpu.details as { states: { state: string; samples: { cache?: string }[]; flags: string[] }[] }).states;
  assert.deepEqual(
    states.map((s) => [s.state, s.samples.map((x) => x.cache)]),
    [['none', ['off', 'off']], ['cache_cold', ['written', 'written']], ['cache_warm', ['loaded', 'loaded']]],
    'no cache; a cold cache is written by each fresh process; a warm one is loaded (LOADED_FROM_CACHE)',
  );
  assert.deepEqual(states.flatMap((s) => s.flags), []);

  const agreement = record.cells.find((c) => c.variant === 'ov-cpu' && c.measure === 'agreement')!;
  assert.equal(agreement.values['agreement.exact_match'], 1);
  const translation = record.cells.find((c) => c.variant === 'ov-npu' && c.measure === 'translation')!;
  const padding = (translation.details as { padding?: { paddedFraction: number } }).padding;
  assert.ok(padding && padding.paddedFraction > 0 && padding.paddedFraction < 1);
});

test('FAKE openvino-node: fallback: fail turns NPU→CPU fallback into a failed run (exit 3)', { timeout: 240_000 }, () => {
  const { code, record } = runSuite(suite('fail', '{ quality: {} }'));
  assert.equal(code, 3);
  const errors = record.cells.filter((c) => c.variant === 'ov-npu' && c.error);
  assert.ok(errors.length > 0);
  assert.match(errors[0].error ?? '', /asked for NPU but runs on CPU .*fallback: fail/);
});
