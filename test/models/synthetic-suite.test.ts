/**
 * Suites naming synthetic models, variant keys for decoding modes, and the
 * detectors of the with-past and merged ONNX layouts (no model generation here).
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../../src/errors.js';
import { detectLayout } from '../../src/models/layouts/detect.js';
import { makePlan } from '../../src/plan/plan.js';
import { loadSuiteText } from '../../src/suite/load.js';

const root = mkdtempSync(join(tmpdir(), 'mtgate-synthetic-suite-'));
after(() => rmSync(root, { recursive: true, force: true }));
const SUITE = fileURLToPath(new URL('../../suites/synthetic-test.yaml', import.meta.url));

const suiteText = (variantExtra = '', pair = 'en-de') => `name: s
models:
  syn: { synthetic: { preset: tiny, precision: int4, layout: merged, seed: 3 } }
variants:
  - { id: a, model: syn, engine: onnxruntime, device: CPU${variantExtra} }
reference: a
decoding: { max_length: 32 }
datasets:
  - { id: d, pair: ${pair}, source: ../datasets/toy/en-de.en, references: [../datasets/toy/en-de.de] }
measures:
  agreement: {}
`;

function withCache<T>(fn: () => T): T {
  const before = process.env.MTGATE_CACHE;
  process.env.MTGATE_CACHE = join(root, 'cache');
  try {
    return fn();
  } finally {
    if (before === undefined) delete process.env.MTGATE_CACHE;
    else process.env.MTGATE_CACHE = before;
  }
}

test('a synthetic model entry resolves to its folder in the model cache, with defaults filled in', () => {
  const suite = withCache(() => loadSuiteText(SUITE, suiteText(', kv_cache: false, static_shape: { source_length: 64, target_length: 31 }')));
  assert.equal(suite.models.syn, join(root, 'cache', 'models', 'tiny-int4-merged-s3'));
  assert.deepEqual(suite.synthetic?.syn, { preset: 'tiny', precision: 'int4', layout: 'merged', seed: 3 });
  assert.equal(suite.variants[0].kv_cache, false);
  assert.deepEqual(suite.variants[0].static_shape, { source_length: 64, target_length: 31 });
});

test('validate plans a suite whose synthetic model is not generated yet, and checks its language pairs', async () => {
  const plan = await withCache(() => makePlan(loadSuiteText(SUITE, suiteText())));
  assert.deepEqual(plan.pendingSynthetic?.map((p) => p.variant), ['a']);
  assert.equal(plan.variants.length, 0);
  await assert.rejects(
    withCache(() => makePlan(loadSuiteText(SUITE, suiteText('', 'en-xx')))),
    /dataset d \(en-xx\): M2M-100 has no language xx/,
  );
});

test('suite errors: unknown preset, static target shorter than max_length, unknown model suffix', () => {
  const fails = (text: string, pattern: RegExp) =>
    assert.throws(() => withCache(() => loadSuiteText(SUITE, text)), (err: unknown) => err instanceof UsageError && pattern.test(err.message));
  fails(suiteText().replace('preset: tiny', 'preset: 7B'), /models\.syn.*preset/);
  fails(suiteText(', static_shape: { source_length: 64, target_length: 16 }'), /target_length: 16 is shorter than decoding.max_length - 1 \(31\)/);
  fails(suiteText(', model_suffix: _q8'), /model_suffix/);
});

function fakeModel(dir: string, files: string[]): string {
  for (const f of [...files, 'tokenizer.json', 'config.json']) {
    mkdirSync(join(dir, f, '..'), { recursive: true });
    writeFileSync(join(dir, f), '');
  }
  return dir;
}

test('layout detection: optimum with past, merged suffixes, and precise messages for what is missing', () => {
  const past = fakeModel(join(root, 'past'), ['encoder_model.onnx', 'decoder_model.onnx', 'decoder_with_past_model.onnx']);
  assert.equal(detectLayout(past, 'here').layout, 'optimum-onnx-with-past');
  const pastBroken = fakeModel(join(root, 'past-broken'), ['encoder_model.onnx', 'decoder_with_past_model.onnx']);
  assert.throws(() => detectLayout(pastBroken, 'here'), /here: decoder \(first step of the with-past export\) .*past-broken\/decoder_model\.onnx is missing/);

  const merged = fakeModel(join(root, 'merged'), ['onnx/encoder_model_q4.onnx', 'onnx/decoder_model_merged_q4.onnx', 'onnx/encoder_model_int8.onnx', 'onnx/decoder_model_merged_int8.onnx']);
  assert.throws(() => detectLayout(merged, 'here'), /holds merged decoders with suffixes .*"_q4".*pick one with model_suffix/);
  const q4 = detectLayout(merged, 'here', { suffix: '_q4' });
  assert.equal(q4.layout, 'onnx-merged');
  assert.ok(q4.encoder.endsWith('onnx/encoder_model_q4.onnx'));
  assert.throws(() => detectLayout(merged, 'here', { suffix: '_fp16' }), /onnx\/decoder_model_merged_fp16\.onnx is missing \(model_suffix "_fp16"\); suffixes present/);
  const noEncoder = fakeModel(join(root, 'merged-noenc'), ['onnx/decoder_model_merged.onnx']);
  assert.throws(() => detectLayout(noEncoder, 'here'), /encoder \(model_suffix ""\) .*onnx\/encoder_model\.onnx is missing/);
  // The plain optimum layout is still recognised after the more specific ones.
  assert.equal(detectLayout(fakeModel(join(root, 'plain'), ['encoder_model.onnx', 'decoder_model.onnx']), 'here').layout, 'optimum-onnx');
});
