/** chrF (Popović 2015) and chrF++ (Popović 2017) exactly as sacreBLEU 2.6.0 computes them. */
import type { CorpusMetric, MetricScore, SentenceStatistics } from './types.js';
import { NgramLevels } from './ngram-levels.js';
import { SpanInterner, TokenSpans } from './spans.js';
import { isPyWhitespace, pyLower, whitespaceSpans } from './text.js';
import { float64 } from './pymath.js';
import { formatSignature } from './signature.js';
import { checkCorpus, corpusStatistics, RefCounter, segmentRefs, segmentStatistics, type RefStreams } from './corpus-input.js';

export interface CHRFOptions {
  charOrder?: number;
  /** 2 gives chrF++. */
  wordOrder?: number;
  beta?: number;
  lowercase?: boolean;
  /** Keep whitespace when extracting character n-grams. */
  whitespace?: boolean;
  /** chrF++.py-style epsilon smoothing instead of sacreBLEU's effective-order averaging. */
  epsSmoothing?: boolean;
}

export interface CHRFScore extends MetricScore {
  /** 'chrF2', 'chrF2++', ... */
  name: string;
  charOrder: number;
  wordOrder: number;
  beta: number;
  signature: string;
}

/** `string.punctuation`, used by chrF++'s word splitter. */
const PUNCTS = new Set(Array.from('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~', (ch) => ch.charCodeAt(0)));

/**
 * sacreBLEU's `_remove_punctuation` as spans: splits one leading or trailing
 * punctuation mark off each word ('(hi)' → '(hi', ')': sacreBLEU issue #124).
 * Working on UTF-16 units is equivalent: the marks are ASCII, and a word that
 * is one astral character (length 2 here) is kept whole either way.
 */
function chrfWordSpans(sent: string, words: TokenSpans, out: TokenSpans): void {
  whitespaceSpans(sent, words);
  out.reset(sent);
  for (let k = 0; k < words.count; k++) {
    const a = words.starts[k];
    const b = words.ends[k];
    if (b - a === 1) out.push(a, b);
    else if (PUNCTS.has(sent.charCodeAt(b - 1))) {
      out.push(a, b - 1);
      out.push(b - 1, b);
    } else if (PUNCTS.has(sent.charCodeAt(a))) {
      out.push(a, a + 1);
      out.push(a + 1, b);
    } else out.push(a, b);
  }
}

/** The words chrF++ uses for word n-grams. */
export function chrfWords(sent: string): string[] {
  const out = new TokenSpans();
  chrfWordSpans(sent, new TokenSpans(), out);
  return out.toArray();
}

/**
 * sacreBLEU's `CHRF._compute_f_score` over a flat [hyp, ref, match] × order array.
 * `roundQuotient` is applied to each precision and recall quotient: the
 * significance tests pass `Math.fround` to reproduce numpy 1.x float32 division.
 */
export function chrfFScore(
  stats: ArrayLike<number>,
  offset: number,
  order: number,
  beta: number,
  eps: boolean,
  roundQuotient: (x: number) => number = float64,
): number {
  const EPS = 1e-16;
  let score = 0.0;
  let effectiveOrder = 0;
  const factor = beta ** 2;
  let avgPrec = 0.0;
  let avgRec = 0.0;
  for (let i = 0; i < order; i++) {
    const nHyp = stats[offset + 3 * i];
    const nRef = stats[offset + 3 * i + 1];
    const nMatch = stats[offset + 3 * i + 2];
    const prec = nHyp > 0 ? roundQuotient(nMatch / nHyp) : EPS;
    const rec = nRef > 0 ? roundQuotient(nMatch / nRef) : EPS;
    const denom = factor * prec + rec;
    score += denom > 0 ? ((1 + factor) * prec * rec) / denom : EPS;
    if (nHyp > 0 && nRef > 0) {
      avgPrec += prec;
      avgRec += rec;
      effectiveOrder += 1;
    }
  }
  if (eps) return (100 * score) / order;
  if (effectiveOrder === 0) {
    avgPrec = avgRec = 0.0;
  } else {
    avgPrec /= effectiveOrder;
    avgRec /= effectiveOrder;
  }
  if (avgPrec + avgRec) {
    score = (1 + factor) * avgPrec * avgRec;
    score /= factor * avgPrec + avgRec;
    return 100 * score;
  }
  return 0.0;
}

export class CHRF implements CorpusMetric<CHRFScore> {
  readonly higherIsBetter = true;
  // The options stay readable: signature() prints them and significance-parallel rebuilds the metric from them.
  readonly charOrder: number;
  readonly wordOrder: number;
  readonly beta: number;
  readonly lowercase: boolean;
  readonly whitespace: boolean;
  readonly epsSmoothing: boolean;
  /** nrefs of the latest `sentenceStatistics` call; −1 = variable. */
  numRefs = 1;
  private readonly levels = new NgramLevels();
  private readonly interner = new SpanInterner();
  private readonly wsSpans = new TokenSpans();
  private readonly wordSpans = new TokenSpans();
  // Per-reference candidate rows and multi-reference counting scratch.
  private cand = new Float64Array(64);
  private cnt = new Int32Array(256);
  private mark = new Int32Array(256);
  private stamp = 0;

  constructor(opts: CHRFOptions = {}) {
    this.charOrder = opts.charOrder ?? 6;
    this.wordOrder = opts.wordOrder ?? 0;
    this.beta = opts.beta ?? 2;
    this.lowercase = opts.lowercase ?? false;
    this.whitespace = opts.whitespace ?? false;
    this.epsSmoothing = opts.epsSmoothing ?? false;
    for (const [k, v] of [
      ['charOrder', this.charOrder],
      ['wordOrder', this.wordOrder],
    ] as const) {
      if (!Number.isInteger(v) || v < 0) throw new Error(`${k} must be a non-negative integer, got ${v}`);
    }
    if (this.charOrder + this.wordOrder === 0) throw new Error('charOrder + wordOrder must be positive');
  }

  get name(): string {
    return `chrF${this.beta}${'+'.repeat(this.wordOrder)}`;
  }

  signature(nrefs: number): string {
    return formatSignature(nrefs, [
      ['case', this.lowercase ? 'lc' : 'mixed'],
      ['eff', this.epsSmoothing ? 'no' : 'yes'],
      ['nc', this.charOrder],
      ['nw', this.wordOrder],
      ['space', this.whitespace ? 'yes' : 'no'],
    ]);
  }

  /** Loads the code points of `s` (without Python whitespace unless `whitespace`) as a sequence. */
  private addChars(s: string): void {
    const levels = this.levels;
    const start = levels.begin(s.length);
    const u = levels.units;
    let p = start;
    const keepSpace = this.whitespace;
    for (let i = 0; i < s.length; i++) {
      let c = s.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
        const d = s.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          i++;
        }
      } else if (!keepSpace && isPyWhitespace(c)) continue;
      u[p++] = c;
    }
    levels.commit(p);
  }

  /**
   * Fills, for every reference k, cand[k·width + 3·(orderOffset + o − 1) + 0..2]
   * = [hyp n-grams (0 if the reference has none), ref n-grams, matches] for o = 1..maxOrder.
   */
  private countOrders(maxOrder: number, orderOffset: number, denseUnits: number | undefined, width: number): void {
    const levels = this.levels;
    const cand = this.cand;
    const nRefs = levels.count - 1;
    if (this.cnt.length < levels.length) {
      this.cnt = new Int32Array(levels.length * 2);
      this.mark = new Int32Array(levels.length * 2);
      this.stamp = 0;
    }
    const cnt = this.cnt;
    const mark = this.mark;
    if (nRefs === 1) {
      for (let o = 1; o <= maxOrder; o++) {
        const hypTotal = levels.total(0, o);
        const refTotal = levels.total(1, o);
        const at = 3 * (orderOffset + o - 1);
        cand[at] = refTotal > 0 ? hypTotal : 0;
        cand[at + 1] = refTotal;
        cand[at + 2] = hypTotal > 0 && refTotal > 0 ? levels.nextPairMatches(o === 1 ? denseUnits : undefined) : 0;
      }
      return;
    }
    for (let o = 1; o <= maxOrder; o++) {
      const hypTotal = levels.total(0, o);
      let anyRef = false;
      for (let k = 1; k <= nRefs; k++) if (levels.total(k, o) > 0) anyRef = true;
      // Without n-grams on both sides nothing can match, at this or any higher order.
      const live = hypTotal > 0 && anyRef;
      if (live) levels.next(o === 1 ? denseUnits : undefined);
      else levels.order++;
      const ids = levels.ids;
      const stamp = ++this.stamp;
      if (live) for (let p = 0; p < hypTotal; p++) if (ids[p] >= 0) mark[ids[p]] = stamp;
      for (let k = 1; k <= nRefs; k++) {
        const refTotal = levels.total(k, o);
        let match = 0;
        if (live && refTotal > 0) {
          const first = levels.starts[k];
          const last = first + refTotal;
          for (let p = first; p < last; p++) {
            const id = ids[p];
            if (id >= 0) cnt[id]++;
          }
          for (let p = 0; p < hypTotal; p++) {
            const id = ids[p];
            if (id >= 0 && cnt[id] > 0) {
              cnt[id]--;
              match++;
            }
          }
          for (let p = first; p < last; p++) {
            const id = ids[p];
            if (id >= 0) {
              cnt[id] = 0;
              // Shared with the hypothesis: keep it for the next order.
              if (mark[id] === stamp || mark[id] === -stamp) mark[id] = -stamp;
            }
          }
        }
        const at = (k - 1) * width + 3 * (orderOffset + o - 1);
        cand[at] = refTotal > 0 ? hypTotal : 0;
        cand[at + 1] = refTotal;
        cand[at + 2] = match;
      }
      if (live && o < maxOrder) levels.prune(mark, -stamp);
    }
  }

  /**
   * Row i: [hyp, ref, match] for each char order then each word order, taken
   * from the reference with the best sentence-level f-score (first on ties).
   */
  sentenceStatistics(hyps: readonly string[], refs: RefStreams): SentenceStatistics {
    checkCorpus('CHRF', hyps, refs);
    const order = this.charOrder + this.wordOrder;
    const width = 3 * order;
    const n = hyps.length;
    const stats = new Float64Array(n * width);
    const counter = new RefCounter();
    const levels = this.levels;
    const interner = this.interner;
    if (this.cand.length < width * 4) this.cand = new Float64Array(width * 4);

    const addWords = (s: string): void => {
      chrfWordSpans(s, this.wsSpans, this.wordSpans);
      levels.addSpans(this.wordSpans, interner);
    };

    for (let i = 0; i < n; i++) {
      const segRefs = segmentRefs(refs, i);
      counter.add(segRefs.length);
      if (this.cand.length < segRefs.length * width) this.cand = new Float64Array(segRefs.length * width);
      const cand = this.cand;
      const hyp = this.lowercase ? pyLower(hyps[i]) : hyps[i];
      const refTexts = this.lowercase ? segRefs.map(pyLower) : segRefs;

      if (this.charOrder > 0) {
        levels.clear();
        this.addChars(hyp);
        for (const r of refTexts) this.addChars(r);
        this.countOrders(this.charOrder, 0, undefined, width);
      }
      if (this.wordOrder > 0) {
        levels.clear();
        interner.reset();
        addWords(hyp);
        for (const r of refTexts) addWords(r);
        this.countOrders(this.wordOrder, this.charOrder, interner.size, width);
      }

      let best = 0;
      if (segRefs.length > 1) {
        let bestF = -1.0;
        for (let k = 0; k < segRefs.length; k++) {
          const f = chrfFScore(cand, k * width, order, this.beta, this.epsSmoothing);
          if (f > bestF) {
            bestF = f;
            best = k;
          }
        }
      }
      if (segRefs.length > 0) {
        const from = best * width;
        const to = i * width;
        for (let j = 0; j < width; j++) stats[to + j] = cand[from + j];
      }
    }
    interner.release();
    this.numRefs = counter.result;
    return { stats, width, n };
  }

  scoreFromStatistics(summed: ArrayLike<number>): CHRFScore {
    return {
      name: this.name,
      score: chrfFScore(summed, 0, this.charOrder + this.wordOrder, this.beta, this.epsSmoothing),
      charOrder: this.charOrder,
      wordOrder: this.wordOrder,
      beta: this.beta,
      signature: this.signature(this.numRefs),
    };
  }

  corpusScore(hyps: readonly string[], refs: RefStreams): CHRFScore {
    return this.scoreFromStatistics(corpusStatistics(this, hyps, refs));
  }

  sentenceScore(hyp: string, refs: readonly string[]): CHRFScore {
    return this.scoreFromStatistics(segmentStatistics(this, hyp, refs));
  }
}
