import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BLEU } from '../../src/metrics/bleu.js';
import { CHRF } from '../../src/metrics/chrf.js';
import { TER } from '../../src/metrics/ter.js';
import type { CorpusMetric, MetricScore, SentenceStatistics } from '../../src/metrics/types.js';
import {
  bootstrapConfidence,
  computePValue,
  estimateCi,
  exactMean,
  numpyMean,
  pairedApproxRandomization,
  pairedBootstrap,
  resolveSeed,
  setResampleBackend,
  signatureWithTest,
} from '../../src/metrics/significance.js';

const fixture = (p: string) => new URL(`../fixtures/significance/${p}`, import.meta.url);

interface Vector {
  id: string;
  kind: 'paired-bs' | 'paired-ar';
  metric: 'bleu' | 'chrf';
  n: number;
  seed: number;
  baseline: string[];
  system: string[];
  refs: string[][];
  expected: Record<string, number | string>;
}
const vectors = readFileSync(fixture('paired-vectors.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as Vector);

for (const v of vectors) {
  test(`sacreBLEU 2.6.0 vector ${v.id}: every field bit-identical`, () => {
    const metric = v.metric === 'bleu' ? new BLEU() : new CHRF();
    const r =
      v.kind === 'paired-bs'
        ? pairedBootstrap(metric, v.baseline, [v.system], v.refs, { nBootstrap: v.n, seed: v.seed })
        : pairedApproxRandomization(metric, v.baseline, [v.system], v.refs, { nTrials: v.n, seed: v.seed });
    const got: Record<string, number | string | null> = {
      baseline_score: r.baseline.score,
      score: r.systems[0].score,
      p_value: r.systems[0].p_value,
      signature: r.signature,
      baseline_mean: r.baseline.mean,
      baseline_ci: r.baseline.ci,
      mean: r.systems[0].mean,
      ci: r.systems[0].ci,
    };
    for (const [k, e] of Object.entries(v.expected)) assert.equal(got[k], e, k);
    if (v.kind === 'paired-ar') {
      assert.equal(r.baseline.mean, null);
      assert.equal(r.systems[0].ci, null);
    }
  });
}

test('chrF paired bootstrap reproduces sacreBLEU bit for bit (float32 sums, numpy 1.x promotion)', () => {
  const v = vectors.find((x) => x.id.endsWith('pbs-chrf'))!;
  const r = pairedBootstrap(new CHRF(), v.baseline, [v.system], v.refs, { nBootstrap: v.n, seed: v.seed });
  assert.equal(r.baseline.mean, v.expected.baseline_mean);
  assert.equal(r.baseline.ci, v.expected.baseline_ci);
  assert.equal(r.systems[0].mean, v.expected.mean);
  assert.equal(r.systems[0].ci, v.expected.ci);
});

interface Conf {
  metric: string;
  n: number;
  score: number;
  mean: number;
  ci: number;
  signature: string;
}
test('single-system bootstrap confidence equals corpus_score(n_bootstrap=N) bit for bit', () => {
  const conf = JSON.parse(readFileSync(fixture('confidence.json'), 'utf8')) as Conf[];
  const read = (f: string) => readFileSync(fixture(`cli/${f}`), 'utf8').split('\n').slice(0, -1);
  const [ref, sys] = [read('ref.txt'), read('sys.txt')];
  for (const c of conf) {
    const metric =
      c.metric === 'bleu' ? new BLEU() : c.metric === 'ter' ? new TER() : new CHRF({ wordOrder: c.metric === 'chrf++' ? 2 : 0 });
    const r = bootstrapConfidence(metric, sys, [ref], { nBootstrap: c.n, seed: 12345 });
    const what = `${c.metric}/${c.n}`;
    assert.equal(r.signature, c.signature, what);
    // Bit-identical: float32 sums, numpy 1.x promotion (chrF, TER), statistics.mean.
    assert.equal(r.score, c.score, `${what} score`);
    assert.equal(r.mean, c.mean, `${what} mean`);
    assert.equal(r.ci, c.ci, `${what} ci`);
  }
});

/** A stand-in metric: unigram precision with stats [matches, hyp words]. */
class Overlap implements CorpusMetric {
  readonly higherIsBetter = true;
  sentenceStatistics(hyps: readonly string[], refs: readonly (readonly string[])[]): SentenceStatistics {
    const stats = new Float64Array(hyps.length * 2);
    hyps.forEach((h, i) => {
      const r = new Set(refs[0][i].split(' '));
      const w = h.split(' ');
      stats[2 * i] = w.filter((x) => r.has(x)).length;
      stats[2 * i + 1] = w.length;
    });
    return { stats, width: 2, n: hyps.length };
  }
  scoreFromStatistics(s: ArrayLike<number>): MetricScore {
    return { name: 'OVL', score: s[1] ? (100 * s[0]) / s[1] : 0 };
  }
  corpusScore(h: readonly string[], r: readonly (readonly string[])[]): MetricScore {
    const { stats } = this.sentenceStatistics(h, r);
    let a = 0, b = 0;
    for (let i = 0; i < stats.length; i += 2) (a += stats[i]), (b += stats[i + 1]);
    return this.scoreFromStatistics([a, b]);
  }
  sentenceScore(h: string, r: readonly string[]): MetricScore {
    return this.corpusScore([h], [r]);
  }
  signature(nrefs: number): string {
    return `nrefs:${nrefs}|ovl:1|version:2.6.0`;
  }
}

const toy = (n: number, salt: number) =>
  Array.from({ length: n }, (_, i) => Array.from({ length: 3 + (i % 5) }, (_, j) => `w${(i * 7 + j * salt) % 11}`).join(' '));

test('paired tests with a stand-in metric: seeds, multiple systems, signatures', () => {
  const m = new Overlap();
  const ref = [toy(50, 3)], base = toy(50, 5), s1 = toy(50, 3), s2 = toy(50, 4);
  const a = pairedBootstrap(m, base, [s1, s2], ref, { nBootstrap: 200, seed: 7 });
  assert.equal(a.signature, 'nrefs:1|bs:200|seed:7|ovl:1|version:2.6.0');
  assert.equal(a.systems.length, 2);
  // Deterministic per seed, and system 1 (a copy of the reference) is clearly different.
  const b = pairedBootstrap(m, base, [s1, s2], ref, { nBootstrap: 200, seed: 7 });
  assert.deepEqual(a, b);
  assert.ok(a.systems[0].p_value! < 0.05);
  // Each system's test is the same as testing it alone (fresh generator per test).
  const alone = pairedBootstrap(m, base, [s2], ref, { nBootstrap: 200, seed: 7 });
  assert.deepEqual(alone.systems[0], a.systems[1]);
  // Unseeded runs say so in the signature.
  const none = pairedApproxRandomization(m, base, [s1], ref, { nTrials: 100, seed: 'none' });
  assert.equal(none.signature, 'nrefs:1|ar:100|seed:none|ovl:1|version:2.6.0');
  // AR with n_ar_confidence adds bs before ar, as sacreBLEU's signature does.
  const arc = pairedApproxRandomization(m, base, [s1], ref, { nTrials: 100, seed: 3, nConfidence: 50 });
  assert.equal(arc.signature, 'nrefs:1|bs:50|ar:100|seed:3|ovl:1|version:2.6.0');
  assert.ok(arc.systems[0].mean !== null && arc.baseline.ci !== null);
});

test('seed handling follows SACREBLEU_SEED', () => {
  assert.deepEqual(resolveSeed(undefined, {}), { seed: 12345n, label: '12345', rawLabel: '12345' });
  assert.deepEqual(resolveSeed(undefined, { SACREBLEU_SEED: 'None' }), { seed: null, label: 'none', rawLabel: 'none' });
  assert.equal(resolveSeed(undefined, { SACREBLEU_SEED: '007' }).label, '7');
  assert.equal(resolveSeed(undefined, { SACREBLEU_SEED: '007' }).rawLabel, '007');
  assert.equal(resolveSeed(5, { SACREBLEU_SEED: 'none' }).seed, 5n);
  assert.throws(() => resolveSeed('-1', {}));
  assert.throws(() => resolveSeed('abc', {}));
});

test('numpy and Python reductions', () => {
  // np.mean([.1,.2,.3]) vs statistics.mean([.1,.2,.3])
  assert.equal(numpyMean([0.1, 0.2, 0.3]), 0.20000000000000004);
  assert.equal(exactMean([0.1, 0.2, 0.3]), 0.2);
  assert.equal(exactMean([1e16, 1, -1e16]), 1 / 3);
  // Pairwise summation differs from a running sum past 8 elements.
  const xs = Array.from({ length: 1000 }, (_, i) => 0.1 * ((i * 37) % 101));
  let run = 0;
  for (const x of xs) run += x;
  assert.equal(numpyMean(xs), 5.001); // np.mean of the same values; a running sum gives 5.001000000000003
  assert.notEqual(run / 1000, numpyMean(xs));
  const { mean, ci } = estimateCi([3, 1, 2, 4]);
  assert.equal(mean, 2.5);
  assert.equal(ci, 1.5);
  assert.equal(computePValue([0.1, 0.5, 0.9], 0.5), 2 / 4);
  assert.equal(
    signatureWithTest('nrefs:2|case:mixed|version:2.6.0', { bs: 10, seed: '1' }),
    'nrefs:2|bs:10|seed:1|case:mixed|version:2.6.0',
  );
});

test('SIMD, scalar WebAssembly and pure-JS resampling give identical results', () => {
  const v = vectors.find((x) => x.id.endsWith('pbs-chrf'))!;
  const run = () =>
    pairedBootstrap(new CHRF(), v.baseline.slice(0, 120), [v.system.slice(0, 120)], [v.refs[0].slice(0, 120)], {
      nBootstrap: 60,
      seed: 4,
    });
  const auto = run();
  try {
    setResampleBackend('wasm-scalar');
    assert.deepEqual(run(), auto);
    setResampleBackend('js');
    assert.deepEqual(run(), auto);
    const ar = () => pairedApproxRandomization(new BLEU(), v.baseline, [v.system], v.refs, { nTrials: 300, seed: 9, nConfidence: 40 });
    const jsAr = ar();
    setResampleBackend('auto');
    assert.deepEqual(ar(), jsAr);
  } finally {
    setResampleBackend('auto');
  }
});

test('statistics extracted on a worker thread equal the single-thread ones', async () => {
  const { syntheticCorpus } = await import('../../src/metrics/bench-corpus.js');
  const { PARALLEL_MIN_LINES } = await import('../../src/metrics/significance-parallel.js');
  const { hyps, refs } = syntheticCorpus(PARALLEL_MIN_LINES, 3);
  const other = hyps.map((h, i) => (i % 4 === 0 ? h.split(' ').reverse().join(' ') : h));
  for (const metric of [new BLEU(), new CHRF({ wordOrder: 2 })]) {
    const opts = { nBootstrap: 20, seed: 5 };
    const par = pairedBootstrap(metric, hyps, [other, hyps], [refs], { ...opts, parallel: true });
    const seq = pairedBootstrap(metric, hyps, [other, hyps], [refs], { ...opts, parallel: false });
    assert.deepEqual(par, seq);
  }
});
