import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UsageError } from '../../src/errors.js';
import { latencySettings } from '../../src/measures/latency.js';
import { METRICS } from '../../src/measures/registry.js';
import { GATE_METRICS } from '../../src/suite/schema.js';
import { loadSuiteText } from '../../src/suite/load.js';

const suite = (measures: string) => `name: t
models:
  m: ./model
variants:
  - { id: a, model: m, engine: onnxruntime, device: CPU }
reference: a
datasets:
  - { id: d, pair: en-de, source: src.en, references: [ref.de] }
measures:
${measures}`;

test('new measure keys load with their defaults', () => {
  const s = loadSuiteText('/s.yaml', suite('  cold_start: {}\n  latency: { min_time_ms: 250 }\n  memory: {}\n  queueing: {}\n'));
  assert.deepEqual(s.measures.cold_start?.cache_states, ['none']);
  assert.equal(s.measures.cold_start?.cache_key, 'stat');
  assert.deepEqual(s.measures.queueing, { clients: [1, 2, 4, 8], requests_per_level: 32, sentences: 16 });
  assert.deepEqual(s.measures.memory, { timeout_s: 300, pairs: true });
  const l = latencySettings(s.measures.latency!);
  assert.equal(l.contract.minDurationMs, 250, 'min_time_ms still works as the old name');
  assert.equal(l.contract.maxDurationMs, 120_000);
  assert.equal(l.interleave, true);
});

test('a contract that can never be met is bad input, named by file, line and field', () => {
  assert.throws(
    () => loadSuiteText('/s.yaml', suite('  latency: { min_duration_ms: 5000, max_duration_ms: 1000 }\n')),
    (e: unknown) => e instanceof UsageError && /^\/s\.yaml:10:54: measures\.latency\.max_duration_ms: 1000 is below min_duration_ms 5000/.test(e.message),
  );
  assert.throws(() => loadSuiteText('/s.yaml', suite('  cold_start: { cache_states: [warm] }\n')), /cache_states\[0\]/);
});

test('every metric a measure produces can be gated, and every gate metric is produced by a measure', () => {
  assert.deepEqual([...METRICS.keys()].sort(), [...GATE_METRICS].sort());
});
