import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { measureColdStart, type ColdStartJob } from '../../src/measures/cold-start.js';
import { compileCacheKey, canonicalJson } from '../../src/engines/compile-cache.js';
import { detectLayout } from '../../src/models/layouts/detect.js';
import { fakeCacheEngine } from './helpers/fake-cache-engine.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PRELOAD = new URL('./helpers/fake-cache-engine.ts', import.meta.url).href;
const toyFiles = () => detectLayout(join(ROOT, 'models/toy-m2m100/fp32'), 'test');

function job(over: Partial<ColdStartJob> = {}): ColdStartJob {
  return {
    engine: fakeCacheEngine,
    files: toyFiles(),
    device: 'CPU',
    options: {},
    maxLength: 8,
    sentence: 'the cat',
    srcLang: 'en',
    tgtLang: 'de',
    samples: 2,
    timeoutMs: 60_000,
    states: ['none', 'cache_cold', 'cache_warm'],
    cacheKey: 'stat',
    folder: mkdtempSync(join(tmpdir(), 'mtgate-cs-')),
    env: {},
    preload: [PRELOAD],
    ...over,
  };
}

type States = { state: string; samples: { cache: string; compileMs: number }[]; flags: string[]; primed?: string; failures: unknown[] }[];

test('cold start samples every cache state in fresh children and records what the engine reported', { timeout: 120_000 }, async () => {
  const j = job();
  const r = await measureColdStart(j);
  assert.equal(r.invalid, undefined);
  const states = r.details!.states as States;
  assert.deepEqual(states.map((s) => s.state), ['none', 'cache_cold', 'cache_warm']);
  assert.deepEqual(states.map((s) => s.samples.map((x) => x.cache)), [['off', 'off'], ['written', 'written'], ['loaded', 'loaded']]);
  assert.equal(states[2].primed, 'now');
  assert.deepEqual(r.details!.flags, []);
  for (const s of ['none', 'cache_cold', 'cache_warm']) {
    for (const p of ['total_ms', 'read_ms', 'compile_ms', 'first_inference_ms']) assert.ok(r.values[`cold_start.${s}.${p}`] >= 0, `${s} ${p}`);
  }
  // The fake compiles in ≥ 60 ms and loads its cache in ~5 ms.
  assert.ok(r.values['cold_start.cache_warm.compile_ms'] < r.values['cold_start.cache_cold.compile_ms']);
  assert.ok(r.values['cold_start.median_ms'] === r.values['cold_start.none.total_ms']);
  // Run-folder caches are scratch: nothing is left behind.
  assert.ok(!existsSync(join(j.folder!, 'compile-cache')));
});

test('a warm sample that did not load from the cache is flagged, never assumed', { timeout: 120_000 }, async () => {
  const r = await measureColdStart(job({ options: { ignoreCache: true }, states: ['cache_cold', 'cache_warm'], samples: 1 }));
  const flags = r.details!.flags as string[];
  assert.ok(flags.some((f) => /cache_cold: sample 1: expected cache 'written', the engine reported 'off'/.test(f)), flags.join('\n'));
  assert.ok(flags.some((f) => /cache_warm: sample 1: expected cache 'loaded', the engine reported 'off'/.test(f)), flags.join('\n'));
  assert.equal((r.details!.states as States)[1].primed, 'engine-did-not-write');
});

test('$MTGATE_CACHE keeps the warm cache across runs; a changed key never reuses it', { timeout: 120_000 }, async () => {
  const cache = mkdtempSync(join(tmpdir(), 'mtgate-cache-'));
  const first = await measureColdStart(job({ env: { MTGATE_CACHE: cache }, states: ['cache_warm'], samples: 1 }));
  assert.equal((first.details!.states as States)[0].primed, 'now');
  const again = await measureColdStart(job({ env: { MTGATE_CACHE: cache }, states: ['cache_warm'], samples: 1 }));
  assert.equal((again.details!.states as States)[0].primed, 'earlier');
  assert.equal((again.details!.states as States)[0].samples[0].cache, 'loaded');
  const other = await measureColdStart(job({ env: { MTGATE_CACHE: cache }, states: ['cache_warm'], samples: 1, options: { intraOpNumThreads: 1 } }));
  assert.equal((other.details!.states as States)[0].primed, 'now', 'other engine options, other cache');
  assert.equal(readdirSync(join(cache, 'compile')).filter((d) => d.startsWith('fake-cache-')).length, 2);
});

test('the cache key changes with model files, options, device and fingerprint', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mtgate-model-'));
  cpSync(join(ROOT, 'models/toy-m2m100/fp32'), dir, { recursive: true });
  const files = detectLayout(dir, 'test');
  const k = async (opts: Record<string, unknown> = {}, device = 'CPU', mode: 'stat' | 'sha256' = 'stat') => (await compileCacheKey(fakeCacheEngine, files, device, opts, mode)).key;
  const base = await k();
  assert.equal(await k(), base, 'stable');
  assert.notEqual(await k({ intraOpNumThreads: 2 }), base);
  assert.notEqual(await k({}, 'GPU'), base);
  const sha = await k({}, 'CPU', 'sha256');
  assert.notEqual(sha, base);
  utimesSync(files.encoder, new Date(), new Date(Date.now() - 3_600_000));
  assert.notEqual(await k(), base, 'a rewritten (re-timed) model file changes the stat key');
  assert.equal(await k({}, 'CPU', 'sha256'), sha, 'same bytes, same sha256 key');
  const other = { ...fakeCacheEngine, fingerprint: async (device: string) => ({ runtime_version: '0.0.2-fake', device }) };
  assert.notEqual((await compileCacheKey(other, files, 'CPU', {})).key, base, 'a runtime update changes the key');
  assert.equal(canonicalJson({ b: 1, a: [{ d: 2, c: 1 }] }), '{"a":[{"c":1,"d":2}],"b":1}');
});

test('a crashing or hanging child is recorded; other samples are kept', { timeout: 120_000 }, async () => {
  await assert.rejects(measureColdStart(job({ options: { crash: true }, states: ['none'], samples: 1 })), /every cold-start sample failed.*crashed on purpose/);
  const t0 = Date.now();
  await assert.rejects(measureColdStart(job({ options: { hangMs: 60_000 }, states: ['none'], samples: 1, timeoutMs: 1500 })), /killed after the 1.5 s timeout/);
  assert.ok(Date.now() - t0 < 30_000, 'never hangs');
  const once = join(mkdtempSync(join(tmpdir(), 'mtgate-once-')), 'crashed');
  const r = await measureColdStart(job({ options: { crashOnce: once }, states: ['none'], samples: 2 }));
  assert.match(r.invalid ?? '', /1 cold-start sample failed: none sample 1: cold-start child exited with 1: fake engine crashed once/);
  assert.equal((r.details!.states as States)[0].samples.length, 1, 'the good sample is kept');
  assert.ok(r.values['cold_start.none.total_ms'] > 0);
});
