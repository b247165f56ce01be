/**
 * The toy model's SentencePiece-style vocabulary, laid out like M2M-100's:
 * <s>, <pad>, </s>, <unk> first, then pieces by descending score, then the
 * language tokens __xx__ at the very end.
 *
 * Pieces are whole words with the `▁` word-start marker (every word of the
 * dictionary and of the data sets), punctuation, and every character seen as
 * a low-scoring single-character fallback, so any data-set line encodes
 * without <unk> and decodes back to itself.
 */
import type { ParallelSet } from './datasets.js';
import { dictionary } from './dictionary.js';
import { TARGETS } from './lexicon.js';

export const SPECIAL_TOKENS = ['<s>', '<pad>', '</s>', '<unk>'] as const;
export const BOS_ID = 0;
export const PAD_ID = 1;
export const EOS_ID = 2;
export const UNK_ID = 3;
/** M2M-100 orders its language tokens by code. */
export const LANGUAGES = ['de', 'en', 'es', 'fr', 'sw'] as const;
export type Language = (typeof LANGUAGES)[number];
export const SPACE = '\u2581';

/** Punctuation that stands as its own piece (it follows a word without a space). */
const PUNCTUATION = ['.', ',', '?', '!', '¿', '¡'];

export interface Vocabulary {
  /** [piece, score] in id order, language tokens included. */
  pieces: readonly (readonly [string, number])[];
  idOf: ReadonlyMap<string, number>;
  languageId(lang: Language): number;
  size: number;
}

/** Splits text into the words the vocabulary stores (▁word) and its punctuation marks. */
export function textPieces(text: string): string[] {
  const out: string[] = [];
  for (const word of text.split(' ')) {
    let w = word;
    const lead: string[] = [];
    const trail: string[] = [];
    while (w.length > 0 && PUNCTUATION.includes(w[0])) {
      lead.push(w[0]);
      w = w.slice(1);
    }
    while (w.length > 0 && PUNCTUATION.includes(w[w.length - 1])) {
      trail.unshift(w[w.length - 1]);
      w = w.slice(0, -1);
    }
    if (w === '') out.push(SPACE + lead.concat(trail).join(''));
    else out.push(...(lead.length > 0 ? [SPACE, ...lead, w] : [SPACE + w]), ...trail);
  }
  return out;
}

export function buildVocabulary(sets: readonly ParallelSet[]): Vocabulary {
  const count = new Map<string, number>();
  const chars = new Set<string>([SPACE]);
  const add = (piece: string, n = 1): void => {
    count.set(piece, (count.get(piece) ?? 0) + n);
  };
  // Dictionary words count once each so that every model output has a piece.
  for (const e of dictionary()) {
    for (const w of [e.en, ...TARGETS.map((t) => e.to[t])]) {
      if (w === '</s>') continue;
      add(PUNCTUATION.includes(w) ? w : SPACE + w);
    }
  }
  for (const s of sets) {
    for (const line of [...s.source, ...s.reference]) {
      for (const ch of line.replaceAll(' ', SPACE)) chars.add(ch);
      for (const p of textPieces(line)) if (p !== SPACE) add(p);
    }
  }
  for (const p of PUNCTUATION) add(p);
  // Word pieces by descending frequency (ties alphabetically); scores fall off with rank like log-probabilities would.
  const words = [...count.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const pieces: [string, number][] = SPECIAL_TOKENS.map((t) => [t, 0]);
  words.forEach(([w], i) => pieces.push([w, -Number((3 + (9 * i) / words.length).toFixed(4))]));
  const known = new Set(pieces.map(([p]) => p));
  const fallback = [...chars].filter((c) => !known.has(c)).sort();
  fallback.forEach((c, i) => pieces.push([c, -Number((20 + i / 100).toFixed(4))]));
  for (const l of LANGUAGES) pieces.push([`__${l}__`, 0]);
  const idOf = new Map(pieces.map(([p], i) => [p, i]));
  if (idOf.size !== pieces.length) throw new Error('vocabulary: duplicate piece');
  return {
    pieces,
    idOf,
    size: pieces.length,
    languageId: (lang) => idOf.get(`__${lang}__`)!,
  };
}

/** Piece id of a dictionary word (▁word, a punctuation mark, or </s>). */
export function wordId(vocab: Vocabulary, word: string): number {
  const piece = word === '</s>' ? word : PUNCTUATION.includes(word) ? word : SPACE + word;
  const id = vocab.idOf.get(piece);
  if (id === undefined) throw new Error(`vocabulary has no piece for ${word}`);
  return id;
}
