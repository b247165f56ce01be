import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { RunRecord } from '../../src/results/record.js';
import { mtgate, ROOT } from './cli.js';

function onlyRunFolder(reports: string): string {
  // history.jsonl (and its lock) sit beside the run folders.
  const runs = readdirSync(reports).filter((f) => !f.startsWith('history.jsonl'));
  assert.equal(runs.length, 1, `one run folder in ${reports}`);
  return join(reports, runs[0]);
}

const value = (r: RunRecord, variant: string, pair: string, metric: string) =>
  r.cells.find((c) => c.variant === variant && c.pair === pair && metric in c.values)?.values[metric] ?? NaN;

test('the smoke suite runs end to end: record, report, hypotheses, gates pass, int4 drop visible', { timeout: 240_000 }, () => {
  const reports = mkdtempSync(join(tmpdir(), 'mtgate-smoke-'));
  const { code, stdout, stderr } = mtgate(['run', 'suites/smoke.yaml', '--reports', reports]);
  assert.equal(code, 0, `exit 0 expected\n${stdout}\n${stderr}`);
  const folder = onlyRunFolder(reports);
  const record = JSON.parse(readFileSync(join(folder, 'run.json'), 'utf8')) as RunRecord;

  assert.equal(record.schema, 'mtgate.run/1');
  assert.equal(record.outcome.exitCode, 0);
  assert.equal(record.outcome.erroredCells, 0, JSON.stringify(record.cells.filter((c) => c.error)));
  assert.match(record.suite.sha256, /^[0-9a-f]{64}$/);
  assert.ok(record.environment.engines.onnxruntime, 'runtime version recorded');
  assert.deepEqual(record.variants.map((v) => v.id), ['fp32', 'int8', 'int4']);

  for (const v of ['fp32', 'int8', 'int4']) {
    for (const pair of ['en-de', 'en-fr', 'en-es', 'en-sw']) {
      const bleu = value(record, v, pair, 'bleu');
      assert.ok(bleu > 30 && bleu < 100, `${v} ${pair} BLEU ${bleu}`);
      assert.ok(value(record, v, pair, 'latency.p50_ms') > 0);
      const [, tgt] = pair.split('-');
      const hyps = readFileSync(join(folder, 'hypotheses', v, `toy-${pair}.${tgt}`), 'utf8').split('\n');
      assert.equal(hyps.length, record.datasets.find((d) => d.pair === pair)!.lines + 1);
    }
    assert.ok(record.cells.some((c) => c.variant === v && c.measure === 'cold_start' && c.values['cold_start.median_ms'] > 0));
  }
  // The low-resource pair suffers from int4 weights; int8 does not.
  assert.ok(value(record, 'fp32', 'en-sw', 'bleu') - value(record, 'int4', 'en-sw', 'bleu') >= 2);
  assert.ok(Math.abs(value(record, 'fp32', 'en-de', 'bleu') - value(record, 'int8', 'en-de', 'bleu')) <= 1);
  assert.ok(value(record, 'int4', 'en-sw', 'agreement.exact_match') < 1);

  const report = readFileSync(join(folder, 'report.md'), 'utf8');
  assert.match(report, /^# mtgate · smoke · PASS/);
  assert.match(report, /### BLEU/);
  assert.match(report, /nrefs:1\|case:mixed\|eff:no\|tok:13a\|smooth:exp/);
  assert.match(report, /## Warm latency/);
  assert.match(report, /## Cold start and memory/);
  // The performance measures: every section, with units and sample counts.
  for (const h of ['## Warm latency: run contract', '## Warm latency: head-to-head with fp32', '## Warm latency by source length', '## Cold start by compile-cache state', '## Memory: alone, warm-coexist, cold-swap', '## Queueing on a sequential device']) {
    assert.ok(report.includes(h), `report has ${h}`);
  }
  for (const v of ['int8', 'int4']) {
    const l = record.cells.find((c) => c.variant === v && c.pair === 'en-de' && c.measure === 'latency')!;
    assert.ok(l.values['latency.median_ratio_ci_low'] <= l.values['latency.median_ratio_ci_high']);
    const m = record.cells.find((c) => c.variant === v && c.measure === 'memory')!;
    assert.ok(m.values['memory.coexist.peak_rss_mib'] > 0 && m.values['memory.swap.peak_rss_mib'] > 0);
  }
  const cold = record.cells.find((c) => c.variant === 'fp32' && c.measure === 'cold_start')!;
  assert.deepEqual((cold.details!.states as { state: string }[]).map((s) => s.state), ['none', 'cache_cold', 'cache_warm']);
  assert.ok(cold.values['cold_start.cache_warm.compile_ms'] > 0);
  const queue = record.cells.find((c) => c.variant === 'fp32' && c.pair === 'en-de' && c.measure === 'queueing')!;
  for (const n of [1, 2, 4, 8]) assert.ok(queue.values[`queueing.n${n}.throughput_per_s`] > 0);
  assert.ok(queue.values['queueing.n1.wait_p95_ms'] < 1, 'one client waits only for the queue itself');
  assert.match(stdout, /int4\s+en-sw/);
  assert.match(stdout, /PASS {2}bleu-floor/);
});

function smallSuite(dir: string, gates: string): string {
  const path = join(dir, 'suite.yaml');
  writeFileSync(
    path,
    `name: small
models:
  toy: ${join(ROOT, 'models/toy-m2m100/fp32')}
variants:
  - { id: fp32, model: toy, engine: onnxruntime, device: CPU, precision: fp32 }
reference: fp32
datasets:
  - { id: de, pair: en-de, source: ${join(ROOT, 'datasets/toy/en-de.en')}, references: [${join(ROOT, 'datasets/toy/en-de.de')}], limit: 20 }
measures:
  quality: { metrics: [bleu] }
gates:
${gates}`,
  );
  return path;
}

test('an impossible gate exits 1 and says which rule failed and why', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'mtgate-gate-'));
  const suite = smallSuite(dir, '  - { id: impossible-bleu, metric: bleu, min: 101 }\n');
  const { code, stdout } = mtgate(['run', suite, '--reports', join(dir, 'reports')]);
  assert.equal(code, 1, stdout);
  assert.match(stdout, /FAIL {2}impossible-bleu \(bleu\)\n\s+fp32 en-de: \d+\.\d+ < min 101/);
  const record = JSON.parse(readFileSync(join(onlyRunFolder(join(dir, 'reports')), 'run.json'), 'utf8')) as RunRecord;
  assert.deepEqual(record.outcome.failedGates, ['impossible-bleu']);
  assert.equal(record.gates[0].checks[0].status, 'fail');
});

test('a malformed suite exits 2 with one line naming file, line and field', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mtgate-bad-'));
  const suite = smallSuite(dir, '  - { id: g, metric: bleu, minimum: 3 }\n');
  const { code, stdout, stderr } = mtgate(['run', suite, '--reports', join(dir, 'reports')]);
  assert.equal(code, 2);
  assert.equal(stdout, '');
  assert.equal(stderr.trim().split('\n').length, 1, stderr);
  assert.match(stderr, new RegExp(`^mtgate: ${suite.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:12:\\d+: gates\\[0\\]\\.minimum: unknown field "minimum"; did you mean "min"\\?`));
  assert.ok(!existsSync(join(dir, 'reports')), 'nothing is written for bad input');
});

test('validate accepts the smoke suite and names a missing model directory', () => {
  const ok = mtgate(['validate', 'suites/smoke.yaml']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /valid · 3 variants \(reference fp32\)/);
  const dir = mkdtempSync(join(tmpdir(), 'mtgate-missing-'));
  const suite = smallSuite(dir, '  - { id: g, metric: bleu, min: 1 }\n').replace(/$/, '');
  writeFileSync(suite, readFileSync(suite, 'utf8').replace(join(ROOT, 'models/toy-m2m100/fp32'), join(dir, 'no-model')));
  const bad = mtgate(['validate', suite]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /model directory .*no-model does not exist/);
});

test('--help documents every command and the exit codes', () => {
  const { code, stdout } = mtgate(['--help']);
  assert.equal(code, 0);
  for (const cmd of ['run', 'validate', 'score']) assert.match(stdout, new RegExp(`mtgate ${cmd}`));
  assert.match(stdout, /Exit codes: 0 all gates pass, 1 a gate failed, 2 bad input, 3 the run failed/);
});

test('a pair the model has no language token for is refused before any measurement', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mtgate-lang-'));
  const suite = smallSuite(dir, '  - { id: g, metric: bleu, min: 1 }\n');
  writeFileSync(suite, readFileSync(suite, 'utf8').replace('pair: en-de', 'pair: en-xx'));
  const { code, stderr } = mtgate(['run', suite, '--reports', join(dir, 'reports')]);
  assert.equal(code, 2);
  assert.match(stderr, /variant fp32, dataset de \(en-xx\): .*tokenizer\.json: the tokenizer has no language token __xx__/);
  assert.ok(!existsSync(join(dir, 'reports')));
});
