/**
 * One engine contract, run against every engine: ONNX Runtime for real, and
 * OpenVINO against the real runtime when it loads here, otherwise against the
 * FAKE openvino-node of ./fake-openvino.ts (onnxruntime underneath; named so
 * in every test title). On this project's CI the OpenVINO runtime cannot be
 * downloaded, so the OpenVINO rows run on the fake.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { M2M100Formatter } from '../../src/decoding/m2m100.js';
import { Translator } from '../../src/decoding/translator.js';
import type { Engine } from '../../src/engines/engine.js';
import { onnxRuntimeEngine } from '../../src/engines/onnxruntime.js';
import { createOpenVinoEngine, openVinoEngine } from '../../src/engines/openvino.js';
import { detectLayout } from '../../src/models/layouts/detect.js';
import { fakeOpenVino } from './fake-openvino.js';

const files = detectLayout('models/toy-m2m100/fp32', 'test');
const formatter = new M2M100Formatter(files);
const vocab = (JSON.parse(readFileSync(files.config, 'utf8')) as { vocab_size: number }).vocab_size;
const sentences = readFileSync('datasets/toy/en-de.en', 'utf8').split('\n').filter(Boolean).slice(0, 6);

const realOpenVino = await openVinoEngine.availability();
const openVinoUnderTest: { label: string; engine: Engine } = realOpenVino.available
  ? { label: `openvino (real runtime ${realOpenVino.version})`, engine: openVinoEngine }
  : { label: 'openvino (FAKE openvino-node: onnxruntime underneath)', engine: createOpenVinoEngine(async () => fakeOpenVino().ov) };

const engines = [{ label: 'onnxruntime (real)', engine: onnxRuntimeEngine }, openVinoUnderTest];

async function translateAll(engine: Engine, extra: Partial<Parameters<Engine['load']>[1]> = {}): Promise<string[]> {
  const { model } = await engine.load(files, { device: 'CPU', options: {}, ...extra });
  const translator = new Translator(model, formatter, 48);
  const out: string[] = [];
  for (const s of sentences) out.push((await translator.translate(s, 'en', 'de')).text);
  await model.dispose();
  return out;
}

const referenceOutputs = await translateAll(onnxRuntimeEngine);
assert.ok(referenceOutputs.every((t) => t.length > 0), 'the reference translations are not empty');

for (const { label, engine } of engines) {
  describe(`engine contract: ${label}`, () => {
    test('is available and names its runtime version', async () => {
      const a = await engine.availability();
      assert.equal(a.available, true, a.reason);
      assert.ok(a.version && a.version.length > 0);
    });

    test('fingerprints the runtime and device', async () => {
      const f = await engine.fingerprint('CPU');
      assert.ok(f.runtime_version);
      assert.equal(f.device, 'CPU');
    });

    test('load reports read/compile times and the cache as off without a cache folder', async () => {
      const { model, timings } = await engine.load(files, { device: 'CPU', options: {} });
      assert.ok(timings.readMs >= 0 && timings.compileMs > 0);
      assert.equal(timings.cache, 'off');
      assert.equal(typeof model.decodingMode.kvCache, 'boolean');
      await model.dispose();
    });

    test('encode + step give one logit per vocabulary entry; a new decoder run starts from scratch', async () => {
      const { model } = await engine.load(files, { device: 'CPU', options: {} });
      const ids = formatter.sourceIds(sentences[0], 'en');
      const source = await model.encode(ids);
      assert.equal(source.sourceLength, ids.length);
      const first = model.startDecoder(source);
      const a1 = await first.step(formatter.generation.decoderStartTokenId);
      const a2 = await first.step(formatter.languageId('de'));
      first.dispose();
      assert.ok(a1 instanceof Float32Array);
      assert.equal(a1.length, vocab);
      assert.equal(a2.length, vocab);
      const second = model.startDecoder(source);
      const b1 = await second.step(formatter.generation.decoderStartTokenId);
      second.dispose();
      assert.deepEqual(b1, a1, 'a fresh decoder run must not see the previous run (state reset)');
      await model.dispose();
    });

    test('greedy translations equal onnxruntime’s on the toy model', async () => {
      assert.deepEqual(await translateAll(engine), referenceOutputs);
    });
  });
}
