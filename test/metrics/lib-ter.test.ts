/** The optimised TER core against a literal transcription of sacreBLEU's lib_ter.py. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { translationEditRate } from '../../src/metrics/index.js';
import { referenceTranslationEditRate } from './helpers/lib-ter-reference.js';

function ids(words: string[], vocab: Map<string, number>): Int32Array {
  return Int32Array.from(words, (w) => {
    let id = vocab.get(w);
    if (id === undefined) vocab.set(w, (id = vocab.size));
    return id;
  });
}

function compare(hyp: string[], ref: string[]): void {
  const vocab = new Map<string, number>();
  const fast = translationEditRate(ids(hyp, vocab), ids(ref, vocab));
  const slow = referenceTranslationEditRate(hyp, ref);
  assert.deepEqual(fast, slow, `hyp=${hyp.join(' ')} | ref=${ref.join(' ')}`);
}

const word = (alphabet: number) => fc.integer({ min: 0, max: alphabet - 1 }).map((k) => `w${k}`);

describe('translationEditRate', () => {
  it('handles empty sides', () => {
    assert.deepEqual(translationEditRate(new Int32Array([1, 2]), new Int32Array(0)), [2, 0]);
    assert.deepEqual(translationEditRate(new Int32Array(0), new Int32Array([1, 2, 3])), [3, 3]);
    assert.deepEqual(translationEditRate(new Int32Array(0), new Int32Array(0)), [0, 0]);
  });

  it('counts a block move as one shift', () => {
    compare('d e a b c'.split(' '), 'a b c d e'.split(' '));
    assert.deepEqual(translationEditRate(Int32Array.from([3, 4, 0, 1, 2]), Int32Array.from([0, 1, 2, 3, 4])), [1, 5]);
  });

  it('matches sacreBLEU on short sentences over small vocabularies (many shifts)', () => {
    fc.assert(
      fc.property(fc.array(word(5), { maxLength: 25 }), fc.array(word(5), { maxLength: 25 }), compare),
      { numRuns: 1500 },
    );
  });

  it('matches sacreBLEU on longer sentences (beam limits, length ratios)', () => {
    fc.assert(
      fc.property(
        fc.array(word(12), { minLength: 20, maxLength: 90, size: 'max' }),
        fc.array(word(12), { minLength: 1, maxLength: 90, size: 'max' }),
        compare,
      ),
      { numRuns: 12 },
    );
  });

  it('matches sacreBLEU on very unequal lengths (widened beam)', () => {
    fc.assert(
      fc.property(fc.array(word(4), { minLength: 1, maxLength: 3 }), fc.array(word(4), { minLength: 60, maxLength: 140 }), compare),
      { numRuns: 12 },
    );
  });

  it('matches sacreBLEU where the 1000-candidate budget runs out', () => {
    fc.assert(
      fc.property(fc.array(word(3), { minLength: 50, maxLength: 80 }), fc.array(word(3), { minLength: 50, maxLength: 80 }), compare),
      { numRuns: 8 },
    );
  });

  it('matches sacreBLEU on perturbed copies (realistic MT errors)', () => {
    const perturbed = fc
      .array(word(30), { minLength: 5, maxLength: 40 })
      .chain((ref) =>
        fc
          .array(fc.tuple(fc.integer({ min: 0, max: 9 }), word(30)), { minLength: ref.length, maxLength: ref.length })
          .map((edits) => {
            const hyp: string[] = [];
            ref.forEach((w, k) => {
              const [e, x] = edits[k];
              if (e < 6) hyp.push(w);
              else if (e === 6) hyp.push(x);
              else if (e === 7) hyp.push(w, x);
              else if (e === 8 && hyp.length > 0) hyp.splice(hyp.length >> 1, 0, w);
            });
            return [hyp, ref] as const;
          }),
      );
    fc.assert(fc.property(perturbed, ([hyp, ref]) => compare(hyp, ref)), { numRuns: 800 });
  });
});
