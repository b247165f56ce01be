/**
 * tokenizer.json / tokenizer_config.json / config.json / generation_config.json
 * for the synthetic model, with M2M-100's vocabulary layout: <s> <pad> </s> <unk>,
 * pieces up to id 128003, the 100 language tokens __af__ … __zu__ at
 * 128004–128103, then 8 madeupword tokens (128112 in all). The pieces are
 * characters and made-up strings (the model is random; text only has to
 * encode and decode), in the toy tokenizer's Unigram + Metaspace layout.
 */
import { BOS_ID, EOS_ID, FIRST_LANGUAGE_ID, M2M100_LANGUAGES, MADEUP_WORDS, PAD_ID, type SyntheticPreset, UNK_ID } from './presets.js';

const SPACE = '\u2581';

export function vocabularyPieces(vocabSize: number): [string, number][] {
  const pieces: [string, number][] = [['<s>', 0], ['<pad>', 0], ['</s>', 0], ['<unk>', 0]];
  const firstLanguage = vocabSize - M2M100_LANGUAGES.length - MADEUP_WORDS;
  const seen = new Set<string>(pieces.map(([p]) => p));
  const add = (p: string) => {
    if (pieces.length < firstLanguage && !seen.has(p)) {
      seen.add(p);
      pieces.push([p, -Number((2 + (18 * pieces.length) / firstLanguage).toFixed(4))]);
    }
  };
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  add(SPACE);
  for (let c = 0x21; c < 0x7f; c++) add(String.fromCharCode(c));
  for (let c = 0xa1; c < 0x250; c++) add(String.fromCharCode(c));
  for (const a of letters) add(SPACE + a);
  for (const a of letters) for (const b of letters) add(SPACE + a + b);
  for (const a of letters) for (const b of letters) add(a + b);
  for (let i = 0; pieces.length < firstLanguage; i++) add(`${SPACE}w${i.toString(36)}`);
  for (const l of M2M100_LANGUAGES) pieces.push([`__${l}__`, 0]);
  for (let i = 0; i < MADEUP_WORDS; i++) pieces.push([`madeupword${String(i).padStart(4, '0')}`, 0]);
  if (pieces.length !== vocabSize) throw new Error(`synthetic vocabulary has ${pieces.length} pieces, expected ${vocabSize}`);
  return pieces;
}

export function tokenizerJson(vocabSize: number): Record<string, unknown> {
  const pieces = vocabularyPieces(vocabSize);
  const metaspace = { type: 'Metaspace', replacement: SPACE, prepend_scheme: 'always', split: true };
  const special = pieces.map(([p], id) => ({ p, id })).filter(({ p, id }) => id < 4 || id >= FIRST_LANGUAGE_ID);
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: special.map(({ p, id }) => ({ id, content: p, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true })),
    normalizer: null,
    pre_tokenizer: metaspace,
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '</s>', type_id: 0 } }],
      pair: [{ Sequence: { id: 'A', type_id: 0 } }, { Sequence: { id: 'B', type_id: 0 } }, { SpecialToken: { id: '</s>', type_id: 0 } }],
      special_tokens: { '</s>': { id: '</s>', ids: [EOS_ID], tokens: ['</s>'] } },
    },
    decoder: metaspace,
    model: { type: 'Unigram', unk_id: UNK_ID, vocab: pieces, byte_fallback: false },
  };
}

export function tokenizerConfig(): Record<string, unknown> {
  return {
    tokenizer_class: 'M2M100Tokenizer',
    bos_token: '<s>',
    eos_token: '</s>',
    sep_token: '</s>',
    pad_token: '<pad>',
    unk_token: '<unk>',
    language_codes: 'm2m100',
    additional_special_tokens: M2M100_LANGUAGES.map((l) => `__${l}__`),
    clean_up_tokenization_spaces: false,
    model_max_length: 1024,
    num_madeup_words: MADEUP_WORDS,
  };
}

export function modelConfig(p: SyntheticPreset, seed: number): Record<string, unknown> {
  return {
    _name_or_path: `mtgate/synthetic-m2m100-${p.name}`,
    mtgate_synthetic: { preset: p.name, seed, note: 'random weights; outputs are meaningless, for timing only' },
    activation_dropout: 0.0,
    activation_function: 'relu',
    architectures: ['M2M100ForConditionalGeneration'],
    attention_dropout: 0.1,
    bos_token_id: BOS_ID,
    d_model: p.dModel,
    decoder_attention_heads: p.heads,
    decoder_ffn_dim: p.ffnDim,
    decoder_layerdrop: 0.05,
    decoder_layers: p.decoderLayers,
    decoder_start_token_id: EOS_ID,
    dropout: 0.1,
    encoder_attention_heads: p.heads,
    encoder_ffn_dim: p.ffnDim,
    encoder_layerdrop: 0.05,
    encoder_layers: p.encoderLayers,
    eos_token_id: EOS_ID,
    init_std: 0.02,
    is_encoder_decoder: true,
    max_position_embeddings: p.maxPositions,
    model_type: 'm2m_100',
    num_hidden_layers: p.encoderLayers,
    pad_token_id: PAD_ID,
    scale_embedding: true,
    torch_dtype: 'float32',
    use_cache: true,
    vocab_size: p.vocabSize,
  };
}

export function generationConfig(): Record<string, unknown> {
  return { bos_token_id: BOS_ID, decoder_start_token_id: EOS_ID, eos_token_id: EOS_ID, max_length: 200, num_beams: 1, pad_token_id: PAD_ID };
}
