import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { measureMemory } from '../../src/measures/memory.js';
import type { MemoryAnswer, MemoryModel } from '../../src/measures/memory-child.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const toy = (variant: string, precision: string): MemoryModel => ({
  variant,
  engine: 'onnxruntime',
  modelDir: join(ROOT, 'models/toy-m2m100', precision),
  device: 'CPU',
  options: { intraOpNumThreads: 1 },
  maxLength: 16,
});

test('memory on the toy model: single, warm-coexist and cold-swap in fresh processes', { timeout: 120_000 }, async () => {
  const r = await measureMemory({ variant: toy('int8', 'int8'), reference: toy('fp32', 'fp32'), sentence: 'the cat sleeps', srcLang: 'en', tgtLang: 'de', timeoutMs: 60_000 });
  const v = r.values;
  for (const k of ['memory.single.peak_rss_mib', 'memory.single.after_load_rss_mib', 'memory.coexist.peak_rss_mib', 'memory.coexist.after_loads_rss_mib', 'memory.swap.peak_rss_mib']) {
    assert.ok(v[k] > 20 && v[k] < 4096, `${k} = ${v[k]} MiB`);
  }
  const coexist = r.details!.coexist as MemoryAnswer;
  const swap = r.details!.swap as MemoryAnswer;
  assert.deepEqual(coexist.steps.map((s) => s.step), ['runtime imported', 'fp32 loaded', 'fp32 translated', 'int8 loaded', 'int8 translated']);
  assert.deepEqual(swap.steps.map((s) => s.step), ['runtime imported', 'fp32 loaded', 'fp32 translated', 'fp32 disposed', 'int8 loaded', 'int8 translated', 'int8 disposed']);
  // Peak RSS is never below any RSS the process reported along the way.
  for (const a of [coexist, swap, r.details!.single as MemoryAnswer]) {
    for (const s of a.steps) assert.ok(a.peakRssMib + 0.5 >= s.rssMib, `${a.mode} ${s.step}: ${s.rssMib} > peak ${a.peakRssMib}`);
  }
  assert.equal(v['memory.coexist_extra_mib'], v['memory.coexist.peak_rss_mib'] - v['memory.swap.peak_rss_mib']);
  // Loading a model costs memory: both loaded ≥ the reference alone, in the same process.
  assert.ok(coexist.steps[3].rssMib >= coexist.steps[1].rssMib);
});

test('the reference alone gets only the single scenario', { timeout: 60_000 }, async () => {
  const r = await measureMemory({ variant: toy('fp32', 'fp32'), sentence: 'the cat', srcLang: 'en', tgtLang: 'de', timeoutMs: 60_000 });
  assert.deepEqual(Object.keys(r.values).sort(), ['memory.single.after_load_rss_mib', 'memory.single.peak_rss_mib']);
});
