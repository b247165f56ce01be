/**
 * A fake engine with a real compile cache on disk, for cold-start tests: it
 * registers itself when imported (the cold-start child imports it through
 * `preload`). "Compiling" sleeps; a cache hit sleeps less. Its model answers
 * eos at once. Options steer misbehaviour: `ignoreCache` (always reports
 * 'off'), `crash`, `crashOnce`, `hangMs`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Engine, LoadedModel } from '../../../src/engines/engine.js';
import { registerEngine } from '../../../src/engines/registry.js';

export const FAKE_ENGINE = 'fake-cache';
const COMPILE_MS = 60;
const CACHE_LOAD_MS = 5;
const EOS = 2;

function model(): LoadedModel {
  return {
    decodingMode: { kvCache: false },
    encode: async (ids) => ({ sourceLength: ids.length }),
    startDecoder: () => ({
      step: async () => {
        const logits = new Float32Array(16);
        logits[EOS] = 1;
        return logits;
      },
      dispose() {},
    }),
    dispose: async () => {},
  };
}

export const fakeCacheEngine: Engine = {
  name: FAKE_ENGINE,
  availability: async () => ({ available: true, version: '0.0.1-fake' }),
  fingerprint: async (device) => ({ runtime_version: '0.0.1-fake', device }),
  async load(files, { options, cacheDir }) {
    if (options.crash) throw new Error('fake engine crashed on purpose');
    // crashOnce: <file> — crash the first time (the file does not exist yet), then load normally.
    if (typeof options.crashOnce === 'string' && !existsSync(options.crashOnce)) {
      writeFileSync(options.crashOnce, 'crashed');
      throw new Error('fake engine crashed once');
    }
    if (typeof options.hangMs === 'number') await sleep(options.hangMs);
    const t0 = performance.now();
    readFileSync(files.encoder);
    const t1 = performance.now();
    let cache: 'off' | 'written' | 'loaded' = 'off';
    const blob = cacheDir ? join(cacheDir, 'compiled.bin') : undefined;
    if (blob && !options.ignoreCache && existsSync(blob)) {
      await sleep(CACHE_LOAD_MS);
      cache = 'loaded';
    } else {
      await sleep(COMPILE_MS);
      if (blob && !options.ignoreCache) {
        writeFileSync(blob, 'compiled');
        cache = 'written';
      }
    }
    return { model: model(), timings: { readMs: t1 - t0, compileMs: performance.now() - t1, cache } };
  },
};

registerEngine(fakeCacheEngine);
