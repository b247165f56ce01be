/** The optimised BLEU/chrF statistics against plain Counter-style transcriptions of sacreBLEU. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { BLEU, CHRF, BLEU_TOKENIZERS } from '../../src/metrics/index.js';
import { naiveBleuRow, naiveChrfRow } from './helpers/naive-stats.js';

const text = fc.oneof(
  fc.array(fc.constantFrom('a', 'b', 'ab', 'ba', 'the', 'The', '.', ',', '(a)', 'a.', '5', '-', 'é', '中', '😀', 'ΣΑΣ'), { maxLength: 25 }).map((w) => w.join(' ')),
  fc.string({ unit: fc.constantFrom('a', 'b', ' ', '.', ',', '😀', 'x', '\t', 'A'), maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
);
const segment = fc.tuple(text, fc.array(text, { minLength: 1, maxLength: 3 }));

function rows(stats: Float64Array, width: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < stats.length; i += width) out.push(Array.from(stats.subarray(i, i + width)));
  return out;
}

/**
 * On random corpora of 1–4 segments (as many reference streams as the segment
 * with the fewest of its 1–3 references has) and one of `variants`, the
 * metric's sentence statistics equal `naive`'s, row by row.
 */
function rowsMatchNaive<O>(
  variants: O[],
  statistics: (opts: O, hyps: string[], refs: string[][]) => { stats: Float64Array; width: number },
  naive: (hyp: string, refs: string[], opts: O) => number[],
): void {
  fc.assert(
    fc.property(fc.array(segment, { minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: variants.length - 1 }), (segs, v) => {
      const opts = variants[v];
      const nRefs = Math.min(...segs.map((s) => s[1].length));
      const hyps = segs.map((s) => s[0]);
      const refs = Array.from({ length: nRefs }, (_, k) => segs.map((s) => s[1][k]));
      const st = statistics(opts, hyps, refs);
      assert.deepEqual(
        rows(st.stats, st.width),
        segs.map((s) => naive(s[0], s[1].slice(0, nRefs), opts)),
      );
    }),
    { numRuns: 400 },
  );
}

describe('n-gram statistics', () => {
  it('BLEU rows equal the naive Counter computation (all tokenizers, 1–3 references)', () => {
    const variants = BLEU_TOKENIZERS.flatMap((tokenize) => [{ tokenize }, { tokenize, lowercase: true, maxNgramOrder: 2 }, { tokenize, maxNgramOrder: 6 }]);
    rowsMatchNaive(variants, (opts, hyps, refs) => new BLEU(opts).sentenceStatistics(hyps, refs), naiveBleuRow);
  });

  it('chrF rows equal the naive Counter computation (options, 1–3 references)', () => {
    const variants = [
      {},
      { wordOrder: 2 },
      { whitespace: true },
      { lowercase: true, wordOrder: 1, charOrder: 3 },
      { epsSmoothing: true, beta: 3 },
      { charOrder: 0, wordOrder: 3 },
    ];
    rowsMatchNaive(variants, (opts, hyps, refs) => new CHRF(opts).sentenceStatistics(hyps, refs), naiveChrfRow);
  });

  it('long and astral-heavy lines (hash-table paths)', () => {
    let seed = 11;
    const rnd = (k: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
      return seed % k;
    };
    const astral = Array.from({ length: 2000 }, () => String.fromCodePoint(0x1f300 + rnd(900))).join('');
    const wide = Array.from({ length: 3000 }, () => String.fromCharCode(0x4e00 + rnd(2500))).join('');
    const words = Array.from({ length: 1500 }, () => `w${rnd(700)}`).join(' ');
    for (const [h, r] of [
      [astral, astral.slice(37) + astral.slice(0, 37)],
      [wide, wide.slice(500)],
      [words, words.split(' ').reverse().join(' ')],
    ]) {
      const c = new CHRF({ wordOrder: 2 }).sentenceStatistics([h], [[r], [h.slice(3)]]);
      assert.deepEqual(Array.from(c.stats), naiveChrfRow(h, [r, h.slice(3)], { wordOrder: 2 }));
      const b = new BLEU({ tokenize: 'char' }).sentenceStatistics([h], [[r]]);
      assert.deepEqual(Array.from(b.stats), naiveBleuRow(h, [r], { tokenize: 'char' }));
    }
  });
});
