import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { levelValues, runLoadLevel, SequentialDevice } from '../../src/measures/queueing.js';

class FakeClock {
  t = 0;
  now(): number {
    return this.t;
  }
}

test('N clients on a sequential device: waits add up, FIFO, no idle gaps', async () => {
  const clock = new FakeClock();
  const d = 10;
  const model = async () => {
    clock.t += d; // a fake model that takes exactly d ms
  };
  const { level, timings, startOrder } = await runLoadLevel(4, 12, model, clock);
  assert.equal(level.requests, 12);
  assert.deepEqual(startOrder.slice(0, 4), ['c0r0', 'c1r0', 'c2r0', 'c3r0'], 'first come, first served');
  const firstRound = timings.filter((t) => t.request === 0).sort((a, b) => a.client - b.client);
  assert.deepEqual(firstRound.map((t) => t.startMs - t.submitMs), [0, 10, 20, 30], 'each waits for everyone ahead of it');
  for (const t of timings) assert.equal(t.endMs - t.startMs, d);
  const byStart = [...timings].sort((a, b) => a.startMs - b.startMs);
  assert.deepEqual(byStart.map((t) => t.startMs), Array.from({ length: 12 }, (_, i) => i * d), 'the device is never idle');
  for (let i = 1; i < byStart.length; i++) assert.ok(byStart[i].submitMs >= byStart[i - 1].submitMs, 'served in submission order');
  assert.equal(level.wallMs, 120);
  assert.equal(level.throughputPerS, 100);
  assert.equal(level.utilization, 1, 'a saturated FIFO never runs dry');
  assert.equal(level.inference.p50, 10);
  // End-to-end is wait plus inference for every request, so the means add up too.
  assert.ok(Math.abs(level.endToEnd.mean - (level.wait.mean + level.inference.mean)) < 1e-9);
  // After the first round every client finds the other three ahead of it.
  for (const t of timings.filter((x) => x.request > 0)) assert.equal(t.startMs - t.submitMs, 30, `c${t.client}r${t.request}`);
  const v = levelValues(level);
  assert.equal(v['queueing.n4.throughput_per_s'], 100);
  assert.equal(v['queueing.n4.inference_p50_ms'], 10);
});

test('one client never waits', async () => {
  const clock = new FakeClock();
  const { level } = await runLoadLevel(1, 5, async () => void (clock.t += 7), clock);
  assert.equal(level.wait.max, 0);
  assert.equal(level.endToEnd.p50, 7);
});

test('real async jobs never overlap, and a failing job does not wedge the queue', async () => {
  const device = new SequentialDevice();
  let inFlight = 0;
  let maxInFlight = 0;
  const job = (fail: boolean) => async () => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await sleep(2);
    inFlight--;
    if (fail) throw new Error('boom');
    return 1;
  };
  const results = await Promise.allSettled([0, 1, 2, 3, 4].map((i) => device.submit(`j${i}`, job(i === 1))));
  assert.equal(maxInFlight, 1);
  assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
  assert.deepEqual(device.started, ['j0', 'j1', 'j2', 'j3', 'j4']);
});
