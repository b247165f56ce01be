/** Tokenizers: sacreBLEU's regexes as the reference, quirks pinned down by example. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { getTokenizer, TercomTokenizer, BLEU_TOKENIZERS } from '../../src/metrics/index.js';
import { isChineseChar } from '../../src/metrics/tokenizers/tokenizer-zh.js';
import { unescape13a } from '../../src/metrics/tokenizers/tokenizer-13a.js';
import { pyNormalizeSpaces, pySplit, pyStrip, pyRstrip } from '../../src/metrics/text.js';

/** sacreBLEU's `TokenizerRegexp`, transcribed regex by regex. */
function regexpTokenize(line: string): string {
  line = line.replace(/([\{-\~\[-\` -\&\(-\+\:-\@\/])/g, ' $1 ');
  line = line.replace(/([^0-9])([\.,])/g, '$1 $2 ');
  line = line.replace(/([\.,])([^0-9])/g, ' $1 $2');
  line = line.replace(/([0-9])(-)/g, '$1 $2 ');
  return pyNormalizeSpaces(line);
}
const reference13a = (line: string): string => regexpTokenize(` ${unescape13a(line)} `);
function referenceZh(line: string): string {
  let chars = '';
  for (const ch of pyStrip(line)) chars += ch.length === 1 && isChineseChar(ch.charCodeAt(0)) ? ` ${ch} ` : ch;
  return regexpTokenize(chars);
}

/** Strings dense in the characters that the regex passes care about. */
const tricky = fc.string({
  unit: fc.constantFrom('a', 'Z', '0', '5', '9', '.', ',', '-', ' ', '\t', '\u00a0', '\u3000', '(', '$', "'", '&', ';', 'é', '中', '—', '“', '😀', '\u2001', '\n'),
  maxLength: 16,
});
const anyUnicode = fc.string({ unit: 'binary', maxLength: 40 });
const loneSurrogates = fc.string({
  unit: fc.oneof(fc.constantFrom('a', '.', ' ', '1'), fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c))),
  maxLength: 12,
});

describe('13a', () => {
  const tok = getTokenizer('13a');
  it('splits like mteval-v13a', () => {
    assert.equal(tok.tokenize("It's 3-4 p.m., e-mail me at 5.30!"), "It's 3 - 4 p . m . , e-mail me at 5.30 !");
    assert.equal(tok.tokenize('a 5. b.5 c,d 1,000.50 $3 (x) "q"'), 'a 5 . b . 5 c , d 1,000.50 $ 3 ( x ) " q "');
    assert.equal(tok.tokenize('Über 2024. Straße'), 'Über 2024 . Straße');
  });
  it('unescapes sequentially, like str.replace', () => {
    assert.equal(tok.tokenize('&amp;lt;tag&gt; A-1 1-A -1'), '< tag > A-1 1 - A -1');
    assert.equal(tok.tokenize('x<skipped>y'), 'xy');
    assert.equal(tok.tokenize('hy-\nphen\nnext'), 'hyphen next');
  });
  it('equals the regex passes on tricky strings', () => {
    fc.assert(fc.property(tricky, (s) => assert.equal(tok.tokenize(s), reference13a(s))), { numRuns: 20000 });
  });
  it('equals the regex passes on arbitrary Unicode', () => {
    fc.assert(fc.property(anyUnicode, (s) => assert.equal(tok.tokenize(s), reference13a(s))), { numRuns: 3000 });
    fc.assert(fc.property(loneSurrogates, (s) => assert.equal(tok.tokenize(s), reference13a(s))), { numRuns: 2000 });
  });
});

describe('zh', () => {
  const tok = getTokenizer('zh');
  it('splits Chinese characters and runs the passes without padding', () => {
    assert.equal(tok.tokenize('他补充道：“我们有 4 个月。”'), '他 补 充 道 ： “ 我 们 有 4 个 月 。 ”');
    // No padding: a final period after a digit stays attached (13a splits it).
    assert.equal(tok.tokenize('共 5.'), '共 5.');
    assert.equal(getTokenizer('13a').tokenize('共 5.'), '共 5 .');
  });
  it("reproduces sacreBLEU's two-character range bounds", () => {
    // '\u20000'..'\u2a6d6' compares as U+2001..U+2A6D: punctuation is split, U+2000 and CJK Ext. B are not.
    assert.ok(isChineseChar(0x2001) && isChineseChar(0x2014) && isChineseChar(0x20ac) && isChineseChar(0x2a6d));
    assert.ok(!isChineseChar(0x2000) && !isChineseChar(0x2a6e));
    assert.equal(tok.tokenize('a€b'), 'a € b');
    assert.equal(tok.tokenize('a\u{20000}b'), 'a\u{20000}b');
  });
  it('equals the regex passes', () => {
    fc.assert(fc.property(tricky, (s) => assert.equal(tok.tokenize(s), referenceZh(s))), { numRuns: 20000 });
    fc.assert(fc.property(anyUnicode, (s) => assert.equal(tok.tokenize(s), referenceZh(s))), { numRuns: 3000 });
  });
});

describe('intl', () => {
  const tok = getTokenizer('intl');
  it('splits punctuation and symbols by Unicode category', () => {
    assert.equal(tok.tokenize("It's 3-4 p.m., e-mail me at 5.30!"), "It ' s 3-4 p . m . , e - mail me at 5.30!");
    assert.equal(tok.tokenize('Ça coûte 12,5 € — vraiment ?'), 'Ça coûte 12,5 € — vraiment ?');
    assert.equal(tok.tokenize('他补充道：“我们”'), '他补充道 ： “ 我们 ”');
  });
});

describe('char and none', () => {
  it('char: one token per code point, whitespace dropped', () => {
    const tok = getTokenizer('char');
    assert.equal(tok.tokenize('a b😀'), 'a   b 😀');
    assert.deepEqual(tok.tokens('a b😀\u3000c'), ['a', 'b', '😀', 'c']);
  });
  it('none: Python str.split()', () => {
    const tok = getTokenizer('none');
    assert.equal(tok.tokenize(' a  b '), ' a  b ');
    assert.deepEqual(tok.tokens('a\x1cb\u0085c\ufeffd'), ['a', 'b', 'c\ufeffd']);
  });
  it('tokens() is split(tokenize()) for every tokenizer', () => {
    for (const name of BLEU_TOKENIZERS) {
      const tok = getTokenizer(name);
      fc.assert(fc.property(fc.oneof(tricky, anyUnicode), (s) => assert.deepEqual(tok.tokens(s), pySplit(tok.tokenize(s)))), {
        numRuns: 1000,
      });
    }
  });
  it('rejects tokenizers that are not reproduced', () => {
    assert.throws(() => getTokenizer('ja-mecab'), /not supported/);
  });
});

describe('Python string helpers', () => {
  it('use Python whitespace, not JS \\s', () => {
    assert.deepEqual(pySplit('a\u001cb\u0085c\u00a0d\ufeffe'), ['a', 'b', 'c', 'd\ufeffe']);
    assert.equal(pyRstrip('x \u3000\u2029'), 'x');
    assert.equal(pyStrip('\u0085 x \t'), 'x');
  });
});

describe('tercom (sacreBLEU test_tokenizer_ter.py)', () => {
  const cases: Array<[ConstructorParameters<typeof TercomTokenizer>[0], string, string]> = [
    [{}, 'a b c d', 'a b c d'],
    [{}, '', ''],
    [{}, 'a b c d.', 'a b c d.'],
    [{}, 'A B C D.', 'a b c d.'],
    [{ noPunct: true }, 'a b c d.', 'a b c d'],
    [{ noPunct: true }, 'A ; B ) C : D.', 'a b c d'],
    [{ normalized: true }, 'a b (c) d.', 'a b ( c ) d .'],
    [{ normalized: true }, "Jim's car.", "jim 's car ."],
    [{ normalized: true }, '4.2', '4.2'],
    [{ normalized: true, asianSupport: true }, '美众院公布对特', '美 众 院 公 布 对 特'],
    [{ normalized: true, asianSupport: true }, 'りの拳銃を持', 'りの 拳 銃 を 持'],
    [{ caseSensitive: true }, 'A B', 'A B'],
    [{ noPunct: true, asianSupport: true }, '你好，世界。「引用」', '你好世界引用'],
  ];
  for (const [opts, input, expected] of cases) {
    it(`${JSON.stringify(opts)} ${JSON.stringify(input)}`, () => {
      const tok = new TercomTokenizer(opts);
      assert.equal(tok.tokenize(input), expected);
      assert.deepEqual(tok.tokens(input), pySplit(expected));
    });
  }
});
