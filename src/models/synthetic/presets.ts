/**
 * Shape-true M2M-100 presets. `418M` and `1.2B` have the dimensions of
 * facebook/m2m100_418M and facebook/m2m100_1.2B; `tiny` keeps the
 * architecture (and the 128112-token vocabulary layout) small enough for tests.
 */
export interface SyntheticPreset {
  name: string;
  dModel: number;
  encoderLayers: number;
  decoderLayers: number;
  heads: number;
  ffnDim: number;
  vocabSize: number;
  maxPositions: number;
}

export const PRESETS: Record<string, SyntheticPreset> = {
  tiny: { name: 'tiny', dModel: 128, encoderLayers: 2, decoderLayers: 2, heads: 4, ffnDim: 256, vocabSize: 128112, maxPositions: 128 },
  '418M': { name: '418M', dModel: 1024, encoderLayers: 12, decoderLayers: 12, heads: 16, ffnDim: 4096, vocabSize: 128112, maxPositions: 1024 },
  '1.2B': { name: '1.2B', dModel: 1024, encoderLayers: 24, decoderLayers: 24, heads: 16, ffnDim: 8192, vocabSize: 128112, maxPositions: 1024 },
};

export const PRESET_NAMES = Object.keys(PRESETS);

/** M2M-100's special ids and conventions. */
export const BOS_ID = 0;
export const PAD_ID = 1;
export const EOS_ID = 2;
export const UNK_ID = 3;
/** Sinusoidal positions start after the padding index: position ids are offset by 2. */
export const POSITION_OFFSET = 2;
/** M2M-100's 100 languages in token order: __af__ = 128004 ... __zu__ = 128103. */
export const M2M100_LANGUAGES = (
  'af am ar ast az ba be bg bn br bs ca ceb cs cy da de el en es et fa ff fi fr fy ga gd gl gu ha he hi hr ht hu hy id ig ' +
  'ilo is it ja jv ka kk km kn ko lb lg ln lo lt lv mg mk ml mn mr ms my ne nl no ns oc or pa pl ps pt ro ru sd si sk sl so ' +
  'sq sr ss su sv sw ta th tl tn tr uk ur uz vi wo xh yi yo zh zu'
).split(' ');
/** Ids before the language tokens (sentencepiece pieces + 4 specials) in the real vocabulary. */
export const FIRST_LANGUAGE_ID = 128004;
/** M2M-100 ends the vocabulary with 8 `madeupword` tokens. */
export const MADEUP_WORDS = 8;

/** Parameter count (shared embedding counted once), for progress and reports. */
export function parameterCount(p: SyntheticPreset): number {
  const d = p.dModel;
  const attn = 4 * d * d + 4 * d;
  const ffn = 2 * d * p.ffnDim + p.ffnDim + d;
  const ln = 2 * d;
  const enc = p.encoderLayers * (attn + ffn + 2 * ln) + ln;
  const dec = p.decoderLayers * (2 * attn + ffn + 3 * ln) + ln;
  return p.vocabSize * d + enc + dec;
}
