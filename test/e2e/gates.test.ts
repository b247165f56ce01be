/**
 * Regression gating end to end, through the CLI: baselines and history,
 * fingerprint refusal, re-gating stored runs, precomputed variants, waivers,
 * merge and diff.
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { RunRecord } from '../../src/results/record.js';
import { mtgate, ROOT } from './cli.js';

const readRecord = (folder: string) => JSON.parse(readFileSync(join(folder, 'run.json'), 'utf8')) as RunRecord;
const runFolders = (reports: string) => readdirSync(reports).filter((f) => !f.startsWith('history')).sort().map((f) => join(reports, f));

test('smoke twice: the second run against last-passing and `mtgate gate second --baseline first` pass; a foreign fingerprint is refused', { timeout: 300_000 }, () => {
  const reports = mkdtempSync(join(tmpdir(), 'mtgate-twice-'));
  // The first nightly: last-passing finds nothing yet, so baseline gates are skipped (and it says so).
  const first = mtgate(['run', 'suites/smoke.yaml', '--reports', reports, '--baseline', 'last-passing']);
  assert.equal(first.code, 0, first.stdout + first.stderr);
  assert.match(first.stderr, /no passing run of suite smoke in .*history\.jsonl yet; vs: baseline gates are skipped this time/);
  assert.match(first.stdout, /SKIP {2}no-bleu-regression \(bleu\): no baseline run given/);
  const second = mtgate(['run', 'suites/smoke.yaml', '--reports', reports, '--baseline', 'last-passing']);
  assert.equal(second.code, 0, second.stdout + second.stderr);
  const [a, b] = runFolders(reports);
  const rb = readRecord(b);
  assert.equal(rb.baseline?.run, readRecord(a).run.id);
  const regression = rb.gates.find((g) => g.id === 'no-bleu-regression')!;
  assert.equal(regression.checks.length, 12);
  assert.ok(regression.checks.every((c) => c.status === 'pass' && c.comparedWith === 'baseline' && c.delta === 0), JSON.stringify(regression.checks[0]));
  assert.ok(regression.checks.every((c) => c.significance?.kind === 'paired-test' && c.significance.significant === false));

  const gated = mtgate(['gate', b, '--baseline', a]);
  assert.equal(gated.code, 0, gated.stdout + gated.stderr);
  const rg = readRecord(join(b, 'gated'));
  assert.equal(rg.baseline?.run, readRecord(a).run.id);
  assert.deepEqual(rg.cells, rb.cells, 'no model was re-run: the measurements are the stored ones');
  assert.ok(existsSync(join(b, 'gated', 'report.md')));

  // The same baseline as measured on another runtime version.
  const foreign = mkdtempSync(join(tmpdir(), 'mtgate-foreign-'));
  cpSync(a, foreign, { recursive: true });
  const ra = readRecord(foreign);
  ra.variants.forEach((v) => (v.engineVersion = '0.0.1'));
  writeFileSync(join(foreign, 'run.json'), JSON.stringify(ra));
  const refused = mtgate(['gate', b, '--baseline', foreign, '--out', join(foreign, 'out')]);
  assert.equal(refused.code, 2, refused.stdout + refused.stderr);
  assert.equal(refused.stderr.trim().split('\n').length, 1);
  assert.match(refused.stderr, /baseline .*run\.json was measured elsewhere: fp32: onnxruntime 0\.0\.1 → \S+; int8: .*--allow-fingerprint-mismatch/);
  assert.ok(!existsSync(join(foreign, 'out')), 'nothing written when refused');
  const allowed = mtgate(['gate', b, '--baseline', foreign, '--allow-fingerprint-mismatch', '--out', join(foreign, 'out')]);
  assert.equal(allowed.code, 0, allowed.stdout + allowed.stderr);
  assert.equal(readRecord(join(foreign, 'out')).baseline?.fingerprintDifferences.length, 3);

  // History: both runs, oldest first, with a trend per metric.
  const history = mtgate(['history', '--reports', reports, '--metric', 'bleu', '--variant', 'int4', '--pair', 'en-sw']);
  assert.equal(history.code, 0, history.stderr);
  assert.match(history.stdout, /suite smoke · 2 runs/);
  assert.match(history.stdout, /int4\|en-sw\|bleu\s+(\d+\.\d\d)\s+\1\s+▄▄\s+→/);

  // Merge: same machine and device, so colliding ids are qualified by run id.
  const merged = join(reports, 'merged');
  const m = mtgate(['merge', a, b, '--out', merged]);
  assert.equal(m.code, 0, m.stdout + m.stderr);
  const rm = readRecord(merged);
  assert.equal(rm.variants.length, 6);
  assert.ok(rm.variants.some((v) => v.id === `int4@${readRecord(a).run.id}`));
  assert.equal(rm.variants.filter((v) => v.isReference).length, 1);
  assert.equal(rm.mergedFrom?.length, 2);
  assert.ok(existsSync(join(merged, 'hypotheses', `int4@${readRecord(b).run.id}`, 'toy-en-sw.sw')));
  assert.equal(rm.gates.find((g) => g.id === 'bleu-floor')!.checks.length, 24);
});

/** A suite mixing the toy fp32 model and precomputed outputs: the reference translations ("perfect") and a degraded copy. */
function precomputedSuite(dir: string, extra = ''): string {
  const refs = readFileSync(join(ROOT, 'datasets/toy/en-de.de'), 'utf8').split('\n').slice(0, -1);
  writeFileSync(join(dir, 'perfect.de'), refs.map((l) => `${l}\n`).join(''));
  // Every other line replaced by the next one's translation: aligned, but wrong for half the lines.
  writeFileSync(join(dir, 'degraded.de'), refs.map((l, i) => `${i % 2 ? l : refs[(i + 1) % refs.length]}\n`).join(''));
  const path = join(dir, 'suite.yaml');
  writeFileSync(
    path,
    `name: shadow
models:
  toy: ${join(ROOT, 'models/toy-m2m100/fp32')}
variants:
  - { id: perfect, device: CPU, outputs: { en-de: perfect.de } }
  - { id: model, model: toy, engine: onnxruntime, device: CPU }
  - { id: degraded, device: NPU, outputs: { en-de: degraded.de } }
reference: perfect
datasets:
  - { id: de, pair: en-de, source: ${join(ROOT, 'datasets/toy/en-de.en')}, references: [${join(ROOT, 'datasets/toy/en-de.de')}], limit: 60 }
measures:
  quality: { metrics: [bleu, chrf] }
  agreement: { worst_examples: 2 }
  latency: { sentences: 2, min_samples: 4, min_time_ms: 0, warmup_samples: 1 }
gates:
  - id: no-significant-drop
    metric: bleu
    variants: degraded
    vs: reference
    min_delta: -1
    significance: { test: bs, alpha: 0.05, samples: 300 }
  - id: latency-ceiling
    metric: latency.p50_ms
    max: 100000
${extra}`,
  );
  return path;
}

test('a degraded precomputed variant fails with the rule, the evidence and exit 1; an expired waiver does not waive it, an active one does', { timeout: 180_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'mtgate-degraded-'));
  const suite = precomputedSuite(dir);
  const reports = join(dir, 'reports');
  const r = mtgate(['run', suite, '--reports', reports]);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /FAIL {2}no-significant-drop \(bleu\)\n\s+degraded en-de: delta -\d+\.\d+ < min_delta -1 \(paired bootstrap p = 0\.00\d+ < 0\.05: significant\)/);
  const [run] = runFolders(reports);
  const record = readRecord(run);
  assert.equal(record.outcome.exitCode, 1);
  assert.deepEqual(record.outcome.failedGates, ['no-significant-drop']);
  assert.equal(record.outcome.erroredCells, 0, 'skipped measures are not errors');
  const perfect = record.cells.find((c) => c.variant === 'perfect' && c.measure === 'quality')!;
  assert.equal(perfect.values.bleu.toFixed(6), '100.000000');
  assert.match(String(record.cells.find((c) => c.variant === 'degraded' && c.measure === 'latency')?.details?.skipped), /precomputed outputs/);
  const latency = record.gates.find((g) => g.id === 'latency-ceiling')!;
  assert.deepEqual(latency.checks.map((c) => c.variant), ['model'], 'latency is judged where it was measured');
  assert.deepEqual(latency.skipped?.map((s) => s.variant), ['perfect', 'degraded']);
  const agreement = record.cells.find((c) => c.variant === 'degraded' && c.measure === 'agreement')!;
  assert.equal(agreement.values['agreement.exact_match'], 0.5);
  assert.ok(existsSync(join(run, 'hypotheses', 'degraded', 'de.de')), 'precomputed outputs are kept with the run');
  const report = readFileSync(join(run, 'report.md'), 'utf8');
  assert.match(report, /\| no-significant-drop \| `bleu` \| ❌ \*\*fail\*\* \| degraded en-de: delta/);

  // Waivers are re-evaluated on the stored run, without running anything again.
  const expired = precomputedSuite(dir, 'waivers:\n  - { id: npu-known, rule: no-significant-drop, devices: NPU, reason: driver bug 42, owner: ana, expires: "2020-01-31" }\n');
  const g1 = mtgate(['gate', run, '--suite', expired, '--out', join(dir, 'g1')]);
  assert.equal(g1.code, 1, g1.stdout + g1.stderr);
  assert.match(g1.stdout, /waiver npu-known \(ana\) expired on 2020-01-31/);
  assert.match(readFileSync(join(dir, 'g1', 'report.md'), 'utf8'), /\| npu-known \| no-significant-drop \| .* \| 2020-01-31 \| \*\*expired\*\* \(no longer waives\) \| 0 \|/);
  const active = precomputedSuite(dir, 'waivers:\n  - { id: npu-known, rule: no-significant-drop, devices: NPU, reason: driver bug 42, owner: ana, expires: "2999-01-31" }\n');
  const g2 = mtgate(['gate', run, '--suite', active, '--out', join(dir, 'g2')]);
  assert.equal(g2.code, 0, g2.stdout + g2.stderr);
  assert.match(g2.stdout, /WAIVED {2}no-significant-drop/);
  assert.equal(readRecord(join(dir, 'g2')).gates[0].checks[0].waiver?.owner, 'ana');

  // diff: the degraded outputs against the perfect ones, as a shadow log against production.
  const d = mtgate(['diff', join(dir, 'perfect.de'), join(dir, 'degraded.de'), '--worst', '2', '--json']);
  assert.equal(d.code, 0, d.stderr);
  const [diff] = JSON.parse(d.stdout) as { lines: number; exactMatch: number; firstDivergentLine: number; worst: unknown[]; agreementChrf: number }[];
  assert.equal(diff.lines, 160);
  assert.equal(diff.exactMatch, 0.5);
  assert.equal(diff.firstDivergentLine, 1);
  assert.equal(diff.worst.length, 2);
  assert.ok(diff.agreementChrf > 0 && diff.agreementChrf < 100);
  const text = mtgate(['diff', run, run]);
  assert.match(text.stdout, /degraded\/de\.de: 60 lines · exact match 100\.0 %/);
  writeFileSync(join(dir, 'short.de'), 'one line\n');
  const mismatch = mtgate(['diff', join(dir, 'perfect.de'), join(dir, 'short.de')]);
  assert.equal(mismatch.code, 2);
  assert.match(mismatch.stderr, /short\.de has 1 lines but .*perfect\.de has 160; diff compares line-aligned outputs/);
});
