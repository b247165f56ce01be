/**
 * Cases from sacreBLEU 2.6.0's own test suite (test/test_bleu.py,
 * test_sentence_bleu.py, test_chrf.py, test_ter.py; Apache-2.0), with the
 * same tolerances. The compat helpers map to: raw_corpus_bleu = BLEU(floor,
 * tokenize none, effective order); corpus_chrf/sentence_chrf = CHRF(...).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BLEU, CHRF, TER, computeBleu, pyFixed, type SmoothMethod } from '../../src/metrics/index.js';

const near = (actual: number, expected: number, eps: number, what = ''): void =>
  assert.ok(Math.abs(actual - expected) < eps, `${what} got ${actual}, expected ${expected}`);

const rawCorpusBleu = (hyps: string[], refs: string[][], smoothValue?: number) =>
  new BLEU({ smoothMethod: 'floor', smoothValue, tokenize: 'none', effectiveOrder: true }).corpusScore(hyps, refs);

const REFS = [
  ['The dog bit the man.', 'It was not unexpected.', 'The man bit him first.'],
  ['The dog had bit the man.', 'No one was surprised.', 'The man had bitten the dog.'],
];
const HYPS = ['The dog bit the man.', "It wasn't surprising.", 'The man had just bitten him.'];

describe('sacreBLEU test_bleu.py', () => {
  it('raw corpus BLEU', () => {
    near(rawCorpusBleu(['this is a test', 'another test'], [['ref1', 'ref2']], 0.01).score / 100, 0, 1e-8);
    near(rawCorpusBleu(['this is a test'], [['this is a test']], 0.01).score / 100, 1, 1e-8);
    near(rawCorpusBleu(['this is a fest'], [['this is a test']], 0.01).score / 100, 0.223606797749979, 1e-8);
  });

  const corpusCases: Array<[string[], Record<string, unknown>, number]> = [
    [HYPS, {}, 48.530827],
    [['', '', ''], {}, 0.0],
    [HYPS, { tokenize: 'none' }, 49.1919566],
    [HYPS, { tokenize: '13a' }, 48.530827],
    [HYPS, { tokenize: 'intl' }, 43.91623493],
    [HYPS, { smoothMethod: 'none' }, 48.530827],
  ];
  for (const [hyps, opts, expected] of corpusCases) {
    it(`corpus BLEU ${JSON.stringify(opts)} ${hyps[0] === '' ? '(empty)' : ''}`, () => {
      near(new BLEU(opts).corpusScore(hyps, REFS).score, expected, 1e-8);
    });
  }

  it('effective order', () => {
    near(rawCorpusBleu(['test'], [['a test']], 0.01).score / 100, 0.3678794411714425, 1e-8);
    near(rawCorpusBleu(['a test'], [['a test']], 0.01).score / 100, 1.0, 1e-8);
    near(rawCorpusBleu(['a little test'], [['a test']], 0.01).score / 100, 0.03218297948685433, 1e-8);
  });

  it('statistics', () => {
    const s = rawCorpusBleu(['am I am a character sequence'], [['I am a symbol string sequence a a']], 0.01);
    assert.deepEqual(s.counts, [4, 2, 1, 0]);
    assert.deepEqual(s.totals, [6, 5, 4, 3]);
  });

  it('scoring from statistics', () => {
    const s = computeBleu([9, 7, 5, 3], [10, 8, 6, 4], 11, 11, 'none', undefined, false, 4);
    near(s.score / 100, 0.8375922397, 1e-8);
  });

  it('offset', () => {
    const h = ['am I am a character sequence'];
    const r = [['I am a symbol string sequence a a']];
    near(rawCorpusBleu(h, r, 0.0).score / 100, 0, 1e-8);
    near(rawCorpusBleu(h, r, undefined).score / 100, 0.1555722182, 1e-8);
  });

  it('degenerate statistics', () => {
    const cases: Array<[number[], number[], number, number, number]> = [
      [[0, 0, 0, 0], [4, 4, 2, 1], 0, 1, 0.0],
      [[0, 0, 0, 0], [10, 11, 12, 0], 14, 10, 0.0],
      [[0, 0, 0, 0], [0, 0, 0, 0], 0, 0, 0.0],
      [[6, 5, 4, 0], [6, 5, 4, 3], 6, 6, 0.0],
      [[0, 0, 0, 0], [0, 0, 0, 0], 0, 0, 0.1],
      [[0, 0, 0, 0], [0, 0, 0, 0], 1, 5, 0.01],
    ];
    for (const [c, t, sys, ref, offset] of cases) {
      assert.equal(computeBleu(c, t, sys, ref, 'floor', offset, false, 4).score / 100, 0.0);
    }
  });

  it('max n-gram order', () => {
    const expected = ['77.65', '60.50', '53.93', '48.53', '46.14', '43.28'];
    expected.forEach((e, k) => {
      assert.equal(pyFixed(new BLEU({ maxNgramOrder: k + 1 }).corpusScore(HYPS, REFS).score, 2), e);
    });
  });
});

describe('sacreBLEU test_sentence_bleu.py', () => {
  const REF = 'producţia de zahăr brut se exprimă în zahăr alb;';
  const SYS = 'Producția de zahăr primă va fi exprimată în ceea ce privește zahărul alb;';
  const cases: Array<[SmoothMethod, number | undefined, boolean, string, number]> = [
    ['exp', undefined, false, '13a', 8.493],
    ['none', undefined, false, '13a', 0.0],
    ['floor', undefined, false, '13a', 4.51688],
    ['floor', 0.1, false, '13a', 4.51688],
    ['floor', 0.5, false, '13a', 10.1],
    ['add-k', undefined, false, '13a', 14.882],
    ['add-k', 1, false, '13a', 14.882],
    ['add-k', 2, false, '13a', 21.389],
    ['exp', undefined, false, 'none', 7.347],
    ['exp', undefined, false, 'intl', 8.493],
    ['exp', undefined, false, 'char', 40.8759],
    ['exp', undefined, true, 'char', 42.0267],
  ];
  for (const [smoothMethod, smoothValue, lowercase, tokenize, expected] of cases) {
    it(`${smoothMethod} ${smoothValue} lc=${lowercase} ${tokenize}`, () => {
      const m = new BLEU({ smoothMethod, smoothValue, lowercase, tokenize, effectiveOrder: true });
      near(m.sentenceScore(SYS, [REF]).score, expected, 1e-3);
    });
  }
  it('zero BLEU', () => {
    for (const [smoothMethod, smoothValue] of [
      ['exp', undefined],
      ['none', undefined],
      ['floor', undefined],
      ['floor', 0.1],
      ['add-k', undefined],
      ['add-k', 1],
    ] as Array<[SmoothMethod, number | undefined]>) {
      const m = new BLEU({ smoothMethod, smoothValue, effectiveOrder: true });
      near(m.sentenceScore('this is a cat', ['okay thanks']).score, 0, 1e-3);
    }
  });
});

describe('sacreBLEU test_chrf.py', () => {
  const eps: Array<[string[], string[], number]> = [
    [['abcdefg'], ['hijklmnop'], 0.0],
    [['a'], ['b'], 0.0],
    [[''], ['b'], 0.0],
    [[''], ['ref'], 0.0],
    [[''], ['reference'], 0.0],
    [['aa'], ['ab'], 8.3333],
    [['a', 'b'], ['a', 'c'], 8.3333],
    [['a'], ['a'], 16.6667],
    [['a b c'], ['a b c'], 50.0],
    [['a b c'], ['abc'], 50.0],
    [
      [' risk assessment must be made of those who are qualified and expertise in the sector - these are the scientists .'],
      ['risk assessment has to be undertaken by those who are qualified and expert in that area - that is the scientists .'],
      63.36173,
    ],
    [
      [' Die    Beziehung zwischen  Obama und Netanjahu ist nicht gerade  freundlich. '],
      ['Das Verhältnis zwischen Obama und Netanyahu ist nicht gerade freundschaftlich.'],
      64.1302698,
    ],
    [['Niemand hat die Absicht, eine Mauer zu errichten'], ['Niemand hat die Absicht, eine Mauer zu errichten'], 100.0],
  ];
  it('eps smoothing, beta 3', () => {
    const m = new CHRF({ charOrder: 6, wordOrder: 0, beta: 3, epsSmoothing: true });
    for (const [h, r, e] of eps) near(m.corpusScore(h, [r]).score, e, 1e-4, JSON.stringify(h));
  });

  it('effective order, beta 3', () => {
    const cases: Array<[string[], string[], number]> = [
      [['a'], ['a'], 100.0],
      [[''], ['reference'], 0.0],
      [['a b c'], ['a b c'], 100.0],
      [['a b c'], ['abc'], 100.0],
      [[''], ['c'], 0.0],
      [['a', 'b'], ['a', 'c'], 50.0],
      [['aa'], ['ab'], 25.0],
    ];
    const m = new CHRF({ charOrder: 6, wordOrder: 0, beta: 3, epsSmoothing: false });
    for (const [h, r, e] of cases) near(m.corpusScore(h, [r]).score, e, 1e-4, JSON.stringify(h));
  });

  it('keeping whitespace', () => {
    const m = new CHRF({ charOrder: 6, wordOrder: 0, beta: 3, whitespace: true });
    near(
      m.corpusScore(
        ['Die Beziehung zwischen Obama und Netanjahu ist nicht gerade freundlich.'],
        [['Das Verhältnis zwischen Obama und Netanyahu ist nicht gerade freundschaftlich.']],
      ).score,
      67.3481606,
      1e-4,
    );
    near(
      m.corpusScore(
        ['risk assessment must be made of those who are qualified and expertise in the sector - these are the scientists .'],
        [['risk assessment has to be undertaken by those who are qualified and expert in that area - that is the scientists .']],
      ).score,
      65.2414427,
      1e-4,
    );
  });

  it('sentence level with eps smoothing', () => {
    const m = new CHRF({ epsSmoothing: true });
    near(
      m.sentenceScore('Co nás nejvíc trápí, protože lékaři si vybírají, kdo bude žít a kdo zemře.', [
        'Nejvíce smutní jsme z toho, že musíme rozhodovat o tom, kdo bude žít a kdo zemře.',
      ]).score,
      39.14078509,
      1e-4,
    );
    near(
      m.sentenceScore('Nebo prostě nemají vybavení, které by jim pomohlo, uvedli lékaři.', [
        'A někdy nemáme ani potřebný materiál, abychom jim pomohli, popsali lékaři.',
      ]).score,
      31.22557079,
      1e-4,
    );
    near(
      m.sentenceScore('Lapali po dechu, jejich životy skončily dřív, než skutečně začaly.', [
        'Lapali po dechu a pak jejich život skončil - dřív, než skutečně mohl začít, připomněli.',
      ]).score,
      57.15704367,
      1e-4,
    );
  });
});

describe('sacreBLEU test_ter.py', () => {
  const cases: Array<[string[], string[], number]> = [
    [['aaaa bbbb cccc dddd'], ['aaaa bbbb cccc dddd'], 0],
    [['dddd eeee ffff'], ['aaaa bbbb cccc'], 1],
    [[''], ['a'], 1],
    [['a'], [''], 1],
    [[''], [''], 0],
    [['d e f g h a b c'], ['a b c d e f g h'], 1 / 8],
    [
      [
        'wählen Sie " Bild neu berechnen , " um beim Ändern der Bildgröße Pixel hinzuzufügen oder zu entfernen , damit das Bild ungefähr dieselbe Größe aufweist wie die andere Größe .',
        'wenn Sie alle Aufgaben im aktuellen Dokument aktualisieren möchten , wählen Sie im Menü des Aufgabenbedienfelds die Option " Alle Aufgaben aktualisieren . "',
        'klicken Sie auf der Registerkarte " Optionen " auf die Schaltfläche " Benutzerdefiniert " und geben Sie Werte für " Fehlerkorrektur-Level " und " Y / X-Verhältnis " ein .',
        'Sie können beispielsweise ein Dokument erstellen , das ein Auto über die Bühne enthält .',
        'wählen Sie im Dialogfeld " Neu aus Vorlage " eine Vorlage aus und klicken Sie auf " Neu . "',
      ],
      [
        'wählen Sie " Bild neu berechnen , " um beim Ändern der Bildgröße Pixel hinzuzufügen oder zu entfernen , damit die Darstellung des Bildes in einer anderen Größe beibehalten wird .',
        'wenn Sie alle Aufgaben im aktuellen Dokument aktualisieren möchten , wählen Sie im Menü des Aufgabenbedienfelds die Option " Alle Aufgaben aktualisieren . "',
        'klicken Sie auf der Registerkarte " Optionen " auf die Schaltfläche " Benutzerdefiniert " und geben Sie für " Fehlerkorrektur-Level " und " Y / X-Verhältnis " niedrigere Werte ein .',
        'Sie können beispielsweise ein Dokument erstellen , das ein Auto enthalt , das sich über die Bühne bewegt .',
        'wählen Sie im Dialogfeld " Neu aus Vorlage " eine Vorlage aus und klicken Sie auf " Neu . "',
      ],
      0.136,
    ],
  ];
  for (const [h, r, e] of cases) {
    it(JSON.stringify(h).slice(0, 40), () => near(new TER().corpusScore(h, [r]).score, 100 * e, 1e-3));
  }
});
