import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  BoolStream,
  BoundedIntStream,
  defaultRng,
  seedSequenceGenerateState,
  seedSequencePool,
} from '../../src/metrics/rng-numpy.js';

interface Call {
  kind: 'choice' | 'integers' | 'bool';
  arg: unknown;
  n: number;
  head: number[];
  sum: string;
  hash: number;
}
interface Fixture {
  seeds: { seed: string; pool: number[]; state8: number[]; pcg_state: string; pcg_inc: string; raw64: string[] }[];
  streams: { name: string; seed: number; calls: Call[] }[];
}

const fx = JSON.parse(
  readFileSync(new URL('../fixtures/numpy-rng/rng-streams.json', import.meta.url), 'utf8'),
) as Fixture;

function h32(values: ArrayLike<number>): number {
  // (h * 1000003 + v) mod 2^32 without losing precision.
  let h = 0;
  for (let i = 0; i < values.length; i++) h = (Math.imul(h, 1000003) + values[i]) >>> 0;
  return h;
}

test('SeedSequence pool and generate_state match numpy', () => {
  for (const s of fx.seeds) {
    const seed = BigInt(s.seed);
    assert.deepEqual(Array.from(seedSequencePool(seed)), s.pool, `pool for ${s.seed}`);
    assert.deepEqual(Array.from(seedSequenceGenerateState(seed, 8)), s.state8, `state for ${s.seed}`);
  }
});

test('PCG64 seeding and raw 64-bit output match numpy', () => {
  for (const s of fx.seeds) {
    const g = defaultRng(BigInt(s.seed));
    assert.equal(g.state.state, BigInt(s.pcg_state), `state for ${s.seed}`);
    assert.equal(g.state.inc, BigInt(s.pcg_inc), `inc for ${s.seed}`);
    const raw = s.raw64.map(() => g.nextUint64Big());
    assert.deepEqual(raw, s.raw64.map(BigInt), `raw for ${s.seed}`);
  }
});

test('choice / integers / bool streams match numpy, including buffered state across calls', () => {
  for (const st of fx.streams) {
    const g = defaultRng(st.seed);
    for (const c of st.calls) {
      let values: Float64Array | Uint8Array;
      if (c.kind === 'bool') {
        values = new Uint8Array(c.n);
        // Fill in uneven chunks: the bit buffer must carry across them.
        const bs = new BoolStream(g, c.n);
        const tmp = new Uint8Array(c.n);
        let done = 0;
        for (let chunk = 1; done < c.n; chunk = chunk * 3 + 1) {
          const k = Math.min(chunk, c.n - done);
          bs.fill(tmp, k);
          values.set(tmp.subarray(0, k), done);
          done += k;
        }
      } else {
        const [high] = c.arg as [number, number[]];
        values = new Float64Array(c.n);
        const s = new BoundedIntStream(g, high);
        const rowLen = Math.max(1, Math.floor(c.n / 7));
        const tmp = new Float64Array(rowLen);
        for (let done = 0; done < c.n; ) {
          const k = Math.min(rowLen, c.n - done);
          s.fill(tmp, k);
          values.set(tmp.subarray(0, k), done);
          done += k;
        }
      }
      const label = `${st.name}/${c.kind}`;
      assert.deepEqual(Array.from(values.subarray(0, c.head.length)), c.head, `${label} head`);
      let sum = 0n;
      for (let i = 0; i < values.length; i++) sum += BigInt(values[i]);
      assert.equal(sum.toString(), c.sum, `${label} sum`);
      if (values.every((v) => v < 2 ** 32)) assert.equal(h32(values), c.hash, `${label} hash`);
    }
  }
});
