import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateGate } from '../../src/gates/evaluate.js';
import { renderMarkdown } from '../../src/reports/markdown.js';
import { renderSummary } from '../../src/reports/summary.js';
import type { Cell, RunRecord } from '../../src/results/record.js';
import type { GateRule } from '../../src/suite/types.js';

const variant = (id: string) => ({ id, model: id, modelDir: `/m/${id}`, layout: 'optimum-onnx', engine: 'onnxruntime', engineVersion: '1', device: 'CPU', engineOptions: {}, maxLength: 64, isReference: id === 'fp32' });
const lat = (v: string, p50: number, invalid?: string): Cell => ({
  variant: v, dataset: 'd', pair: 'en-de', measure: 'latency', values: { 'latency.p50_ms': p50 }, durationMs: 1,
  details: { n: 10, contract: { minDurationMs: 1000, minSamples: 32 }, durationMs: 900 }, ...(invalid ? { invalid } : {}),
});
const REASON = 'run contract not met: stopped at max_duration_ms 1000 with 10 of min_samples 32 samples';

function record(cells: Cell[]): RunRecord {
  return {
    schema: 'mtgate.run/1', mtgateVersion: '0', run: { id: 'r', startedAt: '', finishedAt: '', durationMs: 1, folder: '/r' },
    suite: { name: 't', path: '/t.yaml', sha256: 'x'.repeat(64), reference: 'fp32' },
    environment: { os: 'linux', arch: 'x64', cpu: 'cpu', cores: 2, memoryGiB: 8, node: 'v20', engines: {} },
    variants: ['fp32', 'int8'].map(variant), datasets: [{ id: 'd', pair: 'en-de', source: 's', references: ['r'], lines: 3 }],
    cells, gates: [], outcome: { exitCode: 1, failedGates: [], erroredCells: 0 },
  };
}
const rule = (r: Partial<GateRule>): GateRule => ({ id: 'g', metric: 'latency.p50_ms', variants: ['*'], pairs: ['*'], devices: ['*'], severity: 'fail', ...r });

test('a gate on an INVALID value fails closed, with the reason, even when the value is within bounds', () => {
  const g = evaluateGate(rule({ max: 100 }), record([lat('fp32', 5), lat('int8', 4, REASON)]));
  assert.equal(g.status, 'fail');
  assert.deepEqual(g.checks.map((c) => c.status), ['pass', 'fail']);
  assert.equal(g.checks[1].reason, `INVALID: ${REASON}`);
  assert.equal(g.checks[1].value, 4, 'the measured value stays in the evidence');
});

test('a relative gate fails when the reference value is INVALID', () => {
  const g = evaluateGate(rule({ vs: 'reference', max_ratio: 2 }), record([lat('fp32', 5, REASON), lat('int8', 4)]));
  assert.equal(g.status, 'fail');
  assert.match(g.checks[0].reason, /^reference INVALID: run contract not met/);
});

test('INVALID cells are shown in the report and the summary', () => {
  const r = record([lat('fp32', 5), lat('int8', 4, REASON)]);
  const md = renderMarkdown(r);
  assert.match(md, /## INVALID results/);
  assert.match(md, /int8 · en-de · latency: run contract not met/);
  assert.match(md, /\| int8 \| en-de \| \*\*INVALID\*\* \| 10 \|/);
  assert.match(renderSummary(r), /INVALID int8 en-de latency: run contract not met/);
});
