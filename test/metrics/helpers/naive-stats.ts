/**
 * Plain transcriptions of sacreBLEU's per-segment statistics (Counter-based
 * n-gram extraction on strings), to cross-check the optimised n-gram code.
 */
import { getTokenizer, chrfFScore, chrfWords } from '../../../src/metrics/index.js';
import { pyLower, pyRstrip, pySplit } from '../../../src/metrics/text.js';

function counter(items: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of items) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
}

/** sacreBLEU's BLEU `_extract_corpus_statistics` for one segment. */
export function naiveBleuRow(hyp: string, refs: string[], opts: { tokenize?: string; lowercase?: boolean; maxNgramOrder?: number } = {}): number[] {
  const tok = getTokenizer(opts.tokenize ?? '13a');
  const N = opts.maxNgramOrder ?? 4;
  const words = (s: string): string[] => pySplit(tok.tokenize(pyRstrip(opts.lowercase ? pyLower(s) : s)));
  const ngrams = (w: string[]): Map<string, number> => {
    const all: string[] = [];
    for (let n = 1; n <= N; n++) for (let i = 0; i + n <= w.length; i++) all.push(JSON.stringify(w.slice(i, i + n)));
    return counter(all);
  };
  const refNgrams = new Map<string, number>();
  const refLens: number[] = [];
  for (const r of refs) {
    const w = words(r);
    refLens.push(w.length);
    for (const [g, c] of ngrams(w)) refNgrams.set(g, Math.max(refNgrams.get(g) ?? 0, c));
  }
  const hw = words(hyp);
  let closestDiff = -1;
  let closestLen = -1;
  for (const l of refLens) {
    const d = Math.abs(hw.length - l);
    if (closestDiff === -1 || d < closestDiff) [closestDiff, closestLen] = [d, l];
    else if (d === closestDiff && l < closestLen) closestLen = l;
  }
  const correct = new Array<number>(N).fill(0);
  const total = new Array<number>(N).fill(0);
  for (const [g, c] of ngrams(hw)) {
    const n = (JSON.parse(g) as string[]).length - 1;
    total[n] += c;
    correct[n] += Math.min(c, refNgrams.get(g) ?? 0);
  }
  return [hw.length, closestLen, ...correct, ...total];
}

/** sacreBLEU's chrF `_extract_corpus_statistics` for one segment. */
export function naiveChrfRow(
  hyp: string,
  refs: string[],
  o: { charOrder?: number; wordOrder?: number; beta?: number; lowercase?: boolean; whitespace?: boolean; epsSmoothing?: boolean } = {},
): number[] {
  const nc = o.charOrder ?? 6;
  const nw = o.wordOrder ?? 0;
  const prep = (s: string): string => (o.lowercase ? pyLower(s) : s);
  const chars = (s: string): string[] => Array.from(o.whitespace ? s : pySplit(s).join(''));
  const all = (s: string): Map<string, number>[] => {
    const c = chars(s);
    const out: Map<string, number>[] = [];
    for (let n = 1; n <= nc; n++) {
      const g: string[] = [];
      for (let i = 0; i + n <= c.length; i++) g.push(c.slice(i, i + n).join(''));
      out.push(counter(g));
    }
    const w = chrfWords(s);
    for (let n = 1; n <= nw; n++) {
      const g: string[] = [];
      for (let i = 0; i + n <= w.length; i++) g.push(w.slice(i, i + n).join(' '));
      out.push(counter(g));
    }
    return out;
  };
  const h = all(prep(hyp));
  let best: number[] = [];
  let bestF = -1;
  for (const r of refs) {
    const rg = all(prep(r));
    const stats: number[] = [];
    h.forEach((hc, k) => {
      let match = 0;
      let hypCount = 0;
      for (const [g, c] of hc) {
        hypCount += c;
        match += Math.min(c, rg[k].get(g) ?? 0);
      }
      const refCount = [...rg[k].values()].reduce((a, b) => a + b, 0);
      stats.push(rg[k].size > 0 ? hypCount : 0, refCount, match);
    });
    const f = chrfFScore(stats, 0, nc + nw, o.beta ?? 2, o.epsSmoothing ?? false);
    if (f > bestF) [bestF, best] = [f, stats];
  }
  return best;
}
