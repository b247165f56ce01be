/**
 * The synthetic M2M-100 generator (tiny preset) and the ONNX Runtime engine's
 * decoding modes on it: tensor names and shapes per layout, determinism by
 * seed, every layout × precision runs, KV cache / no cache / static shapes /
 * merged all give the same tokens, quantized weights are what they claim,
 * the compile cache is written then loaded.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import onnxProto from 'onnx-proto';
import { greedyDecode } from '../../src/decoding/greedy.js';
import { UsageError } from '../../src/errors.js';
import { modelRunMs, onnxRuntimeEngine } from '../../src/engines/onnxruntime.js';
import type { LoadOptions } from '../../src/engines/engine.js';
import { detectLayout } from '../../src/models/layouts/detect.js';
import { makeSyntheticModel, type SyntheticLayout, type SyntheticSpec } from '../../src/models/synthetic/make.js';
import { PRESETS } from '../../src/models/synthetic/presets.js';
import { dequantizeRowsInt4 } from '../../src/models/synthetic/quantize-rows.js';
import { INT4_BLOCK, parameter, type SyntheticPrecision } from '../../src/models/synthetic/weights.js';

const root = mkdtempSync(join(tmpdir(), 'mtgate-synthetic-test-'));
after(() => rmSync(root, { recursive: true, force: true }));
const P = PRESETS.tiny;

const built = new Map<string, string>();
function model(precision: SyntheticPrecision, layout: SyntheticLayout, seed = 1, extra: Partial<SyntheticSpec> = {}): string {
  const spec: SyntheticSpec = { preset: 'tiny', precision, layout, seed, ...extra };
  const key = JSON.stringify(spec);
  if (!built.has(key)) built.set(key, makeSyntheticModel(spec, join(root, `m${built.size}`)).dir);
  return built.get(key)!;
}

type Model = onnxProto.onnx.ModelProto;
const readModel = (path: string): Model => onnxProto.onnx.ModelProto.decode(readFileSync(path));
const initializer = (m: Model, name: string) => m.graph!.initializer!.find((t) => t.name === name);

/** Bytes of an initializer, inline or from its external data file. */
function tensorBytes(dir: string, m: Model, name: string): Uint8Array {
  const t = initializer(m, name);
  assert.ok(t, `initializer ${name}`);
  if (t.rawData && t.rawData.length) return t.rawData;
  const kv = Object.fromEntries(t.externalData!.map((e) => [e.key, e.value]));
  const file = readFileSync(join(dir, kv.location!));
  return file.subarray(Number(kv.offset), Number(kv.offset) + Number(kv.length));
}
const asFloats = (b: Uint8Array) => new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));

const SOURCE = [128022, 400, 9000, 52000, 700, 120000, 31, 2];
const SETTINGS = { decoderStartTokenId: 2, eosTokenId: 2, forcedBosTokenId: 128020, maxLength: 12 };

async function decode(dir: string, opts: Partial<LoadOptions> = {}) {
  const files = detectLayout(dir, 'test');
  const { model: m, timings } = await onnxRuntimeEngine.load(files, { device: 'CPU', options: { intraOpNumThreads: 1 }, ...opts });
  try {
    const r = await greedyDecode(m, SOURCE, SETTINGS);
    return { tokens: r.tokenIds, mode: m.decodingMode, timings, layout: files.layout, runMs: modelRunMs(m)!, wallMs: r.wallMs };
  } finally {
    await m.dispose();
  }
}

test('optimum layout: file set, optimum tensor names and KV-cache shapes', async () => {
  const dir = model('fp32', 'optimum');
  const files = detectLayout(dir, 'test');
  assert.equal(files.layout, 'optimum-onnx-with-past');
  const enc = readModel(files.encoder);
  assert.deepEqual(enc.graph!.input!.map((i) => i.name), ['input_ids', 'attention_mask']);
  assert.deepEqual(enc.graph!.output!.map((i) => i.name), ['last_hidden_state']);
  const dec = readModel(files.decoder);
  assert.deepEqual(dec.graph!.input!.map((i) => i.name), ['input_ids', 'encoder_attention_mask', 'encoder_hidden_states']);
  const presents = [...Array(P.decoderLayers).keys()].flatMap((i) => ['decoder', 'encoder'].flatMap((w) => ['key', 'value'].map((kv) => `${i}.${w}.${kv}`)));
  assert.deepEqual(dec.graph!.output!.map((o) => o.name), ['logits', ...presents.map((n) => `present.${n}`)]);
  const past = readModel(files.decoderWithPast!);
  assert.deepEqual(past.graph!.input!.map((i) => i.name), ['input_ids', 'encoder_attention_mask', ...presents.map((n) => `past_key_values.${n}`)]);
  assert.deepEqual(past.graph!.output!.map((o) => o.name), ['logits', ...presents.filter((n) => n.includes('decoder')).map((n) => `present.${n}`)]);
  // Real M2M-100 parameter names and shapes; big tensors live in external data, shared by both decoders.
  const shared = initializer(dec, 'model.shared.weight')!;
  assert.deepEqual(shared.dims!.map(Number), [P.vocabSize, P.dModel]);
  assert.equal(shared.dataLocation, onnxProto.onnx.TensorProto.DataLocation.EXTERNAL);
  assert.equal(shared.externalData!.find((e) => e.key === 'location')!.value, 'decoder_model.onnx_data');
  assert.equal(initializer(past, 'model.shared.weight')!.externalData!.find((e) => e.key === 'location')!.value, 'decoder_model.onnx_data');
  assert.deepEqual(initializer(enc, 'model.encoder.layers.1.fc1.weight_transposed')!.dims!.map(Number), [P.dModel, P.ffnDim]);
  assert.deepEqual(initializer(enc, 'model.encoder.embed_positions.weights')!.dims!.map(Number), [P.maxPositions + 2, P.dModel]);

  const run = await onnxRuntimeEngine.load(files, { device: 'CPU', options: {} });
  await run.model.dispose();
  const config = JSON.parse(readFileSync(files.config, 'utf8')) as Record<string, unknown>;
  assert.equal(config.model_type, 'm2m_100');
  assert.equal(config.vocab_size, 128112);
  const tokenizer = JSON.parse(readFileSync(files.tokenizer, 'utf8')) as { model: { vocab: [string, number][] } };
  assert.equal(tokenizer.model.vocab.length, 128112);
  assert.equal(tokenizer.model.vocab[128022][0], '__en__');
  assert.equal(tokenizer.model.vocab[128020][0], '__de__');
});

test('merged layout: one decoder with an If on use_cache_branch, same weights in the outer graph', () => {
  const dir = model('int4', 'merged');
  const files = detectLayout(dir, 'test');
  assert.equal(files.layout, 'onnx-merged');
  assert.equal(files.suffix, '_q4');
  assert.ok(files.decoder.endsWith('onnx/decoder_model_merged_q4.onnx'));
  const dec = readModel(files.decoder);
  const inputs = dec.graph!.input!.map((i) => i.name);
  assert.ok(inputs.includes('use_cache_branch') && inputs.includes('encoder_hidden_states') && inputs.includes('past_key_values.1.encoder.value'));
  const ifNode = dec.graph!.node!.find((n) => n.opType === 'If')!;
  assert.deepEqual(ifNode.input, ['use_cache_branch']);
  const branches = ifNode.attribute!.map((a) => a.name).sort();
  assert.deepEqual(branches, ['else_branch', 'then_branch']);
  // Weights are outer-graph initializers, not duplicated per branch.
  for (const a of ifNode.attribute!) assert.ok(!a.g!.initializer!.some((t) => t.name!.startsWith('model.')), `${a.name} holds no weights`);
  assert.ok(initializer(dec, 'model.decoder.layers.0.fc1.weight_Q4'));
});

test('generation is deterministic by seed, and the seed changes the weights', () => {
  const a = makeSyntheticModel({ preset: 'tiny', precision: 'fp32', layout: 'optimum', seed: 7 }, join(root, 'det-a'));
  const b = makeSyntheticModel({ preset: 'tiny', precision: 'fp32', layout: 'optimum', seed: 7 }, join(root, 'det-b'));
  const c = makeSyntheticModel({ preset: 'tiny', precision: 'fp32', layout: 'optimum', seed: 8 }, join(root, 'det-c'));
  assert.deepEqual(a.manifest.files, b.manifest.files);
  for (const f of a.manifest.files.filter((f) => !f.path.startsWith('mtgate-'))) {
    assert.ok(readFileSync(join(a.dir, f.path)).equals(readFileSync(join(b.dir, f.path))), `${f.path} is identical`);
  }
  assert.ok(!readFileSync(join(a.dir, 'decoder_model.onnx_data')).equals(readFileSync(join(c.dir, 'decoder_model.onnx_data'))));
  // A complete folder is reused, not regenerated.
  assert.equal(makeSyntheticModel({ preset: 'tiny', precision: 'fp32', layout: 'optimum', seed: 7 }, a.dir).generated, false);
});

test('int8 and int4 are quantizations of the fp32 weights, within their quantization error', () => {
  const name = 'model.decoder.layers.1.fc2';
  const N = P.dModel;
  const K = P.ffnDim;
  const w = parameter(1, `${name}.weight`, N, K);
  const fp32Dir = model('fp32', 'optimum');
  const fp32 = asFloats(tensorBytes(fp32Dir, readModel(join(fp32Dir, 'decoder_model.onnx')), `${name}.weight_transposed`));
  for (let n = 0; n < N; n += 17) for (let k = 0; k < K; k += 13) assert.equal(fp32[k * N + n], w[n * K + k]);

  const i8Dir = model('int8', 'optimum');
  const i8 = readModel(join(i8Dir, 'decoder_model.onnx'));
  const node8 = i8.graph!.node!.find((n) => n.name === `${name}/DequantizeLinear`)!;
  assert.equal(Number(node8.attribute!.find((a) => a.name === 'axis')!.i), 1);
  const raw8 = tensorBytes(i8Dir, i8, `${name}.weight_quantized`);
  const codes8 = new Int8Array(raw8.buffer, raw8.byteOffset, raw8.byteLength);
  const scales8 = asFloats(tensorBytes(i8Dir, i8, `${name}.weight_scale`));
  assert.equal(scales8.length, N, 'one scale per output channel');
  let worst8 = 0;
  for (let n = 0; n < N; n++) {
    for (let k = 0; k < K; k++) {
      const err = Math.abs(codes8[k * N + n] * scales8[n] - w[n * K + k]);
      assert.ok(err <= scales8[n] / 2 + 1e-7, `int8 error ${err} > half a step at ${n},${k}`);
      worst8 = Math.max(worst8, err);
    }
  }
  assert.ok(worst8 > 0, 'int8 weights are really quantized');

  const i4Dir = model('int4', 'optimum');
  const i4 = readModel(join(i4Dir, 'decoder_model.onnx'));
  const node4 = i4.graph!.node!.find((n) => n.name === `${name}/MatMulNBits`)!;
  const attr = (k: string) => Number(node4.attribute!.find((a) => a.name === k)!.i);
  assert.deepEqual([attr('bits'), attr('block_size'), attr('K'), attr('N')], [4, INT4_BLOCK, K, N]);
  const nb = K / INT4_BLOCK;
  const q = {
    blockSize: INT4_BLOCK,
    blocksPerRow: nb,
    packed: tensorBytes(i4Dir, i4, `${name}.weight_Q4`),
    scales: asFloats(tensorBytes(i4Dir, i4, `${name}.weight_scales`)),
    zeroPoints: tensorBytes(i4Dir, i4, `${name}.weight_zero_points`),
    zeroPointValues: new Uint8Array(N * nb),
  };
  for (let i = 0; i < N * nb; i++) q.zeroPointValues[i] = (q.zeroPoints[Math.floor(i / nb) * Math.ceil(nb / 2) + ((i % nb) >> 1)] >> ((i % nb) & 1 ? 4 : 0)) & 15;
  const deq = dequantizeRowsInt4(q, N, K);
  let distinct = new Set<number>();
  for (let n = 0; n < N; n++) {
    for (let k = 0; k < K; k++) {
      const s = q.scales[n * nb + Math.floor(k / INT4_BLOCK)];
      assert.ok(Math.abs(deq[n * K + k] - w[n * K + k]) <= s / 2 + 1e-7, `int4 error beyond half a step at ${n},${k}`);
      if (n === 0 && k < INT4_BLOCK) distinct.add(deq[k]);
    }
  }
  assert.ok(distinct.size <= 16 && distinct.size > 4, `a block holds at most 16 levels (${distinct.size})`);
  distinct = new Set();
});

test('ONNX Runtime runs every layout and precision; KV cache, no cache, static shapes and merged give the same tokens', async () => {
  for (const precision of ['fp32', 'int8', 'int4'] as const) {
    const withCache = await decode(model(precision, 'optimum'));
    assert.deepEqual(withCache.mode, { kvCache: true });
    assert.equal(withCache.tokens.length, SETTINGS.maxLength - 1);
    assert.ok(withCache.runMs > 0 && withCache.runMs <= withCache.wallMs);
    const noCache = await decode(model(precision, 'optimum'), { kvCache: false });
    assert.deepEqual(noCache.mode, { kvCache: false });
    assert.deepEqual(noCache.tokens, withCache.tokens, `${precision}: no-cache tokens`);
    const staticShape = { sourceLength: 16, targetLength: 12 };
    const padded = await decode(model(precision, 'optimum'), { staticShape });
    assert.deepEqual(padded.mode, { kvCache: false, staticShape });
    assert.deepEqual(padded.tokens, withCache.tokens, `${precision}: static-shape tokens`);
    // The merged layout's int8 is MatMulNBits (per block of 256): compare it with the same form in the optimum layout.
    const same = precision === 'int8' ? await decode(model(precision, 'optimum', 1, { int8Form: 'nbits' })) : withCache;
    if (precision === 'int8') assert.deepEqual((await decode(model(precision, 'optimum', 1, { int8Form: 'nbits' }), { kvCache: false })).tokens, same.tokens);
    const merged = await decode(model(precision, 'merged'));
    assert.equal(merged.layout, 'onnx-merged');
    assert.deepEqual(merged.mode, { kvCache: true });
    assert.deepEqual(merged.tokens, same.tokens, `${precision}: merged tokens`);
    const mergedNoCache = await decode(model(precision, 'merged'), { kvCache: false });
    assert.deepEqual(mergedNoCache.tokens, same.tokens, `${precision}: merged no-cache tokens`);
  }
});

test('the merged layout refuses the DequantizeLinear forms ONNX Runtime cannot load there', () => {
  assert.throws(() => makeSyntheticModel({ preset: 'tiny', precision: 'int4', layout: 'merged', seed: 1, int4Form: 'dq' }, join(root, 'bad')), /merged layout cannot use the dq form/);
});

test('teacher-forced logits agree across KV cache, no cache, static KV cache (decoder_attention_mask exports) and static no-cache', async () => {
  const forced = [2, 128020, 5000, 70000, 333, 90000, 12, 128000];
  const staticShape = { sourceLength: 16, targetLength: 12 };
  const cases = [
    { layout: 'optimum', decoderMask: true },
    { layout: 'merged', decoderMask: true },
    // optimum's own interface: no decoder mask, so static shapes fall back to re-running the prefix.
    { layout: 'optimum', decoderMask: false },
    { layout: 'merged', decoderMask: false },
  ] as const;
  for (const { layout, decoderMask } of cases) {
    const files = detectLayout(model('int4', layout, 1, { decoderMask }), 'test');
    const runs: Float32Array[][] = [];
    for (const opts of [{}, { kvCache: false }, { staticShape }, { staticShape, kvCache: false }] as Partial<LoadOptions>[]) {
      const { model: m } = await onnxRuntimeEngine.load(files, { device: 'CPU', options: { intraOpNumThreads: 1 }, ...opts });
      const kvCache = (opts.kvCache ?? true) && (decoderMask || !opts.staticShape);
      assert.deepEqual(m.decodingMode, { kvCache, ...(opts.staticShape ? { staticShape } : {}) });
      const run = m.startDecoder(await m.encode(SOURCE));
      const rows: Float32Array[] = [];
      for (const t of forced) rows.push((await run.step(t)).slice());
      run.dispose();
      await m.dispose();
      runs.push(rows);
    }
    let stepToStep = 0;
    for (let j = 0; j < P.vocabSize; j++) stepToStep = Math.max(stepToStep, Math.abs(runs[0][3][j] - runs[0][4][j]));
    assert.ok(stepToStep > 0.1, 'logits change from step to step, so agreement means something');
    for (const [r, rows] of runs.entries()) {
      for (let i = 0; i < forced.length; i++) {
        for (let j = 0; j < P.vocabSize; j++) {
          if (Math.abs(rows[i][j] - runs[0][i][j]) > 1e-4) assert.fail(`${layout}${decoderMask ? ' (decoder mask)' : ''} mode ${r}: logit ${j} at step ${i} differs: ${rows[i][j]} vs ${runs[0][i][j]}`);
        }
      }
    }
  }
});

test('static shapes refuse inputs longer than the static lengths, never truncate', async () => {
  const dir = model('fp32', 'optimum');
  await assert.rejects(decode(dir, { staticShape: { sourceLength: 4, targetLength: 12 } }), (err: unknown) => {
    assert.ok(err instanceof UsageError);
    assert.match(err.message, /source has 8 tokens, more than static_shape.source_length 4; raise source_length/);
    return true;
  });
  await assert.rejects(decode(dir, { staticShape: { sourceLength: 16, targetLength: 5 } }), /needs 6 decoder positions, more than static_shape.target_length 5/);
  await assert.rejects(decode(dir, { staticShape: { sourceLength: 16, targetLength: 12 }, kvCache: true }), /kv_cache: true with static_shape/);
});

test('compile cache: the optimized model is written, then loaded, with the same tokens', async () => {
  const dir = model('int4', 'optimum');
  const cacheDir = join(root, 'compile-cache');
  const first = await decode(dir, { cacheDir });
  assert.equal(first.timings.cache, 'written');
  const second = await decode(dir, { cacheDir });
  assert.equal(second.timings.cache, 'loaded');
  assert.deepEqual(second.tokens, first.tokens);
  const plain = await decode(dir);
  assert.equal(plain.timings.cache, 'off');
  assert.deepEqual(plain.tokens, first.tokens);
});
