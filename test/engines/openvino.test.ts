/**
 * OpenVINO engine specifics. The runtime cannot be downloaded here, so these
 * run against the FAKE openvino-node (./fake-openvino.ts: onnxruntime
 * underneath, the binding's traps enforced); each title says so. What only
 * a real runtime can show (NPU compile, real EXECUTION_DEVICES, a real cache
 * blob) is untested here.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { M2M100Formatter } from '../../src/decoding/m2m100.js';
import { Translator } from '../../src/decoding/translator.js';
import { compileCacheDir, compileCacheKey, variantCacheDir } from '../../src/engines/compile-cache.js';
import type { LoadOptions } from '../../src/engines/engine.js';
import { DeviceFallbackError, loadVariant } from '../../src/engines/load-variant.js';
import { onnxRuntimeEngine } from '../../src/engines/onnxruntime.js';
import { createOpenVinoEngine, openVinoEngine } from '../../src/engines/openvino.js';
import { explainLoadFailure } from '../../src/engines/openvino/binding.js';
import { unexpectedDevices } from '../../src/engines/openvino/devices.js';
import { UsageError } from '../../src/errors.js';
import { detectLayout, type ModelFiles } from '../../src/models/layouts/detect.js';
import type { Variant } from '../../src/suite/types.js';
import { fakeOpenVino, type FakeOpenVinoOptions } from './fake-openvino.js';

const files = detectLayout('models/toy-m2m100/fp32', 'test');
const formatter = new M2M100Formatter(files);
const sentences = readFileSync('datasets/toy/en-de.en', 'utf8').split('\n').filter(Boolean).slice(0, 5);
const NPU_PROPERTIES = {
  FULL_DEVICE_NAME: 'Intel(R) AI Boost',
  DEVICE_ARCHITECTURE: '3720',
  NPU_DRIVER_VERSION: '1688',
  NPU_COMPILER_VERSION: (7 << 16) | 21,
};

function fake(options: FakeOpenVinoOptions = {}) {
  const f = fakeOpenVino(options);
  return { ...f, engine: createOpenVinoEngine(async () => f.ov) };
}

async function translate(opts: { engine: ReturnType<typeof fake>['engine']; files?: ModelFiles; load?: Partial<LoadOptions>; lines?: string[] }) {
  const { model, timings } = await opts.engine.load(opts.files ?? files, { device: 'CPU', options: {}, ...opts.load });
  const translator = new Translator(model, formatter, 48);
  const out: string[] = [];
  for (const s of opts.lines ?? sentences) out.push((await translator.translate(s, 'en', 'de')).text);
  return { out, model, timings };
}

const reference = (await translate({ engine: onnxRuntimeEngine as ReturnType<typeof fake>['engine'] })).out;
const tmp = () => mkdtempSync(join(tmpdir(), 'mtgate-ov-'));

describe('openvino engine without the runtime (the real situation here)', () => {
  test('availability says unavailable, why, and to run mtgate setup openvino', async (t) => {
    const a = await openVinoEngine.availability();
    if (a.available) return t.skip('the OpenVINO runtime is installed on this machine');
    assert.equal(a.available, false);
    assert.match(a.reason ?? '', /mtgate setup openvino/);
  });

  test('a missing openvino-node package is explained with the npm install command', () => {
    const err = Object.assign(new Error("Cannot find package 'openvino-node' imported from x.js"), { code: 'ERR_MODULE_NOT_FOUND' });
    assert.match(explainLoadFailure(err), /npm install openvino-node@\d{4}\.\d+\.\d+/);
  });
});

describe('openvino engine on the FAKE openvino-node', () => {
  test('FAKE: every compileModel call gets the whole config, CACHE_DIR included', async () => {
    const f = fake();
    const cacheDir = join(tmp(), 'cache');
    await f.engine.load(files, { device: 'CPU', options: { PERFORMANCE_HINT: 'LATENCY', NUM_STREAMS: 1, KV_CACHE_PRECISION: 'f32', CACHE_DIR: true }, cacheDir });
    assert.equal(f.log.compiles.length, 2);
    for (const c of f.log.compiles) {
      assert.deepEqual(c.config, { PERFORMANCE_HINT: 'LATENCY', NUM_STREAMS: 1, KV_CACHE_PRECISION: 'f32', CACHE_DIR: cacheDir });
    }
  });

  test('FAKE: LOADED_FROM_CACHE maps to cache written on a cold folder and loaded on a warm one', async () => {
    const f = fake();
    const cacheDir = join(tmp(), 'cache');
    const first = await f.engine.load(files, { device: 'CPU', options: {}, cacheDir });
    const second = await f.engine.load(files, { device: 'CPU', options: {}, cacheDir });
    assert.equal(first.timings.cache, 'written');
    assert.equal(second.timings.cache, 'loaded');
    assert.equal((await f.engine.load(files, { device: 'CPU', options: {} })).timings.cache, 'off');
  });

  test('FAKE: NPU asked, CPU reported in EXECUTION_DEVICES → flagged; fallback: fail refuses the variant', async () => {
    const f = fake({ devices: ['CPU', 'NPU'], runsOn: { NPU: 'CPU' } });
    const variant = { id: 'npu', device: 'NPU', engine_options: {}, fallback: 'warn' } as unknown as Variant;
    const { load } = await loadVariant(f.engine, files, variant, { path: join(tmp(), 's.yaml') });
    assert.deepEqual(load.executionDevices, ['CPU']);
    assert.deepEqual(load.fallback, ['CPU']);
    await assert.rejects(loadVariant(f.engine, files, { ...variant, fallback: 'fail' }, { path: join(tmp(), 's.yaml') }), (err: unknown) => {
      assert.ok(err instanceof DeviceFallbackError);
      assert.equal(err.exitCode, 3);
      assert.match(err.message, /asked for NPU but runs on CPU/);
      return true;
    });
    const honest = fake({ devices: ['CPU', 'NPU'] });
    assert.equal((await loadVariant(honest.engine, files, variant, { path: join(tmp(), 's.yaml') })).load.fallback, undefined);
  });

  test('FAKE: static shapes reshape before compile, pad, keep the outputs, count the padding', async () => {
    const f = fake();
    const { out, model } = await translate({ engine: f.engine, load: { staticShape: { sourceLength: 24, targetLength: 47 } } });
    assert.deepEqual(out, reference);
    assert.ok(f.log.compiles.every((c) => c.reshaped));
    assert.deepEqual(f.log.reshapes[0].shapes, { input_ids: '[1,24]', attention_mask: '[1,24]' });
    assert.equal(f.log.reshapes[1].shapes.input_ids, '[1,47]');
    assert.equal(model.padding?.sourcePositions, 24 * sentences.length);
    assert.ok((model.padding?.sourceTokens ?? 0) < (model.padding?.sourcePositions ?? 0));
    assert.deepEqual(model.decodingMode.staticShape, { sourceLength: 24, targetLength: 47 });
  });

  test('FAKE: padded static-shape logits match the dynamic ones (padding is masked, not attended)', async () => {
    const f = fake();
    const logits = async (load: Partial<LoadOptions>) => {
      const { model } = await f.engine.load(files, { device: 'CPU', options: {}, ...load });
      const run = model.startDecoder(await model.encode(formatter.sourceIds(sentences[3], 'en')));
      const steps = [await run.step(formatter.generation.decoderStartTokenId), await run.step(formatter.languageId('de')), await run.step(5)];
      run.dispose();
      return steps;
    };
    const dynamic = await logits({});
    const padded = await logits({ staticShape: { sourceLength: 24, targetLength: 47 } });
    for (let s = 0; s < dynamic.length; s++) {
      const worst = dynamic[s].reduce((m, v, i) => Math.max(m, Math.abs(v - padded[s][i])), 0);
      assert.ok(worst < 1e-4, `step ${s}: padded logits differ by ${worst}`);
    }
  });

  test('FAKE: static shapes refuse a too-long input instead of truncating it', async () => {
    const f = fake();
    await assert.rejects(translate({ engine: f.engine, load: { staticShape: { sourceLength: 4, targetLength: 47 } } }), (err: unknown) => {
      assert.ok(err instanceof UsageError);
      assert.match(err.message, /more than static_shape.source_length 4.*never truncates/);
      return true;
    });
  });

  const stateful: ModelFiles = { ...files, layout: 'openvino-ir-stateful', format: 'openvino-ir' };
  test('FAKE: stateful decoder (KV cache as state, beam_idx, a fresh request per sentence) gives the same outputs', async () => {
    const f = fake({ stateful: [files.decoder] });
    const { out, model } = await translate({ engine: f.engine, files: stateful });
    assert.equal(model.decodingMode.kvCache, true);
    assert.deepEqual(out, reference);
    const prefixRun = await translate({ engine: fake({ stateful: [files.decoder] }).engine, files: stateful, load: { kvCache: false } });
    assert.equal(prefixRun.model.decodingMode.kvCache, false);
    assert.deepEqual(prefixRun.out, reference);
  });

  test('FAKE: stateless with-past decoder (present.* fed back as past_key_values.*) gives the same outputs', async () => {
    const dir = tmp();
    copyFileSync(files.decoder, join(dir, 'decoder_with_past_model.onnx'));
    const withPast: ModelFiles = { ...files, layout: 'optimum-onnx-with-past', decoderWithPast: join(dir, 'decoder_with_past_model.onnx') };
    const f = fake({ withPast: { first: files.decoder, next: withPast.decoderWithPast! } });
    const { out, model } = await translate({ engine: f.engine, files: withPast });
    assert.equal(model.decodingMode.kvCache, true);
    assert.deepEqual(out, reference);
    assert.equal(f.log.compiles.length, 3);
  });

  test('FAKE: static shapes with the stateful KV cache are refused with what to do', async () => {
    const f = fake({ stateful: [files.decoder] });
    await assert.rejects(f.engine.load(stateful, { device: 'CPU', options: {}, staticShape: { sourceLength: 24, targetLength: 47 } }), /kv_cache: false, or export with --disable-stateful/);
  });

  test('FAKE: fingerprint reads device name, architecture, NPU driver and compiler versions', async () => {
    const f = fake({ devices: ['CPU', 'NPU'], properties: { NPU: NPU_PROPERTIES, CPU: { FULL_DEVICE_NAME: 'Some CPU' } } });
    const npu = await f.engine.fingerprint('NPU');
    assert.deepEqual(npu, {
      runtime_version: '2026.4.0-fake',
      device: 'NPU',
      device_name: 'Intel(R) AI Boost',
      device_architecture: '3720',
      driver_version: '1688',
      compiler_version: '7.21',
      plugin_version: '2026.4.0-fake',
    });
    const auto = await f.engine.fingerprint('AUTO:NPU,CPU');
    assert.equal(auto['NPU.driver_version'], '1688');
    assert.equal(auto['CPU.device_name'], 'Some CPU');
  });

  test('FAKE: a graph with inputs mtgate does not feed is refused (OpenVINO would run on unset tensors)', async () => {
    await assert.rejects(fake().engine.load({ ...files, decoder: files.encoder }, { device: 'CPU', options: {} }), /inputs attention_mask are not ones mtgate feeds/);
  });

  test('FAKE: an unknown device fails to compile with OpenVINO’s reason', async () => {
    await assert.rejects(fake().engine.load(files, { device: 'NPU', options: {} }), /could not compile .* for NPU: Device with "NPU" name is not registered/);
  });
});

describe('compile-cache folders', () => {
  const fp = { runtime_version: '2026.4.0', device: 'NPU', driver_version: '1688' };
  test('a runtime, driver or model change gives a new folder; the same key the same folder', async () => {
    const engineWith = (f: Record<string, string>) => ({ ...openVinoEngine, fingerprint: async () => f });
    const root = tmp();
    const folder = async (f: Record<string, string>, model = files) => {
      const { key, inputs } = await compileCacheKey(engineWith(f), model, 'NPU', {}, 'sha256');
      return compileCacheDir(root, inputs, key);
    };
    const base = await folder(fp);
    assert.equal(await folder({ ...fp }), base);
    assert.notEqual(await folder({ ...fp, runtime_version: '2026.5.0' }), base);
    assert.notEqual(await folder({ ...fp, driver_version: '1700' }), base);
    assert.notEqual(await folder(fp, detectLayout('models/toy-m2m100/int8', 'test')), base);
    assert.equal(base, join(root, base.slice(root.length + 1)));
    assert.match(base.slice(root.length + 1), /^openvino-2026\.4\.0-NPU-[0-9a-f]{16}$/);
  });

  test('FAKE: CACHE_DIR true/path/false in engine_options; a version change never reuses the folder', async () => {
    const root = tmp();
    const a = fake({ version: '2026.3.0' }).engine;
    const b = fake({ version: '2026.4.0' }).engine;
    const dirA = await variantCacheDir(a, 'CPU', files, { CACHE_DIR: 'cache' }, root);
    const dirB = await variantCacheDir(b, 'CPU', files, { CACHE_DIR: 'cache' }, root);
    assert.ok(dirA?.startsWith(join(root, 'cache')));
    assert.notEqual(dirA, dirB);
    assert.equal(await variantCacheDir(a, 'CPU', files, { CACHE_DIR: false }, root), undefined);
    assert.equal(await variantCacheDir(a, 'CPU', files, {}, root), undefined);
  });
});

test('fallback detection: which execution devices count as the one asked for', () => {
  assert.deepEqual(unexpectedDevices('NPU', ['CPU']), ['CPU']);
  assert.deepEqual(unexpectedDevices('NPU', ['NPU']), []);
  assert.deepEqual(unexpectedDevices('GPU', ['GPU.0']), []);
  assert.deepEqual(unexpectedDevices('GPU.1', ['GPU.0']), ['GPU.0']);
  assert.deepEqual(unexpectedDevices('HETERO:NPU,CPU', ['NPU', 'CPU']), []);
  assert.deepEqual(unexpectedDevices('AUTO:NPU', ['CPU']), ['CPU']);
  assert.deepEqual(unexpectedDevices('AUTO', ['CPU']), []);
});
