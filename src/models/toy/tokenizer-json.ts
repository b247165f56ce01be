/**
 * tokenizer.json, tokenizer_config.json and special_tokens_map.json in the
 * layout Hugging Face tokenizers write for a converted SentencePiece model:
 * a Unigram model with a Metaspace pre-tokenizer and decoder, special tokens
 * as added tokens. The post-processor appends </s> only; the M2M-100 source
 * language token is prepended by the caller, as M2M100Tokenizer does.
 */
import { LANGUAGES, SPACE, SPECIAL_TOKENS, UNK_ID, type Vocabulary } from './vocabulary.js';

export const MAX_LENGTH = 64;

function addedToken(id: number, content: string): Record<string, unknown> {
  return { id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true };
}

export function tokenizerJson(vocab: Vocabulary): Record<string, unknown> {
  const special = [...SPECIAL_TOKENS, ...LANGUAGES.map((l) => `__${l}__`)];
  const metaspace = { type: 'Metaspace', replacement: SPACE, prepend_scheme: 'always', split: true };
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: special.map((t) => addedToken(vocab.idOf.get(t)!, t)),
    normalizer: null,
    pre_tokenizer: metaspace,
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '</s>', type_id: 0 } }],
      pair: [
        { Sequence: { id: 'A', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 0 } },
        { SpecialToken: { id: '</s>', type_id: 0 } },
      ],
      special_tokens: { '</s>': { id: '</s>', ids: [vocab.idOf.get('</s>')!], tokens: ['</s>'] } },
    },
    decoder: metaspace,
    model: { type: 'Unigram', unk_id: UNK_ID, vocab: vocab.pieces.map(([p, s]) => [p, s]), byte_fallback: false },
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
    src_lang: 'en',
    tgt_lang: null,
    additional_special_tokens: LANGUAGES.map((l) => `__${l}__`),
    clean_up_tokenization_spaces: false,
    model_max_length: MAX_LENGTH,
    num_madeup_words: 0,
  };
}

export function specialTokensMap(): Record<string, unknown> {
  return {
    bos_token: '<s>',
    eos_token: '</s>',
    sep_token: '</s>',
    pad_token: '<pad>',
    unk_token: '<unk>',
    additional_special_tokens: LANGUAGES.map((l) => `__${l}__`),
  };
}
