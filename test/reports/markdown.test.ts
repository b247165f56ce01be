import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeMarkdown } from '../../src/reports/format.js';
import { renderMarkdown } from '../../src/reports/markdown.js';
import { renderSummary } from '../../src/reports/summary.js';
import type { RunRecord } from '../../src/results/record.js';

const evil = '<script>alert(1)</script> | **bold** [x](http://e)';

function record(): RunRecord {
  const v = (id: string) => ({ id, model: id, modelDir: `/m/${id}`, layout: 'optimum-onnx', engine: 'onnxruntime', engineVersion: '1.30.0', device: 'CPU', precision: id, engineOptions: {}, maxLength: 64, isReference: id === 'fp32' });
  return {
    schema: 'mtgate.run/1',
    mtgateVersion: '0.1.0',
    run: { id: 'r1', startedAt: '2026-01-01T00:00:00.000Z', finishedAt: '2026-01-01T00:00:01.000Z', durationMs: 1000, folder: '/reports/r1' },
    suite: { name: 's', path: '/s.yaml', sha256: 'a'.repeat(64), reference: 'fp32' },
    environment: { os: 'linux', arch: 'x64', cpu: 'cpu', cores: 2, memoryGiB: 24, node: 'v20', engines: { onnxruntime: '1.30.0' } },
    variants: [v('fp32'), v('int4')],
    datasets: [{ id: 'd', pair: 'en-sw', source: 's', references: ['r'], lines: 2 }],
    cells: [
      { variant: 'fp32', dataset: 'd', pair: 'en-sw', measure: 'quality', values: { bleu: 50 }, details: { bleu: { signature: 'nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0' } }, durationMs: 1 },
      { variant: 'int4', dataset: 'd', pair: 'en-sw', measure: 'quality', values: { bleu: 44.5 }, durationMs: 1 },
      { variant: 'int4', dataset: 'd', pair: 'en-sw', measure: 'translation', values: {}, details: { lines: 2, maxLengthHits: 1, emptyOutputs: 0, nonFiniteLogits: 0 }, durationMs: 1 },
      {
        variant: 'int4', dataset: 'd', pair: 'en-sw', measure: 'agreement', values: { 'agreement.exact_match': 0.5, 'agreement.chrf': 70 }, durationMs: 1,
        details: { worstExamples: [{ line: 2, source: evil, reference: 'r', referenceOutput: 'ok', output: evil, firstDivergence: 0, sentenceChrf: 3 }] },
      },
      { variant: 'int4', measure: 'cold_start', values: {}, error: 'child killed after the 60 s timeout', durationMs: 1 },
    ],
    gates: [{ id: 'int4-bleu', metric: 'bleu', severity: 'fail', comparedWith: 'reference', bounds: { min_delta: -1 }, scope: { variants: ['int4'], pairs: ['*'], devices: ['*'] }, status: 'fail', checks: [{ variant: 'int4', pair: 'en-sw', value: 44.5, referenceValue: 50, delta: -5.5, status: 'fail', reason: 'delta -5.5 < min_delta -1' }] }],
    outcome: { exitCode: 3, failedGates: ['int4-bleu'], erroredCells: 1 },
  };
}

test('the Markdown report leads with the verdict and gates, then tables with deltas and signatures', () => {
  const md = renderMarkdown(record());
  assert.match(md, /^# mtgate · s · FAIL \(run errors\)/);
  assert.ok(md.indexOf('## Gates') < md.indexOf('## Quality'));
  assert.match(md, /\| int4-bleu \| `bleu` \| ❌ \*\*fail\*\* \| int4 en-sw: delta -5\.5 &lt; min\\_delta -1 \|/);
  assert.match(md, /\| int4 \| 44\.50 \(−5\.50\) \|/);
  assert.match(md, /Signature: `nrefs:1\|case:mixed/);
  assert.match(md, /## Output flags\n\n- int4 · en-sw: 1 hit max_length without <\/s> \(of 2 lines\)/);
  assert.match(md, /## Errors\n\n- int4 · cold_start: child killed after the 60 s timeout/);
});

test('model output is inert in the Markdown report', () => {
  const md = renderMarkdown(record());
  assert.ok(!md.includes('<script>'), 'no raw HTML from model output');
  assert.ok(md.includes('&lt;script&gt;alert\\(1\\)&lt;/script&gt; \\| \\*\\*bold\\*\\* \\[x\\]\\(http://e\\)'));
  // Every table row keeps its column count despite the pipe in the output.
  const row = md.split('\n').find((l) => l.startsWith('| 2 |'))!;
  assert.equal(row.split(/(?<!\\)\|/).length - 2, 6);
  assert.equal(escapeMarkdown('a\nb'), 'a b');
});

test('the terminal summary lists failing checks and errors', () => {
  const out = renderSummary(record());
  assert.match(out, /FAIL {2}int4-bleu \(bleu\)\n {6}int4 en-sw: delta -5\.5 < min_delta -1/);
  assert.match(out, /ERROR int4 cold_start: child killed/);
  assert.match(out, /FAIL \(run errors\)/);
});
