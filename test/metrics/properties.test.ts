/** Property tests (fast-check) over all three metrics. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { BLEU, CHRF, TER, BLEU_TOKENIZERS, sumRows, type CorpusMetric } from '../../src/metrics/index.js';

const words = fc.array(
  fc.oneof(
    fc.constantFrom('the', 'cat', 'sat', 'on', 'a', 'mat', '.', ',', '5.3', 'e-mail', '(x)', 'Straße', '中文', 'ÇA', 'Σ'),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }),
  ),
  { maxLength: 12 },
);
const line = fc.oneof(
  words.map((w) => w.join(' ')),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
);
/** A line every tokenizer splits into at least four tokens, so that corpus 4-gram totals are > 0. */
const ANCHOR = 'one two three four five';

const corpus = (min = 1, max = 6) => fc.array(fc.tuple(line, line), { minLength: min, maxLength: max });

const bleuVariants = BLEU_TOKENIZERS.flatMap((tokenize) => [
  new BLEU({ tokenize }),
  new BLEU({ tokenize, lowercase: true, smoothMethod: 'floor' }),
]);
const chrfVariants = [
  new CHRF(),
  new CHRF({ wordOrder: 2 }),
  new CHRF({ whitespace: true, lowercase: true }),
  new CHRF({ epsSmoothing: true, beta: 1 }),
];
const terVariants = [false, true].flatMap((normalized) =>
  [false, true].flatMap((noPunct) =>
    [false, true].flatMap((asianSupport) => [false, true].map((caseSensitive) => new TER({ normalized, noPunct, asianSupport, caseSensitive }))),
  ),
);
const all: CorpusMetric[] = [...bleuVariants, ...chrfVariants, ...terVariants];

describe('identical hypothesis and reference', () => {
  it('BLEU is 100 (up to the 100.00000000000004 float quirk)', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 6 }), (lines) => {
        const hyps = [...lines, ANCHOR];
        for (const m of bleuVariants) {
          const s = m.corpusScore(hyps, [hyps]);
          assert.deepEqual(s.counts, s.totals);
          assert.ok(Math.abs(s.score - 100) < 1e-9, `${m.signature(1)}: ${s.score}`);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('chrF is 100', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 6 }), (lines) => {
        const hyps = [...lines, ANCHOR];
        for (const m of chrfVariants) assert.equal(m.corpusScore(hyps, [hyps]).score, 100);
      }),
      { numRuns: 200 },
    );
  });

  it('TER is 0', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 6 }), (hyps) => {
        for (const m of terVariants) assert.equal(m.corpusScore(hyps, [hyps]).score, 0);
      }),
      { numRuns: 100 },
    );
  });
});

describe('corpus order', () => {
  it('does not change any score (lines of hyps and refs permuted together)', () => {
    fc.assert(
      fc.property(
        corpus(1, 8).chain((pairs) => fc.tuple(fc.constant(pairs), fc.shuffledSubarray(pairs, { minLength: pairs.length }))),
        ([pairs, shuffled]) => {
          for (const m of all) {
            const a = m.corpusScore(pairs.map((p) => p[0]), [pairs.map((p) => p[1])]).score;
            const b = m.corpusScore(shuffled.map((p) => p[0]), [shuffled.map((p) => p[1])]).score;
            assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a)), `${m.signature(1)}: ${a} vs ${b}`);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('arbitrary Unicode', () => {
  const nasty = fc.string({
    unit: fc.oneof(
      { weight: 5, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
      { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)) },
      { weight: 2, arbitrary: fc.constantFrom(' ', '\n', '\t', '\u3000', '.', ',', '-', '&amp;', "'s", 'Σ', 'İ') },
    ),
    maxLength: 40,
  });
  it('never crashes and stays in range, for every tokenizer and option', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(nasty, nasty, nasty), { minLength: 1, maxLength: 4 }), (rows) => {
        const hyps = rows.map((r) => r[0]);
        const refs = [rows.map((r) => r[1]), rows.map((r) => r[2])];
        for (const m of all) {
          const s = m.corpusScore(hyps, refs).score;
          assert.ok(Number.isFinite(s) && s >= 0, `${m.signature(2)}: ${s}`);
          if (m.higherIsBetter) assert.ok(s <= 100 + 1e-9);
          const one = m.sentenceScore(hyps[0], [refs[0][0], refs[1][0]]).score;
          assert.ok(Number.isFinite(one) && one >= 0);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('sufficient statistics', () => {
  it('corpus score = score of the summed sentence statistics; sentence score = score of its row', () => {
    const metrics: CorpusMetric[] = [new BLEU({ effectiveOrder: false }), new BLEU({ effectiveOrder: true }), ...chrfVariants, terVariants[0]];
    fc.assert(
      fc.property(corpus(1, 5), (pairs) => {
        const hyps = pairs.map((p) => p[0]);
        const refs = [pairs.map((p) => p[1])];
        for (const m of metrics) {
          const st = m.sentenceStatistics(hyps, refs);
          assert.equal(st.stats.length, st.n * st.width);
          assert.equal(m.corpusScore(hyps, refs).score, m.scoreFromStatistics(sumRows(st.stats, st.width, st.n)).score);
          hyps.forEach((h, i) => {
            const row = st.stats.subarray(i * st.width, (i + 1) * st.width);
            assert.equal(m.sentenceScore(h, [refs[0][i]]).score, m.scoreFromStatistics(row).score);
          });
        }
      }),
      { numRuns: 80 },
    );
  });

  it('a duplicated reference stream changes nothing but nrefs', () => {
    fc.assert(
      fc.property(corpus(1, 5), (pairs) => {
        const hyps = pairs.map((p) => p[0]);
        const ref = pairs.map((p) => p[1]);
        for (const m of all) {
          const one = m.corpusScore(hyps, [ref]);
          const two = m.corpusScore(hyps, [ref, ref]);
          assert.equal(two.score, one.score);
          assert.match(String((two as { signature?: string }).signature), /^nrefs:2\|/);
        }
      }),
      { numRuns: 60 },
    );
  });
});
