/**
 * Constructs (does not train) the toy model's fp32 weights so that greedy
 * decoding translates word by word. The hidden state of width D is split
 * into regions, each with one job:
 *
 *   WORD  32  source word identity, a "two-hot" code (class = 16a + b)
 *   POS   16  position, two-hot (p = 8a + b)
 *   LTOK   8  "this token is language l" (embedding of __xx__)
 *   LCTX   8  target language, fetched by decoder self-attention
 *   XWORD 32  the aligned source word, fetched by cross-attention
 *   CODE  64  output code read by the LM head (one code vector per token)
 *
 * Encoder: embeddings + positions -> self-attention that attends to its own
 * position (sharp two-hot match) and copies WORD -> inert small FFN.
 * Decoder: self-attention from every position to the language token
 * (LTOK -> LCTX); cross-attention from decoder position p to source
 * position p (WORD -> XWORD); an FFN with one ReLU unit per (language,
 * source word) that fires only when both are present and writes the target
 * word's output code; LM head = the matrix of output codes.
 *
 * Swahili is the "low-resource" language: for most of its content words the
 * FFN writes a blend of the right word's code and a competitor's, leaving a
 * small logit margin (see CONFUSION). int4's rounding error is large enough
 * to close some of those margins; int8's (about 1/12 of it) is not. Every
 * matrix also gets small seeded noise so no quantization scale is exact.
 */
import { type Matrix, matrix } from '../onnx/quantize.js';
import { dictionary } from './dictionary.js';
import { type Target, TARGETS } from './lexicon.js';
import { type Prng, stream } from './prng.js';
import { LANGUAGES, type Vocabulary, wordId } from './vocabulary.js';

export const D_MODEL = 160;
export const HEADS = 4;
export const HEAD_DIM = D_MODEL / HEADS;
export const MAX_POSITIONS = 64;
export const ENCODER_FFN = 64;

export const REGION = {
  WORD: 0,
  POS: 32,
  LTOK: 48,
  LCTX: 56,
  XWORD: 64,
  CODE: 96,
} as const;
export const CODE_DIMS = D_MODEL - REGION.CODE;

/** Softmax logit margin per matching two-hot coordinate in the attention layers. */
const ATTENTION_SHARPNESS = 14;
/** Logit of the intended token in the LM head. */
const ALPHA = 12;
/** Scale of the background noise added to every weight. */
const NOISE = 0.005;

/**
 * How unsure the model is per language: the share of content words that get
 * a competitor, and the range of the competitor's logit gap (a fraction of
 * ALPHA). Swahili, the low-resource pair, has many small gaps; French and
 * Spanish a few wide ones; German none.
 */
export const CONFUSION: Record<Target, { share: number; minMargin: number; maxMargin: number }> = {
  de: { share: 0, minMargin: 0, maxMargin: 0 },
  fr: { share: 0.1, minMargin: 0.02, maxMargin: 0.08 },
  es: { share: 0.1, minMargin: 0.02, maxMargin: 0.08 },
  sw: { share: 0.7, minMargin: 0.012, maxMargin: 0.035 },
};

export interface AttentionWeights {
  q: Matrix;
  k: Matrix;
  v: Matrix;
  o: Matrix;
  qBias: Float32Array;
  kBias: Float32Array;
  vBias: Float32Array;
  oBias: Float32Array;
}

export interface FfnWeights {
  fc1: Matrix;
  fc1Bias: Float32Array;
  fc2: Matrix;
  fc2Bias: Float32Array;
}

export interface ToyWeights {
  vocabSize: number;
  embedTokens: Matrix;
  embedPositions: Matrix;
  encoderSelfAttention: AttentionWeights;
  encoderFfn: FfnWeights;
  decoderSelfAttention: AttentionWeights;
  crossAttention: AttentionWeights;
  decoderFfn: FfnWeights;
  lmHead: Matrix;
  /** Per language, the word pairs given a small margin (for the README and tests). */
  confusions: Record<Target, { en: string; word: string; competitor: string; margin: number }[]>;
}

function noisy(rows: number, cols: number, rng: Prng, sigma = NOISE): Matrix {
  const m = matrix(rows, cols);
  for (let i = 0; i < m.data.length; i++) m.data[i] = sigma * rng.gaussian();
  return m;
}

function noiseVector(n: number, rng: Prng, sigma = NOISE): Float32Array {
  const v = new Float32Array(n);
  for (let i = 0; i < n; i++) v[i] = sigma * rng.gaussian();
  return v;
}

function set(m: Matrix, r: number, c: number, value: number): void {
  m.data[r * m.cols + c] = value;
}

/** Two-hot coordinates of a word class (1..255) inside a 32-dim region. */
function wordCode(cls: number): [number, number] {
  return [cls >> 4, 16 + (cls & 15)];
}

/** Two-hot coordinates of a position (0..63) inside the 16-dim POS region. */
function positionCode(p: number): [number, number] {
  return [p >> 3, 8 + (p & 7)];
}

function attention(rng: Prng): AttentionWeights {
  return {
    q: noisy(D_MODEL, D_MODEL, rng, 2 * NOISE),
    k: noisy(D_MODEL, D_MODEL, rng, 2 * NOISE),
    v: noisy(D_MODEL, D_MODEL, rng, NOISE),
    o: noisy(D_MODEL, D_MODEL, rng, NOISE),
    qBias: noiseVector(D_MODEL, rng),
    kBias: noiseVector(D_MODEL, rng),
    vBias: noiseVector(D_MODEL, rng),
    oBias: noiseVector(D_MODEL, rng),
  };
}

/** Query weight that turns a two-hot match into `ATTENTION_SHARPNESS` logits per coordinate after 1/sqrt(head_dim). */
const Q_GAIN = ATTENTION_SHARPNESS * Math.sqrt(HEAD_DIM);

/** Unit vectors in CODE space, one per vocabulary id. */
function outputCodes(vocabSize: number, rng: Prng): Float64Array[] {
  const codes: Float64Array[] = [];
  for (let v = 0; v < vocabSize; v++) {
    const c = new Float64Array(CODE_DIMS);
    let norm = 0;
    for (let j = 0; j < CODE_DIMS; j++) {
      c[j] = rng.gaussian();
      norm += c[j] * c[j];
    }
    norm = Math.sqrt(norm);
    for (let j = 0; j < CODE_DIMS; j++) c[j] /= norm;
    codes.push(c);
  }
  return codes;
}

/** Unit vector along the part of `c` orthogonal to the unit vector `t`, and c·t. */
function orthogonalTo(c: Float64Array, t: Float64Array): { dir: Float64Array; cos: number } {
  let cos = 0;
  for (let j = 0; j < c.length; j++) cos += c[j] * t[j];
  const dir = c.map((x, j) => x - cos * t[j]);
  let norm = 0;
  for (const x of dir) norm += x * x;
  norm = Math.sqrt(norm);
  return { dir: dir.map((x) => x / norm), cos };
}

export function buildWeights(vocab: Vocabulary, seed: number): ToyWeights {
  // Dictionary entry i is word class i + 1 (class 0 stays "no word").
  const dict = dictionary();
  if (dict.length > 255) throw new Error('two-hot word codes hold at most 255 classes');
  const V = vocab.size;

  // Embeddings, shared by encoder and decoder as in M2M-100.
  const embRng = stream(seed, 'embeddings');
  const embedTokens = noisy(V, D_MODEL, embRng, NOISE / 2);
  dict.forEach((e, i) => {
    if (e.en === '</s>') return set2(embedTokens, 2, wordCode(i + 1), REGION.WORD);
    set2(embedTokens, wordId(vocab, e.en), wordCode(i + 1), REGION.WORD);
  });
  LANGUAGES.forEach((l, i) => set(embedTokens, vocab.languageId(l), REGION.LTOK + i, 1));
  const embedPositions = noisy(MAX_POSITIONS, D_MODEL, embRng, NOISE / 2);
  for (let p = 0; p < MAX_POSITIONS; p++) set2(embedPositions, p, positionCode(p), REGION.POS);

  // Encoder self-attention, head 0: attend to the own position, copy WORD (so it reads 2 after the residual).
  const encAtt = attention(stream(seed, 'encoder-self-attention'));
  for (let i = 0; i < 16; i++) {
    set(encAtt.q, REGION.POS + i, i, Q_GAIN);
    set(encAtt.k, REGION.POS + i, i, 1);
  }
  for (let j = 0; j < 32; j++) {
    set(encAtt.v, REGION.WORD + j, j, 1);
    set(encAtt.o, j, REGION.WORD + j, 1);
  }

  // Encoder FFN: present for the shape of a transformer layer; small weights and a negative bias keep it near silent.
  const encFfnRng = stream(seed, 'encoder-ffn');
  const encoderFfn: FfnWeights = {
    fc1: noisy(D_MODEL, ENCODER_FFN, encFfnRng),
    fc1Bias: new Float32Array(ENCODER_FFN).fill(-0.05),
    fc2: noisy(ENCODER_FFN, D_MODEL, encFfnRng),
    fc2Bias: noiseVector(D_MODEL, encFfnRng, NOISE / 2),
  };

  // Decoder self-attention, head 0: a constant query meets a key only on language tokens; value LTOK -> LCTX.
  const selfAtt = attention(stream(seed, 'decoder-self-attention'));
  for (let i = 0; i < 16; i++) set(selfAtt.q, REGION.POS + i, 0, Q_GAIN / 2);
  for (let l = 0; l < 8; l++) {
    set(selfAtt.k, REGION.LTOK + l, 0, 1);
    set(selfAtt.v, REGION.LTOK + l, l, 1);
    set(selfAtt.o, l, REGION.LCTX + l, 1);
  }

  // Cross-attention, head 0: decoder position p meets source position p; value WORD/2 -> XWORD.
  const crossAtt = attention(stream(seed, 'cross-attention'));
  for (let i = 0; i < 16; i++) {
    set(crossAtt.q, REGION.POS + i, i, Q_GAIN);
    set(crossAtt.k, REGION.POS + i, i, 1);
  }
  for (let j = 0; j < 32; j++) {
    set(crossAtt.v, REGION.WORD + j, j, 0.5);
    set(crossAtt.o, j, REGION.XWORD + j, 1);
  }

  // Decoder FFN: unit (language, word class) = ReLU(2·lang + 2·a + 2·b - 5): 1 when all three are on, <= -1 otherwise.
  const codes = outputCodes(V, stream(seed, 'output-codes'));
  const ffnRng = stream(seed, 'decoder-ffn');

  const units = TARGETS.length * dict.length;
  const decoderFfn: FfnWeights = {
    fc1: noisy(D_MODEL, units, ffnRng),
    fc1Bias: new Float32Array(units).fill(-5),
    fc2: noisy(units, D_MODEL, ffnRng),
    fc2Bias: noiseVector(D_MODEL, ffnRng, NOISE / 2),
  };
  const confusions: ToyWeights['confusions'] = { de: [], fr: [], es: [], sw: [] };
  const confusable = new Set(['noun', 'adjective', 'verb', 'adverb']);
  TARGETS.forEach((lang, li) => {
    const langDim = REGION.LCTX + LANGUAGES.indexOf(lang);
    const confRng = stream(seed, `confusion-${lang}`);
    const conf = CONFUSION[lang];
    dict.forEach((e, wi) => {
      const u = li * dict.length + wi;
      const [a, b] = wordCode(wi + 1);
      set(decoderFfn.fc1, langDim, u, 2);
      set(decoderFfn.fc1, REGION.XWORD + a, u, 2);
      set(decoderFfn.fc1, REGION.XWORD + b, u, 2);
      const target = wordId(vocab, e.to[lang]);
      const out = Float64Array.from(codes[target], (x) => ALPHA * x);
      if (confusable.has(e.group) && confRng.chance(conf.share)) {
        // A competitor of the same part of speech, as a less confident model would hesitate between.
        const peers = dict.filter((x) => x.group === e.group && x.to[lang] !== e.to[lang]);
        const rival = confRng.pick(peers);
        const margin = conf.minMargin + (conf.maxMargin - conf.minMargin) * confRng.next();
        // Adding beta·r⊥ (orthogonal to the right code) keeps the right logit at ALPHA and lifts the rival's to ALPHA·(1 - margin).
        const { dir, cos } = orthogonalTo(codes[wordId(vocab, rival.to[lang])], codes[target]);
        const beta = (ALPHA * (1 - margin) - ALPHA * cos) / Math.sqrt(1 - cos * cos);
        for (let j = 0; j < CODE_DIMS; j++) out[j] += beta * dir[j];
        confusions[lang].push({ en: e.en, word: e.to[lang], competitor: rival.to[lang], margin: Number(margin.toFixed(4)) });
      }
      for (let j = 0; j < CODE_DIMS; j++) set(decoderFfn.fc2, u, REGION.CODE + j, out[j]);
    });
  });

  // LM head: row block CODE holds each token's output code; the other rows are noise.
  const lmHead = noisy(D_MODEL, V, stream(seed, 'lm-head'), NOISE / 2);
  for (let v = 0; v < V; v++) for (let j = 0; j < CODE_DIMS; j++) set(lmHead, REGION.CODE + j, v, codes[v][j]);

  return {
    vocabSize: V,
    embedTokens,
    embedPositions,
    encoderSelfAttention: encAtt,
    encoderFfn,
    decoderSelfAttention: selfAtt,
    crossAttention: crossAtt,
    decoderFfn,
    lmHead,
    confusions,
  };
}

function set2(m: Matrix, row: number, [a, b]: [number, number], offset: number): void {
  set(m, row, offset + a, 1);
  set(m, row, offset + b, 1);
}
