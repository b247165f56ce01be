/** BLEU (Papineni et al., 2002) exactly as sacreBLEU 2.6.0 computes it. */
import type { CorpusMetric, MetricScore, SentenceStatistics } from './types.js';
import { getTokenizer, type Tokenizer } from './tokenizers/index.js';
import { NgramLevels } from './ngram-levels.js';
import { SpanInterner, TokenSpans } from './spans.js';
import { pyExp, pyLog } from './pymath.js';
import { pyLower, pyRstrip } from './text.js';
import { formatSignature } from './signature.js';
import { pyFixed } from './pyformat.js';
import { checkCorpus, corpusStatistics, RefCounter, segmentRefs, segmentStatistics, type RefStreams } from './corpus-input.js';

export type SmoothMethod = 'exp' | 'floor' | 'add-k' | 'none';

/** sacreBLEU's `SMOOTH_DEFAULTS`. */
export const SMOOTH_DEFAULTS: Readonly<Record<SmoothMethod, number | undefined>> = {
  none: undefined,
  floor: 0.1,
  'add-k': 1,
  exp: undefined,
};

export const MAX_NGRAM_ORDER = 4;

export interface BLEUOptions {
  /** '13a' (default), 'intl', 'zh', 'char' or 'none'. */
  tokenize?: string;
  lowercase?: boolean;
  smoothMethod?: SmoothMethod;
  /** For 'floor' (default 0.1) and 'add-k' (default 1). */
  smoothValue?: number;
  /**
   * Leave out n-gram orders with no hypothesis n-grams. Default: off for
   * corpus scores (sacreBLEU's `BLEU()` default), on for `sentenceScore`
   * (sacreBLEU's `sentence_bleu`). Setting it applies to both.
   */
  effectiveOrder?: boolean;
  maxNgramOrder?: number;
  /** As sacreBLEU: with no `tokenize`, 'zh' selects the zh tokenizer ('ja'/'ko' are rejected: MeCab). */
  trgLang?: string;
}

export interface BLEUScore extends MetricScore {
  name: 'BLEU';
  /** Matched n-gram counts per order (after add-k smoothing, as sacreBLEU reports them). */
  counts: number[];
  totals: number[];
  precisions: number[];
  bp: number;
  sysLen: number;
  refLen: number;
  ratio: number;
  signature: string;
}

/**
 * sacreBLEU's `BLEU.compute_bleu`. `correct`/`total` are copied, then
 * modified by add-k exactly as sacreBLEU modifies its slices.
 */
export function computeBleu(
  correctIn: ArrayLike<number>,
  totalIn: ArrayLike<number>,
  sysLen: number,
  refLen: number,
  smoothMethod: SmoothMethod,
  smoothValue: number | undefined,
  effectiveOrder: boolean,
  maxNgramOrder: number,
): Omit<BLEUScore, 'signature' | 'name'> {
  const value = smoothValue ?? SMOOTH_DEFAULTS[smoothMethod] ?? 0;
  const correct = Array.from(correctIn);
  const total = Array.from(totalIn);

  let bp = 1.0;
  if (sysLen < refLen) bp = sysLen > 0 ? pyExp(1 - refLen / sysLen) : 0.0;

  const precisions: number[] = new Array<number>(maxNgramOrder).fill(0);
  const ratio = refLen ? sysLen / refLen : 0;

  // Early stop if there are no matches (sacreBLEU #141).
  if (!correct.some((c) => c !== 0)) {
    return { score: 0.0, counts: correct, totals: total, precisions, bp, sysLen, refLen, ratio };
  }

  let smoothMteval = 1.0;
  let effOrder = maxNgramOrder;
  for (let n = 1; n <= maxNgramOrder; n++) {
    if (smoothMethod === 'add-k' && n > 1) {
      correct[n - 1] += value;
      total[n - 1] += value;
    }
    if (total[n - 1] === 0) break;
    if (effectiveOrder) effOrder = n;
    if (correct[n - 1] === 0) {
      if (smoothMethod === 'exp') {
        smoothMteval *= 2;
        precisions[n - 1] = 100.0 / (smoothMteval * total[n - 1]);
      } else if (smoothMethod === 'floor') {
        precisions[n - 1] = (100.0 * value) / total[n - 1];
      }
    } else {
      precisions[n - 1] = (100.0 * correct[n - 1]) / total[n - 1];
    }
  }

  // Python: sum([my_log(p) for p in precisions[:eff_order]]) / eff_order, left to right.
  let sumLog = 0;
  for (let i = 0; i < effOrder; i++) {
    const p = precisions[i];
    sumLog += p === 0 ? -9999999999 : pyLog(p);
  }
  const score = bp * pyExp(sumLog / effOrder);
  return { score, counts: correct, totals: total, precisions, bp, sysLen, refLen, ratio };
}

export class BLEU implements CorpusMetric<BLEUScore> {
  readonly name = 'BLEU';
  readonly higherIsBetter = true;
  // The options stay readable: signature() prints them and significance-parallel rebuilds the metric from them.
  readonly tokenizer: Tokenizer;
  readonly lowercase: boolean;
  readonly smoothMethod: SmoothMethod;
  readonly smoothValue: number | undefined;
  readonly maxNgramOrder: number;
  readonly effectiveOrder: boolean | undefined;
  /** nrefs of the latest `sentenceStatistics` call (sacreBLEU's `num_refs`); −1 = variable. */
  numRefs = 1;
  private readonly levels = new NgramLevels();
  private readonly spans = new TokenSpans();
  private readonly interner = new SpanInterner();
  // Multi-reference scratch, indexed by n-gram id: largest count in one reference, count in the current one.
  private refMax = new Int32Array(256);
  private refCnt = new Int32Array(256);

  constructor(opts: BLEUOptions = {}) {
    this.lowercase = opts.lowercase ?? false;
    this.smoothMethod = opts.smoothMethod ?? 'exp';
    if (!(this.smoothMethod in SMOOTH_DEFAULTS)) throw new Error(`Unknown smooth_method '${this.smoothMethod}'`);
    this.smoothValue = opts.smoothValue;
    this.maxNgramOrder = opts.maxNgramOrder ?? MAX_NGRAM_ORDER;
    if (!Number.isInteger(this.maxNgramOrder) || this.maxNgramOrder < 1) {
      throw new Error(`maxNgramOrder must be a positive integer, got ${this.maxNgramOrder}`);
    }
    this.effectiveOrder = opts.effectiveOrder;
    // sacreBLEU's default by target language (ja/ko would need MeCab, which getTokenizer rejects).
    const byLang: Record<string, string> = { zh: 'zh', ja: 'ja-mecab', ko: 'ko-mecab' };
    const tok = opts.tokenize ?? byLang[opts.trgLang ?? ''] ?? '13a';
    this.tokenizer = getTokenizer(tok);
  }

  /** sacreBLEU's `_preprocess_segment`; the tokens land in `this.spans`. */
  private tokenizeInto(line: string): void {
    this.tokenizer.spans(pyRstrip(this.lowercase ? pyLower(line) : line), this.spans);
  }

  signature(nrefs: number, effectiveOrder = this.effectiveOrder ?? false): string {
    let smooth: string = this.smoothMethod;
    const def = SMOOTH_DEFAULTS[this.smoothMethod];
    if (def !== undefined) smooth += `[${pyFixed(this.smoothValue ?? def, 2)}]`;
    return formatSignature(nrefs, [
      ['case', this.lowercase ? 'lc' : 'mixed'],
      ['eff', effectiveOrder ? 'yes' : 'no'],
      ['tok', this.tokenizer.signature],
      ['smooth', smooth],
    ]);
  }

  /** Row i: [hyp_len, ref_len, correct_1..N, total_1..N] (sacreBLEU's segment statistics). */
  sentenceStatistics(hyps: readonly string[], refs: RefStreams): SentenceStatistics {
    checkCorpus('BLEU', hyps, refs);
    const width = 2 + 2 * this.maxNgramOrder;
    const n = hyps.length;
    const stats = new Float64Array(n * width);
    const counter = new RefCounter();
    const levels = this.levels;
    const spans = this.spans;
    const interner = this.interner;

    for (let i = 0; i < n; i++) {
      const segRefs = segmentRefs(refs, i);
      counter.add(segRefs.length);
      levels.clear();
      interner.reset();
      this.tokenizeInto(hyps[i]);
      const hypLen = spans.count;
      levels.addSpans(spans, interner);
      // Closest reference length; the shorter one on ties.
      let closestDiff = -1;
      let closestLen = -1;
      for (const r of segRefs) {
        this.tokenizeInto(r);
        const refLen = spans.count;
        levels.addSpans(spans, interner);
        const diff = Math.abs(hypLen - refLen);
        if (closestDiff === -1 || diff < closestDiff) {
          closestDiff = diff;
          closestLen = refLen;
        } else if (diff === closestDiff && refLen < closestLen) {
          closestLen = refLen;
        }
      }
      const base = i * width;
      stats[base] = hypLen;
      stats[base + 1] = closestLen;
      this.countNgrams(hypLen, stats, base + 2);
    }
    interner.release();
    this.numRefs = counter.result;
    return { stats, width, n };
  }

  /**
   * correct_1..N then total_1..N, at stats[at..], for the segment loaded in
   * `levels` (hypothesis of `hypLen` tokens, then its references): hypothesis
   * n-grams, clipped by their largest count in any one reference. Orders
   * longer than the hypothesis stay 0.
   */
  private countNgrams(hypLen: number, stats: Float64Array, at: number): void {
    const N = this.maxNgramOrder;
    const levels = this.levels;
    const dense = this.interner.size;
    const nSeq = levels.count;
    if (nSeq === 2) {
      for (let order = 1; order <= N; order++) {
        const hypTotal = hypLen - order + 1;
        if (hypTotal <= 0) break;
        const refTotal = levels.total(1, order);
        stats[at + order - 1] = refTotal > 0 ? levels.nextPairMatches(order === 1 ? dense : undefined) : 0;
        stats[at + N + order - 1] = hypTotal;
      }
      return;
    }
    if (this.refMax.length < levels.length) {
      this.refMax = new Int32Array(levels.length * 2);
      this.refCnt = new Int32Array(levels.length * 2);
    }
    const refMax = this.refMax;
    const refCnt = this.refCnt;
    for (let order = 1; order <= N; order++) {
      const hypTotal = hypLen - order + 1;
      if (hypTotal <= 0) break;
      const distinct = levels.next(order === 1 ? dense : undefined);
      const ids = levels.ids;
      refMax.fill(0, 0, distinct);
      for (let s = 1; s < nSeq; s++) {
        const first = levels.starts[s];
        const last = levels.ends[s] - order;
        for (let p = first; p <= last; p++) refCnt[ids[p]]++;
        for (let p = first; p <= last; p++) {
          const id = ids[p];
          if (refCnt[id] > refMax[id]) refMax[id] = refCnt[id];
        }
        for (let p = first; p <= last; p++) refCnt[ids[p]] = 0;
      }
      // Σ over distinct hyp n-grams of min(hyp count, max ref count).
      let correct = 0;
      for (let p = 0; p < hypTotal; p++) {
        const id = ids[p];
        if (refMax[id] > 0) {
          correct++;
          refMax[id]--;
        }
      }
      stats[at + order - 1] = correct;
      stats[at + N + order - 1] = hypTotal;
    }
  }

  private fromStats(summed: ArrayLike<number>, effectiveOrder: boolean, nrefs: number): BLEUScore {
    const N = this.maxNgramOrder;
    const correct: number[] = [];
    const total: number[] = [];
    for (let j = 0; j < N; j++) {
      correct.push(summed[2 + j]);
      total.push(summed[2 + N + j]);
    }
    const r = computeBleu(
      correct,
      total,
      Math.trunc(summed[0]),
      Math.trunc(summed[1]),
      this.smoothMethod,
      this.smoothValue,
      effectiveOrder,
      N,
    );
    return { name: 'BLEU', ...r, signature: this.signature(nrefs, effectiveOrder) };
  }

  /** sacreBLEU's `_compute_score_from_stats` (corpus-level effective order setting). */
  scoreFromStatistics(summed: ArrayLike<number>): BLEUScore {
    return this.fromStats(summed, this.effectiveOrder ?? false, this.numRefs);
  }

  corpusScore(hyps: readonly string[], refs: RefStreams): BLEUScore {
    return this.scoreFromStatistics(corpusStatistics(this, hyps, refs));
  }

  /** sacreBLEU's `sentence_bleu`: effective order on unless set in the options. */
  sentenceScore(hyp: string, refs: readonly string[]): BLEUScore {
    return this.fromStats(segmentStatistics(this, hyp, refs), this.effectiveOrder ?? true, this.numRefs);
  }
}
