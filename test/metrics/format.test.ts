/** Signatures, text output and the factory. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  BLEU,
  CHRF,
  TER,
  SACREBLEU_COMPAT_VERSION,
  formatScore,
  metricByName,
  pyFixed,
  scoreToJson,
} from '../../src/metrics/index.js';
import { readLines } from './helpers/fixtures.js';

const V = `version:${SACREBLEU_COMPAT_VERSION}`;

describe('signatures', () => {
  it('BLEU', () => {
    assert.equal(new BLEU().signature(1), `nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|${V}`);
    assert.equal(new BLEU({ smoothMethod: 'floor' }).signature(2), `nrefs:2|case:mixed|eff:no|tok:13a|smooth:floor[0.10]|${V}`);
    assert.equal(
      new BLEU({ smoothMethod: 'add-k', smoothValue: 2, lowercase: true, tokenize: 'intl', effectiveOrder: true }).signature(1),
      `nrefs:1|case:lc|eff:yes|tok:intl|smooth:add-k[2.00]|${V}`,
    );
    assert.equal(new BLEU({ trgLang: 'zh' }).signature(-1), `nrefs:var|case:mixed|eff:no|tok:zh|smooth:exp|${V}`);
  });
  it('chrF and TER', () => {
    assert.equal(new CHRF().signature(1), `nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|${V}`);
    assert.equal(
      new CHRF({ wordOrder: 2, epsSmoothing: true, whitespace: true, lowercase: true }).signature(3),
      `nrefs:3|case:lc|eff:no|nc:6|nw:2|space:yes|${V}`,
    );
    assert.equal(new TER().signature(1), `nrefs:1|case:lc|tok:tercom|norm:no|punct:yes|asian:no|${V}`);
    assert.equal(
      new TER({ normalized: true, noPunct: true, asianSupport: true, caseSensitive: true }).signature(1),
      `nrefs:1|case:mixed|tok:tercom|norm:yes|punct:no|asian:yes|${V}`,
    );
  });
  it('sentence BLEU reports the effective order it used', () => {
    assert.match(new BLEU().sentenceScore('a b', ['a b c']).signature, /\|eff:yes\|/);
    assert.match(new BLEU({ effectiveOrder: false }).sentenceScore('a b', ['a b c']).signature, /\|eff:no\|/);
  });
  it('a variable number of references (null lines) gives nrefs:var', () => {
    const s = new BLEU().corpusScore(['a b c d', 'e f g h'], [['a b c d', 'e f g h'], ['a b c d', null]]);
    assert.match(s.signature, /^nrefs:var\|/);
    assert.ok(Math.abs(s.score - 100) < 1e-9);
  });
});

describe('formatScore', () => {
  const hyps = readLines('wmt21/newstest2021/en-de/sys/Facebook-AI.de');
  const refs = [readLines('wmt21/newstest2021/en-de/ref.A.de')];
  // Precisions follow from the counts in the sacreBLEU vectors: 17461/28186, 10059/27184, ...
  it('prints what sacreBLEU prints', () => {
    assert.equal(
      formatScore(new BLEU().corpusScore(hyps, refs)),
      'BLEU = 31.26 61.9/37.0/24.6/16.9 (BP = 1.000 ratio = 1.008 hyp_len = 28186 ref_len = 27970)',
    );
    assert.equal(formatScore(new CHRF().corpusScore(hyps, refs)), 'chrF2 = 60.65');
    assert.equal(formatScore(new CHRF({ wordOrder: 2 }).corpusScore(hyps, refs)), 'chrF2++ = 57.89');
    assert.equal(formatScore({ name: 'TER', score: 57.23109431508797 }), 'TER = 57.23');
  });
  it('signature, width, score-only, confidence interval', () => {
    const s = new CHRF().corpusScore(hyps, refs);
    assert.equal(formatScore(s, { signature: true }), `chrF2|nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|${V} = 60.65`);
    assert.equal(formatScore(s, { width: 4, scoreOnly: true }), '60.6454');
    assert.equal(formatScore({ ...s, mean: 60.61, ci: 0.8 }), 'chrF2 = 60.65 (μ = 60.61 ± 0.80)');
  });
  it('JSON like sacreBLEU --format json', () => {
    const j = scoreToJson(new BLEU().corpusScore(hyps, refs));
    assert.equal(j.score, 31.26);
    assert.equal(j.name, 'BLEU');
    assert.equal(j.tok, '13a');
    assert.equal(j.version, SACREBLEU_COMPAT_VERSION);
    assert.equal(j.verbose_score, '61.9/37.0/24.6/16.9 (BP = 1.000 ratio = 1.008 hyp_len = 28186 ref_len = 27970)');
  });
  it('rounds exact binary ties half to even, as Python does', () => {
    assert.equal(pyFixed(12.25, 1), '12.2');
    assert.equal(pyFixed(0.375, 2), '0.38');
    assert.equal(pyFixed(0.125, 2), '0.12');
    assert.equal(pyFixed(2.5, 0), '2');
    assert.equal(pyFixed(12.35, 1), '12.3');
    assert.equal(pyFixed(100.00000000000004, 2), '100.00');
  });
});

describe('metricByName', () => {
  it('builds each metric with sacreBLEU option names in camelCase', () => {
    assert.ok(metricByName('bleu', { tokenize: 'char' }) instanceof BLEU);
    assert.ok(metricByName('chrf') instanceof CHRF);
    assert.equal(metricByName('chrf++').name, 'chrF2++');
    assert.ok(metricByName('TER', { asianSupport: true }) instanceof TER);
  });
  it('rejects unknown metrics and options', () => {
    assert.throws(() => metricByName('meteor'), /Unknown metric/);
    assert.throws(() => metricByName('bleu', { smooth_method: 'floor' }), /Unknown bleu option 'smooth_method'/);
    assert.throws(() => new BLEU({ tokenize: 'spm' }), /not supported/);
  });
  it('rejects mismatched stream lengths', () => {
    assert.throws(() => new BLEU().corpusScore(['a', 'b'], [['a']]), /reference stream 0 has 1 lines/);
    assert.throws(() => new TER().corpusScore(['a'], []), /at least one reference stream/);
  });
});
