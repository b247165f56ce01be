import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { UsageError } from '../../src/errors.js';
import { baselineVariants, checkFingerprints, lastPassing, loadStoredRun } from '../../src/results/baseline.js';
import { fingerprintDifferences, fingerprintOf } from '../../src/results/fingerprint.js';
import { appendHistory } from '../../src/results/history.js';
import { RECORD_SCHEMA, type RunRecord } from '../../src/results/record.js';
import type { GateRule } from '../../src/suite/types.js';

function makeRecord(id: string, o: { cpu?: string; version?: string; device?: string; exitCode?: number; suite?: string } = {}): RunRecord {
  const v = (vid: string, engine = 'onnxruntime') => ({ id: vid, model: vid, modelDir: '/m', layout: 'l', engine, engineVersion: engine === 'precomputed' ? '' : (o.version ?? '1.30.0'), device: o.device ?? 'CPU', engineOptions: {}, maxLength: 8, isReference: vid === 'fp32' });
  return {
    schema: RECORD_SCHEMA,
    mtgateVersion: '0.1.0',
    run: { id, startedAt: '2026-01-01T00:00:00Z', finishedAt: '2026-01-01T00:00:01Z', durationMs: 1000, folder: '/gone' },
    suite: { name: o.suite ?? 'smoke', path: '/s.yaml', sha256: 'x', reference: 'fp32' },
    environment: { os: 'linux', arch: 'x64', cpu: o.cpu ?? 'AMD EPYC', cores: 2, memoryGiB: 8, node: 'v20', engines: { onnxruntime: o.version ?? '1.30.0' } },
    variants: [v('fp32'), v('int8'), v('npu-log', 'precomputed')],
    datasets: [],
    cells: [],
    gates: [],
    outcome: { exitCode: o.exitCode ?? 0, failedGates: [], erroredCells: 0 },
  };
}

function store(dir: string, r: RunRecord): string {
  const folder = join(dir, r.run.id);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'run.json'), JSON.stringify(r));
  return folder;
}

test('fingerprint differences name the variant and the key that changed', () => {
  const a = fingerprintOf(makeRecord('a'));
  assert.deepEqual(fingerprintDifferences(a, a), []);
  assert.deepEqual(fingerprintDifferences(fingerprintOf(makeRecord('b', { version: '1.31.0' })), a, ['int8']), ['int8: onnxruntime 1.30.0 → 1.31.0']);
  assert.deepEqual(fingerprintDifferences(fingerprintOf(makeRecord('b', { device: 'GPU' })), a, ['int8']), ['int8: device CPU → GPU']);
  assert.deepEqual(fingerprintDifferences(fingerprintOf(makeRecord('b', { cpu: 'Intel Xeon' })), a, ['int8']), ['cpu AMD EPYC → Intel Xeon']);
  // Precomputed outputs do not depend on this machine's CPU.
  assert.deepEqual(fingerprintDifferences(fingerprintOf(makeRecord('b', { cpu: 'Intel Xeon' })), a, ['npu-log']), []);
  // Extra engine fingerprint keys (e.g. a driver version) count when a record has them.
  const withDriver = makeRecord('c');
  (withDriver.variants[1] as unknown as { fingerprint: Record<string, string> }).fingerprint = { driver_version: '31.0' };
  const older = makeRecord('d');
  (older.variants[1] as unknown as { fingerprint: Record<string, string> }).fingerprint = { driver_version: '30.1' };
  assert.deepEqual(fingerprintDifferences(fingerprintOf(withDriver), fingerprintOf(older), ['int8']), ['int8: driver_version 30.1 → 31.0']);
});

test('a baseline measured on another runtime is refused (exit 2) unless allowed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mtgate-fp-'));
  const base = loadStoredRun(store(dir, makeRecord('base', { version: '1.29.0' })));
  const current = fingerprintOf(makeRecord('cur'));
  assert.throws(
    () => checkFingerprints(current, base, ['fp32', 'int8'], false),
    (err: unknown) => err instanceof UsageError && err.exitCode === 2 && /measured elsewhere: fp32: onnxruntime 1\.29\.0 → 1\.30\.0; int8: .*--allow-fingerprint-mismatch/.test(err.message),
  );
  assert.deepEqual(checkFingerprints(current, base, ['fp32', 'int8'], true), ['fp32: onnxruntime 1.29.0 → 1.30.0', 'int8: onnxruntime 1.29.0 → 1.30.0']);
  assert.deepEqual(checkFingerprints(current, base, ['npu-log'], false), [], 'only the compared variants matter');
});

test('baselineVariants: the variants vs-baseline rules compare', () => {
  const rules = [{ id: 'g', metric: 'bleu', variants: ['int*'], pairs: ['*'], devices: ['CPU'], severity: 'fail', vs: 'baseline', min_delta: -1 }] as GateRule[];
  assert.deepEqual(baselineVariants(rules, [{ id: 'fp32', device: 'CPU' }, { id: 'int8', device: 'CPU' }, { id: 'int4', device: 'NPU' }]), ['int8']);
});

test('stored runs: folder or run.json; the folder is where it is now; bad files are usage errors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mtgate-stored-'));
  const folder = store(dir, makeRecord('r'));
  assert.equal(loadStoredRun(folder).record.run.folder, folder);
  assert.equal(loadStoredRun(join(folder, 'run.json')).folder, folder);
  assert.throws(() => loadStoredRun(join(dir, 'nope')), /not found; pass a run\.json or a run folder/);
  writeFileSync(join(dir, 'bad.json'), '{"schema":"other/1"}');
  assert.throws(() => loadStoredRun(join(dir, 'bad.json')), (e: unknown) => e instanceof UsageError && /is not mtgate\.run\/1/.test(e.message));
});

test('last-passing: the newest passing run of the suite with a matching fingerprint', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mtgate-last-'));
  const add = (r: RunRecord) => appendHistory(dir, r, join(store(dir, r), 'run.json'));
  const current = fingerprintOf(makeRecord('now'));
  assert.equal(lastPassing(dir, 'smoke', current), undefined, 'never passed here: nothing to compare with');
  add(makeRecord('old-pass'));
  add(makeRecord('other-suite', { suite: 'wmt' }));
  add(makeRecord('failed', { exitCode: 1 }));
  add(makeRecord('other-runtime', { version: '1.31.0' }));
  assert.equal(lastPassing(dir, 'smoke', current)?.record.run.id, 'old-pass');
  add(makeRecord('new-pass'));
  assert.equal(lastPassing(dir, 'smoke', current)?.record.run.id, 'new-pass');
  assert.throws(
    () => lastPassing(dir, 'smoke', fingerprintOf(makeRecord('x', { version: '2.0.0' })), ['int8']),
    /no passing run of suite smoke has this machine's fingerprint \(newest, new-pass, differs: int8: onnxruntime 1\.30\.0 → 2\.0\.0\); pass --allow-fingerprint-mismatch/,
  );
  assert.equal(lastPassing(dir, 'smoke', fingerprintOf(makeRecord('x', { version: '2.0.0' })), ['int8'], true)?.record.run.id, 'new-pass');
});
