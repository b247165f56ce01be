/** TER (Snover et al., 2006) exactly as sacreBLEU 2.6.0 computes it. */
import type { CorpusMetric, MetricScore, SentenceStatistics } from './types.js';
import { TercomTokenizer } from './tokenizers/tokenizer-ter.js';
import { translationEditRate } from './lib-ter.js';
import { pyRstrip } from './text.js';
import { float64 } from './pymath.js';
import { SpanInterner, TokenSpans } from './spans.js';
import { formatSignature } from './signature.js';
import { checkCorpus, corpusStatistics, RefCounter, segmentRefs, segmentStatistics, type RefStreams } from './corpus-input.js';

export interface TEROptions {
  /** tercom's normalisation (XML unescaping, punctuation tokenisation; CJK splitting with asianSupport). */
  normalized?: boolean;
  /** Remove punctuation (and CJK punctuation with asianSupport). */
  noPunct?: boolean;
  asianSupport?: boolean;
  /** Default false: TER lowercases. */
  caseSensitive?: boolean;
}

export interface TERScore extends MetricScore {
  name: 'TER';
  /** Total edits (sacreBLEU truncates to int). */
  numEdits: number;
  /** Sum over segments of the average reference length. */
  refLength: number;
  signature: string;
}

/**
 * The edit rate (before × 100) from summed [edits, reference length];
 * `roundQuotient` as for `chrfFScore` (the significance tests pass `Math.fround`).
 */
export function terRatio(edits: number, refLength: number, roundQuotient: (x: number) => number = float64): number {
  if (refLength > 0) return roundQuotient(edits / refLength);
  return edits > 0 ? 1.0 : 0.0; // empty reference(s): any hypothesis word is all error
}

export class TER implements CorpusMetric<TERScore> {
  readonly name = 'TER';
  readonly higherIsBetter = false;
  // The options stay readable: signature() prints them and significance-parallel rebuilds the metric from them.
  readonly normalized: boolean;
  readonly noPunct: boolean;
  readonly asianSupport: boolean;
  readonly caseSensitive: boolean;
  readonly tokenizer: TercomTokenizer;
  /** nrefs of the latest `sentenceStatistics` call; −1 = variable. */
  numRefs = 1;

  constructor(opts: TEROptions = {}) {
    this.normalized = opts.normalized ?? false;
    this.noPunct = opts.noPunct ?? false;
    this.asianSupport = opts.asianSupport ?? false;
    this.caseSensitive = opts.caseSensitive ?? false;
    this.tokenizer = new TercomTokenizer(opts);
  }

  signature(nrefs: number): string {
    const yn = (b: boolean): string => (b ? 'yes' : 'no');
    return formatSignature(nrefs, [
      ['case', this.caseSensitive ? 'mixed' : 'lc'],
      ['tok', this.tokenizer.signature],
      ['norm', yn(this.normalized)],
      ['punct', yn(!this.noPunct)],
      ['asian', yn(this.asianSupport)],
    ]);
  }

  /** Row i: [fewest edits over the references, average reference length]. */
  sentenceStatistics(hyps: readonly string[], refs: RefStreams): SentenceStatistics {
    checkCorpus('TER', hyps, refs);
    const n = hyps.length;
    const stats = new Float64Array(n * 2);
    const counter = new RefCounter();
    const spans = new TokenSpans();
    const interner = new SpanInterner();
    const ids = (line: string): Int32Array => {
      this.tokenizer.spans(pyRstrip(line), spans);
      const out = new Int32Array(spans.count);
      for (let k = 0; k < spans.count; k++) out[k] = interner.id(spans.text, spans.starts[k], spans.ends[k]);
      return out;
    };
    for (let i = 0; i < n; i++) {
      const segRefs = segmentRefs(refs, i);
      counter.add(segRefs.length);
      interner.reset();
      const hyp = ids(hyps[i]);
      let best = 1e16;
      let refLengths = 0;
      for (const r of segRefs) {
        const [edits, refLen] = translationEditRate(hyp, ids(r));
        refLengths += refLen;
        if (edits < best) best = edits;
      }
      stats[2 * i] = best;
      stats[2 * i + 1] = refLengths / segRefs.length;
    }
    this.numRefs = counter.result;
    return { stats, width: 2, n };
  }

  scoreFromStatistics(summed: ArrayLike<number>): TERScore {
    const totalEdits = summed[0];
    const sumRefLengths = summed[1];
    return {
      name: 'TER',
      score: 100 * terRatio(totalEdits, sumRefLengths),
      numEdits: Math.trunc(totalEdits),
      refLength: sumRefLengths,
      signature: this.signature(this.numRefs),
    };
  }

  corpusScore(hyps: readonly string[], refs: RefStreams): TERScore {
    return this.scoreFromStatistics(corpusStatistics(this, hyps, refs));
  }

  sentenceScore(hyp: string, refs: readonly string[]): TERScore {
    return this.scoreFromStatistics(segmentStatistics(this, hyp, refs));
  }
}
