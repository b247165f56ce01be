/**
 * Every corpus/sentence case of the sacreBLEU 2.6.0 reference vectors
 * (the paired significance cases belong to the significance tests).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BLEU, CHRF, TER, metricByName, type BLEUScore, type TERScore } from '../../src/metrics/index.js';
import { camelOptions, caseData, loadVectors } from './helpers/fixtures.js';

const REL = 1e-9;

/**
 * The requirement is 1e-9 relative; all cases currently match bit for bit
 * (same operation order as sacreBLEU, CPython-compatible exp/log), and
 * `BIT_EXACT` keeps it that way.
 */
const BIT_EXACT = true;

function close(actual: number, expected: number, what: string): void {
  const tol = REL * Math.max(1, Math.abs(expected));
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: got ${actual}, expected ${expected}`);
  if (BIT_EXACT) assert.equal(actual, expected, `${what}: not bit-exact`);
}

const cases = loadVectors().filter((c) => c.kind === 'corpus' || c.kind === 'sentence');

describe('sacreBLEU 2.6.0 vectors', () => {
  it('has all the non-paired cases', () => {
    assert.equal(cases.length, 135);
  });

  for (const c of cases) {
    it(c.id, () => {
      const { hyps, refs } = caseData(c);
      const metric = metricByName(c.metric, camelOptions(c.options));
      const e = c.expected;
      if (c.kind === 'sentence') {
        const expected = e.scores as number[];
        assert.equal(expected.length, hyps.length);
        hyps.forEach((h, i) => close(metric.sentenceScore(h, refs.map((r) => r[i])).score, expected[i], `line ${i}`));
        return;
      }
      const s = metric.corpusScore(hyps, refs);
      close(s.score, e.score as number, 'score');
      assert.equal((s as { signature: string }).signature, e.signature);
      assert.equal(metric.signature(refs.length), e.signature);
      if (metric instanceof BLEU) {
        const b = s as BLEUScore;
        assert.deepEqual(b.counts, e.counts);
        assert.deepEqual(b.totals, e.totals);
        assert.equal(b.sysLen, e.sys_len);
        assert.equal(b.refLen, e.ref_len);
        close(b.bp, e.bp as number, 'bp');
      } else if (metric instanceof TER) {
        const t = s as TERScore;
        assert.equal(t.numEdits, e.num_edits);
        close(t.refLength, e.ref_length as number, 'ref_length');
      } else {
        assert.ok(metric instanceof CHRF);
      }
    });
  }
});
