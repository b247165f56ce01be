import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runUnderContract, type Clock } from '../../src/measures/run-contract.js';

/** A clock that only moves when a fake task says so. */
class FakeClock implements Clock {
  t = 0;
  now(): number {
    return this.t;
  }
}

const taking = (clock: FakeClock, ms: number, log?: string[], name?: string) => async (round: number) => {
  log?.push(`${name}${round}`);
  clock.t += ms;
  return round;
};

test('valid when both minimums are met; stops as soon as they are', async () => {
  const clock = new FakeClock();
  const r = await runUnderContract([taking(clock, 10)], { minDurationMs: 100, minSamples: 5, maxDurationMs: 1000, warmupRounds: 0 }, { clock });
  assert.equal(r.valid, true);
  assert.equal(r.invalidReason, undefined);
  assert.equal(r.rounds, 10, 'the duration minimum needs 10 samples of 10 ms');
  assert.deepEqual(r.samples[0].map((s) => s.ms), Array(10).fill(10));
});

test('the sample minimum holds even when the duration is long met', async () => {
  const clock = new FakeClock();
  const r = await runUnderContract([taking(clock, 50)], { minDurationMs: 10, minSamples: 7, maxDurationMs: 10_000, warmupRounds: 0 }, { clock });
  assert.equal(r.valid, true);
  assert.equal(r.rounds, 7);
});

test('INVALID with the reason when the cap comes first (too few samples)', async () => {
  const clock = new FakeClock();
  const r = await runUnderContract([taking(clock, 100)], { minDurationMs: 100, minSamples: 32, maxDurationMs: 1000, warmupRounds: 0 }, { clock });
  assert.equal(r.valid, false);
  assert.equal(r.rounds, 10);
  assert.match(r.invalidReason!, /max_duration_ms 1000 with 10 of min_samples 32 samples/);
  assert.equal(r.samples[0].length, 10, 'what was measured is kept');
});

test('INVALID when the cap is below the minimum duration', async () => {
  const clock = new FakeClock();
  const r = await runUnderContract([taking(clock, 1)], { minDurationMs: 500, minSamples: 1, maxDurationMs: 200, warmupRounds: 0 }, { clock });
  assert.equal(r.valid, false);
  assert.match(r.invalidReason!, /200 of min_duration_ms 500 ms/);
});

test('interleaves A B A B, same round for both, warm-up first and excluded', async () => {
  const clock = new FakeClock();
  const log: string[] = [];
  const r = await runUnderContract(
    [taking(clock, 3, log, 'A'), taking(clock, 5, log, 'B')],
    { minDurationMs: 0, minSamples: 3, maxDurationMs: 1e9, warmupRounds: 2 },
    { clock },
  );
  assert.deepEqual(log, ['A-2', 'B-2', 'A-1', 'B-1', 'A0', 'B0', 'A1', 'B1', 'A2', 'B2']);
  assert.deepEqual(r.order, [0, 1, 0, 1, 0, 1]);
  assert.deepEqual(r.samples[0].map((s) => [s.round, s.ms]), [[0, 3], [1, 3], [2, 3]]);
  assert.deepEqual(r.samples[1].map((s) => [s.round, s.ms]), [[0, 5], [1, 5], [2, 5]]);
  assert.equal(r.durationMs, 24, 'warm-up time is not counted');
});

test('a task that throws fails the run with its error (the latency cell records it)', async () => {
  let calls = 0;
  const boom = async () => {
    if (++calls === 3) throw new Error('boom at call 3');
    return calls;
  };
  await assert.rejects(runUnderContract([boom], { minDurationMs: 0, minSamples: 10, maxDurationMs: 1e9, warmupRounds: 1 }), /boom at call 3/);
});
