import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Translator, type Translation } from '../../src/decoding/translator.js';
import { bucketLabel, distinctSentences, latencyMeasure, latencyStats } from '../../src/measures/latency.js';
import type { TimedSample } from '../../src/measures/run-contract.js';
import { makePlan } from '../../src/plan/plan.js';
import { loadSuiteText } from '../../src/suite/load.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const translation = (sourceTokens: number, encodeMs: number, stepMs: number[], wallMs: number, tokens: number): Translation => ({
  tokenIds: Array(tokens).fill(5), stoppedBy: 'eos', encodeMs, stepMs, wallMs, nonFiniteLogits: false, text: 'x', sourceTokens,
});

test('buckets, encoder / decoder-step stats, tokens/s and harness overhead from samples', () => {
  assert.deepEqual([1, 8, 9, 16, 17, 33].map((n) => bucketLabel(n, [8, 16, 32])), ['1-8', '1-8', '9-16', '9-16', '17-32', '33+']);
  assert.deepEqual(distinctSentences(['a', 'b', 'a', 'c', 'b', 'd'], 3), ['a', 'b', 'c']);
  const samples: TimedSample<Translation>[] = [
    { ms: 12, round: 0, value: translation(5, 2, [3, 3, 3], 11, 4) },
    { ms: 24, round: 1, value: translation(20, 4, [6, 6, 6], 22, 4) },
    { ms: 12, round: 2, value: translation(5, 2, [3, 3, 3], 11, 4) },
  ];
  const st = latencyStats(samples, [8, 16], 2);
  assert.equal(st.summary.n, 3);
  assert.equal(st.summary.p50, 12);
  assert.equal(st.tokensPerS, (12 / 48) * 1000);
  assert.equal(st.encoder.p50, 2);
  assert.equal(st.decoderStep.n, 9);
  assert.equal(st.decoderStep.p50, 3);
  // loop wall 44 over model-run time (2+9)+(4+18)+(2+9) = 44 → exactly 1.
  assert.equal(st.harnessOverheadRatio, 1);
  assert.equal(st.endToEndOverheadRatio, 48 / 44);
  assert.deepEqual(st.buckets.map((b) => [b.bucket, b.sentences, b.n, b.p50]), [['1-8', 1, 2, 12], ['17+', 1, 1, 24]]);
});

async function toyPlan(latency: string) {
  const text = `name: t
models:
  fp32: ${join(ROOT, 'models/toy-m2m100/fp32')}
  int8: ${join(ROOT, 'models/toy-m2m100/int8')}
variants:
  - { id: fp32, model: fp32, engine: onnxruntime, device: CPU, engine_options: { intraOpNumThreads: 1 } }
  - { id: int8, model: int8, engine: onnxruntime, device: CPU, engine_options: { intraOpNumThreads: 1 } }
reference: fp32
decoding: { max_length: 32 }
datasets:
  - { id: d, pair: en-de, source: ${join(ROOT, 'datasets/toy/en-de.en')}, references: [${join(ROOT, 'datasets/toy/en-de.de')}], limit: 20 }
measures:
  latency: ${latency}
`;
  const plan = await makePlan(loadSuiteText(join(ROOT, 'suites/t.yaml'), text));
  const pv = plan.variants.find((v) => v.variant.id === 'int8')!;
  const { model } = await pv.engine.load(pv.files, { device: 'CPU', options: pv.variant.engine_options });
  const translator = new Translator(model, pv.formatter, 32);
  const ctx = { plan, variant: pv, data: plan.datasets[0], translator, outputs: [], progress: () => {} };
  return { ctx, dispose: () => model.dispose() };
}

test('toy model: a variant is sampled interleaved with the reference and gets the head-to-head statistics', { timeout: 60_000 }, async () => {
  const { ctx, dispose } = await toyPlan('{ sentences: 6, min_samples: 12, min_duration_ms: 0, warmup_samples: 1, bootstrap_resamples: 200 }');
  try {
    const r = await latencyMeasure.run(ctx);
    assert.equal(r.invalid, undefined);
    const inter = r.details!.interleaved as { rounds: number; referenceSamples: number[]; medianRatio: { resamples: number; paired: boolean } };
    assert.equal(inter.rounds, 12);
    assert.equal(inter.referenceSamples.length, 12);
    assert.equal((r.details!.samples as number[]).length, 12);
    assert.equal(inter.medianRatio.resamples, 200);
    assert.equal(inter.medianRatio.paired, true);
    const v = r.values;
    assert.ok(v['latency.median_ratio_ci_low'] <= v['latency.median_ratio_vs_reference'] && v['latency.median_ratio_vs_reference'] <= v['latency.median_ratio_ci_high']);
    assert.ok(v['latency.mann_whitney_p'] > 0 && v['latency.mann_whitney_p'] <= 1);
    assert.ok(v['latency.harness_overhead_ratio'] >= 1, 'the loop cannot be faster than the model runs inside it');
    assert.ok(v['latency.decoder_step_p50_ms'] > 0 && v['latency.encoder_p50_ms'] > 0);
    assert.equal(r.details!.sentences, 6);
  } finally {
    await dispose();
  }
});

test('toy model: tiny limits make the cell INVALID, with its values kept', { timeout: 60_000 }, async () => {
  const { ctx, dispose } = await toyPlan('{ sentences: 4, min_samples: 1000000, min_duration_ms: 0, max_duration_ms: 50, warmup_samples: 0, interleave: false }');
  try {
    const r = await latencyMeasure.run(ctx);
    assert.match(r.invalid ?? '', /run contract not met: stopped at max_duration_ms 50 with \d+ of min_samples 1000000 samples/);
    assert.ok(r.values['latency.p50_ms'] > 0);
    assert.equal(r.details!.interleaved, undefined);
  } finally {
    await dispose();
  }
});
