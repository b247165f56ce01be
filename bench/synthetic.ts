/**
 * Harness overhead at the 418M shape: greedy decoding of a synthetic
 * M2M-100 418M (generated into the model cache when missing, which is timed),
 * fp32/int8/int4, with and without the KV cache, ONNX Runtime CPU, 1 thread.
 *
 * overhead = decode-loop wall time (encoder + every step, as greedyDecode
 * measures it) ÷ summed session.run time. 1.00 means the harness adds nothing;
 * the target is ≤ 1.05. Outputs are meaningless (random weights): every
 * sentence runs to max_length, so all configurations do the same number of steps.
 *
 * `npm run bench -- synthetic [preset]`; MTGATE_BENCH_FORMS=1 adds the
 * other forms (int8 as MatMulNBits, int4 as DequantizeLinear) for comparison.
 */
import { performance } from 'node:perf_hooks';
import { greedyDecode } from '../src/decoding/greedy.js';
import { modelRunMs, onnxRuntimeEngine } from '../src/engines/onnxruntime.js';
import { summarize } from '../src/measures/stats.js';
import { detectLayout } from '../src/models/layouts/detect.js';
import { defaultModelDir, makeSyntheticModel, readManifest, type SyntheticSpec } from '../src/models/synthetic/make.js';
import type { QuantForm, SyntheticPrecision } from '../src/models/synthetic/weights.js';

const TARGET = 1.05;
const MAX_LENGTH = 24;
/** Source ids: __en__, pieces spread over the vocabulary, </s> (20 tokens). */
function source(seed: number): number[] {
  const ids = [128022];
  for (let i = 0; i < 18; i++) ids.push(4 + ((seed * 7919 + i * 104729) % 128000));
  return [...ids, 2];
}

export async function benchSynthetic(preset = '418M'): Promise<boolean> {
  const configs: { precision: SyntheticPrecision; form?: QuantForm }[] = [{ precision: 'fp32' }, { precision: 'int8' }, { precision: 'int4' }];
  if (process.env.MTGATE_BENCH_FORMS) configs.push({ precision: 'int8', form: 'nbits' }, { precision: 'int4', form: 'dq' });
  console.log(`\n== harness overhead at the ${preset} shape: synthetic M2M-100, ONNX Runtime CPU, 1 thread, max_length ${MAX_LENGTH} ==`);
  console.log('(timings on a shared machine are noisy; the overhead ratio is what this bench checks)');
  console.log('model            gen s   GiB  session ms  kv   encode ms  step p50 ms  step mean ms  overhead  target');
  let ok = true;
  for (const { precision, form } of configs) {
    const spec: SyntheticSpec = { preset, precision, layout: 'optimum', seed: 1, ...(form ? { int8Form: form, int4Form: form } : {}) };
    const dir = defaultModelDir(spec);
    let gen = 'cached';
    if (!readManifest(dir)) {
      process.stderr.write(`generating ${dir} …\n`);
      const made = makeSyntheticModel(spec, dir, (m) => process.stderr.write(`  ${m}\n`));
      gen = (made.manifest.generationMs / 1000).toFixed(1);
    }
    const manifest = readManifest(dir)!;
    const files = detectLayout(dir, 'bench');
    for (const kvCache of [true, false]) {
      const t0 = performance.now();
      const { model, timings } = await onnxRuntimeEngine.load(files, { device: 'CPU', options: { intraOpNumThreads: 1 }, kvCache });
      const sessionMs = performance.now() - t0;
      const settings = { decoderStartTokenId: 2, eosTokenId: 2, forcedBosTokenId: 128020, maxLength: MAX_LENGTH };
      await greedyDecode(model, source(0), { ...settings, maxLength: 4 }); // warm-up
      const steps: number[] = [];
      const encodes: number[] = [];
      let wall = 0;
      const runBefore = modelRunMs(model)!;
      for (let s = 1; s <= 2; s++) {
        const r = await greedyDecode(model, source(s), settings);
        wall += r.wallMs;
        encodes.push(r.encodeMs);
        steps.push(...r.stepMs);
      }
      const overhead = wall / (modelRunMs(model)! - runBefore);
      if (overhead > TARGET) ok = false;
      const st = summarize(steps);
      const name = `${precision}${form ? `-${form}` : ''}`;
      console.log(
        `${name.padEnd(15)}  ${gen.padStart(5)}  ${(manifest.totalBytes / 2 ** 30).toFixed(2).padStart(4)}  ${sessionMs.toFixed(0).padStart(10)}  ${kvCache ? 'on ' : 'off'}  ${summarize(encodes).p50.toFixed(1).padStart(9)}  ${st.p50.toFixed(1).padStart(11)}  ${(steps.reduce((a, b) => a + b, 0) / steps.length).toFixed(1).padStart(12)}  ${overhead.toFixed(3).padStart(8)}  ${overhead <= TARGET ? 'PASS' : 'MISS'}`,
      );
      void timings;
      await model.dispose();
    }
  }
  ok = (await benchStatic(preset)) && ok;
  return ok;
}

/** What static shapes cost: int4 with a decoder-mask export, dynamic vs static KV cache vs static without cache. */
async function benchStatic(preset: string): Promise<boolean> {
  const spec: SyntheticSpec = { preset, precision: 'int4', layout: 'optimum', seed: 1, decoderMask: true };
  const dir = defaultModelDir(spec);
  let gen = 'cached';
  if (!readManifest(dir)) gen = (makeSyntheticModel(spec, dir, (m) => process.stderr.write(`  ${m}\n`)).manifest.generationMs / 1000).toFixed(1);
  const files = detectLayout(dir, 'bench');
  const staticShape = { sourceLength: 64, targetLength: MAX_LENGTH };
  console.log(`\n-- static shapes, int4 with decoder_attention_mask (generated: ${gen} s), source padded to 64, target to ${MAX_LENGTH} --`);
  console.log('mode                       encode ms  step p50 ms  step mean ms  overhead  target');
  let ok = true;
  for (const [label, opts] of [
    ['dynamic, KV cache', {}],
    ['static, KV cache', { staticShape }],
    ['static, no KV cache', { staticShape, kvCache: false }],
  ] as const) {
    const { model } = await onnxRuntimeEngine.load(files, { device: 'CPU', options: { intraOpNumThreads: 1 }, ...opts });
    const settings = { decoderStartTokenId: 2, eosTokenId: 2, forcedBosTokenId: 128020, maxLength: MAX_LENGTH };
    await greedyDecode(model, source(0), { ...settings, maxLength: 4 });
    const runBefore = modelRunMs(model)!;
    const steps: number[] = [];
    const encodes: number[] = [];
    let wall = 0;
    for (let s = 1; s <= 2; s++) {
      const r = await greedyDecode(model, source(s), settings);
      wall += r.wallMs;
      encodes.push(r.encodeMs);
      steps.push(...r.stepMs);
    }
    const overhead = wall / (modelRunMs(model)! - runBefore);
    if (overhead > TARGET) ok = false;
    console.log(
      `${label.padEnd(25)}  ${summarize(encodes).p50.toFixed(1).padStart(9)}  ${summarize(steps).p50.toFixed(1).padStart(11)}  ${(steps.reduce((a, b) => a + b, 0) / steps.length).toFixed(1).padStart(12)}  ${overhead.toFixed(3).padStart(8)}  ${overhead <= TARGET ? 'PASS' : 'MISS'}`,
    );
    await model.dispose();
  }
  return ok;
}
