import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { bootstrapMedianRatio, erfc, mannWhitneyU } from '../../src/measures/ab-stats.js';

// Computed by test/fixtures/ab-stats/generate.py with numpy's Generator (no scipy here).
const expected = JSON.parse(readFileSync(new URL('../fixtures/ab-stats/expected.json', import.meta.url), 'utf8')) as {
  samples: Record<string, number[]>;
  [k: string]: unknown;
};
const { a, b, c, ties_x, ties_y } = expected.samples;
type Ratio = { ratio: number; ciLow: number; ciHigh: number };
const close = (actual: number, want: number, tol: number, what: string) =>
  assert.ok(Math.abs(actual - want) <= tol * Math.max(1, Math.abs(want)), `${what}: ${actual} vs ${want}`);

test('erfc agrees with known values', () => {
  close(erfc(0), 1, 1e-15, 'erfc(0)');
  close(erfc(1), 0.15729920705028513, 1e-15, 'erfc(1)');
  close(erfc(2.5), 0.0004069520174449589, 1e-14, 'erfc(2.5)');
  close(erfc(-1), 1.8427007929497148, 1e-15, 'erfc(-1)');
});

test('Mann-Whitney U: scipy documentation example (males vs females, method="asymptotic")', () => {
  const r = mannWhitneyU([19, 22, 16, 29, 24], [20, 11, 17, 12]);
  assert.equal(r.u1, 17);
  close(r.p, 0.11134688653314041, 1e-12, 'p');
});

test('Mann-Whitney U: R wilcox.test(c(1,2,3), c(4,5,6), exact=FALSE) p = 0.08086', () => {
  const r = mannWhitneyU([1, 2, 3], [4, 5, 6]);
  assert.equal(r.u1, 0);
  close(r.p, 0.0808556, 1e-6, 'p');
});

test('Mann-Whitney U: ties, worked by hand', () => {
  // x = [1,2,2], y = [2,3,4]: midranks 1, 3, 3 | 3, 5, 6 → R1 = 7, U1 = 1; one tie group of 3.
  // σ² = 9/12 · (7 − 24/30) = 4.65; z = (|1 − 4.5| − 0.5)/√4.65; p = erfc(z/√2).
  const r = mannWhitneyU([1, 2, 2], [2, 3, 4]);
  assert.equal(r.u1, 1);
  close(r.p, erfc(3 / Math.sqrt(4.65) / Math.SQRT2), 1e-15, 'p');
  close(r.p, 0.1641597, 1e-6, 'p');
  assert.equal(mannWhitneyU([5, 5], [5, 5, 5]).p, 1, 'all tied: no evidence');
});

test('Mann-Whitney U against the numpy-computed fixtures', () => {
  for (const [x, y, key] of [[a, b, 'mannwhitney_ab'], [a, c, 'mannwhitney_ac'], [ties_x, ties_y, 'mannwhitney_ties']] as const) {
    const want = expected[key] as { u1: number; p: number };
    const r = mannWhitneyU(x, y);
    assert.equal(r.u1, want.u1, key);
    close(r.p, want.p, 1e-9, key);
  }
});

test('bootstrap CI of the median ratio reproduces numpy (paired and unpaired), and is seeded', () => {
  const cases: [number[], number[], number, number, boolean, string][] = [
    [a, b, 1000, 12345, true, 'bootstrap_paired_ab_1000_seed12345'],
    [a, b, 500, 1, true, 'bootstrap_paired_ab_500_seed1'],
    [a, c, 1000, 12345, false, 'bootstrap_unpaired_ac_1000_seed12345'],
  ];
  for (const [x, y, resamples, seed, paired, key] of cases) {
    const want = expected[key] as Ratio;
    const r = bootstrapMedianRatio(x, y, { resamples, seed, paired });
    close(r.ratio, want.ratio, 1e-15, `${key} ratio`);
    close(r.ciLow, want.ciLow, 1e-12, `${key} ciLow`);
    close(r.ciHigh, want.ciHigh, 1e-12, `${key} ciHigh`);
    assert.ok(r.ciLow <= r.ratio && r.ratio <= r.ciHigh, key);
  }
  assert.deepEqual(bootstrapMedianRatio(a, b, { seed: 3 }), bootstrapMedianRatio(a, b, { seed: 3 }), 'same seed, same interval');
  assert.notDeepEqual(bootstrapMedianRatio(a, b, { seed: 3 }).ciLow, bootstrapMedianRatio(a, b, { seed: 4 }).ciLow);
});
