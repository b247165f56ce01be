/**
 * Deterministic synthetic MT corpus for benchmarks: references of ~20 words
 * drawn from a Zipf-distributed vocabulary (with punctuation, numbers and
 * some non-ASCII words), and hypotheses derived from them by substitutions,
 * deletions, insertions and block moves, so that BLEU/chrF/TER see realistic
 * partial matches (about 30 BLEU, 55 TER).
 */

/** mulberry32: small, fast, deterministic 32-bit PRNG. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = [
  'ka', 'to', 'ri', 'en', 'schaft', 'der', 'un', 'ver', 'lich', 'ung', 'mo', 'sa', 'ne', 'ti', 'lo', 'ar',
  'be', 'ge', 'in', 'st', 'tra', 'pre', 'con', 'al', 'es', 'ha', 'pi', 'qu', 'wo', 'zu', 'mi', 'ko',
  'é', 'ü', 'ä', 'ö', 'ß', 'ñ', 'ç', 'è',
];
const FOREIGN = ['москва', 'данные', '東京', '数据', 'εἰρήνη', 'café', 'naïve', 'Zürich', 'São', 'Ελλάδα', '한국어', 'مرحبا'];

const VOCAB_SIZE = 30000;

function buildVocabulary(next: () => number): { words: string[]; cdf: Float64Array } {
  const words: string[] = [];
  const seen = new Set<string>();
  while (words.length < VOCAB_SIZE) {
    const rank = words.length;
    // Frequent words are short, rare ones longer.
    const syl = 1 + Math.min(3, Math.floor(Math.log10(rank + 1) * 0.7 + next()));
    let w = '';
    for (let s = 0; s < syl; s++) {
      const k = Math.floor(next() * next() * SYLLABLES.length); // ASCII syllables dominate
      w += SYLLABLES[k];
    }
    if (next() < 0.01) w = FOREIGN[Math.floor(next() * FOREIGN.length)] + (rank % 7 === 0 ? '' : w);
    if (!seen.has(w)) {
      seen.add(w);
      words.push(w);
    }
  }
  const cdf = new Float64Array(VOCAB_SIZE);
  let acc = 0;
  for (let r = 0; r < VOCAB_SIZE; r++) {
    acc += 1 / Math.pow(r + 1, 1.07);
    cdf[r] = acc;
  }
  for (let r = 0; r < VOCAB_SIZE; r++) cdf[r] /= acc;
  return { words, cdf };
}

function zipf(cdf: Float64Array, u: number): number {
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cdf[mid] < u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function render(words: string[], next: () => number): string {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    let w = words[i];
    if (i === 0) w = w.charAt(0).toUpperCase() + w.slice(1);
    const u = next();
    if (u < 0.02) w = `(${w})`;
    else if (u < 0.04) w = `"${w}"`;
    else if (u < 0.05) w = `${w}-${words[(i + 1) % words.length]}`;
    out.push(w);
    if (i < words.length - 1 && next() < 0.08) out[out.length - 1] += ',';
  }
  const end = next();
  out[out.length - 1] += end < 0.85 ? '.' : end < 0.93 ? '?' : '!';
  // join() yields a flat string, like lines read from a file (no cons-string flattening later).
  return out.join(' ');
}

function token(vocab: { words: string[]; cdf: Float64Array }, next: () => number): string {
  const u = next();
  if (u < 0.03) return String(Math.floor(next() * 2030));
  if (u < 0.035) return `${Math.floor(next() * 100)},${Math.floor(next() * 900 + 100)}.${Math.floor(next() * 90 + 10)}`;
  return vocab.words[zipf(vocab.cdf, next())];
}

export function syntheticCorpus(lines: number, seed: number): { hyps: string[]; refs: string[] } {
  const next = rng(seed);
  const vocab = buildVocabulary(rng(0x5eed));
  const hyps: string[] = [];
  const refs: string[] = [];
  for (let i = 0; i < lines; i++) {
    const len = 6 + Math.floor(next() * 15) + Math.floor(next() * 15); // 6..34, mean ~20
    const ref: string[] = [];
    for (let k = 0; k < len; k++) ref.push(token(vocab, next));
    const hyp: string[] = [];
    for (const w of ref) {
      const u = next();
      if (u < 0.65) hyp.push(w);
      else if (u < 0.83) hyp.push(token(vocab, next));
      else if (u < 0.9) continue;
      else {
        hyp.push(w);
        hyp.push(token(vocab, next));
      }
    }
    // Move a block of 1-4 words elsewhere (what TER's shifts recover).
    if (hyp.length > 4 && next() < 0.5) {
      const size = 1 + Math.floor(next() * 4);
      const from = Math.floor(next() * (hyp.length - size));
      const block = hyp.splice(from, size);
      const to = Math.floor(next() * (hyp.length + 1));
      hyp.splice(to, 0, ...block);
    }
    refs.push(render(ref, next));
    hyps.push(render(hyp.length > 0 ? hyp : [ref[0]], next));
  }
  return { hyps, refs };
}
