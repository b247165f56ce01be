/** config.json and generation_config.json with M2M-100's field names and conventions. */
import { MAX_LENGTH } from './tokenizer-json.js';
import { BOS_ID, EOS_ID, PAD_ID } from './vocabulary.js';
import { D_MODEL, ENCODER_FFN, HEADS, MAX_POSITIONS } from './weights.js';

export function modelConfig(vocabSize: number, decoderFfnDim: number): Record<string, unknown> {
  return {
    _name_or_path: 'mtgate/toy-m2m100',
    activation_dropout: 0.0,
    activation_function: 'relu',
    architectures: ['M2M100ForConditionalGeneration'],
    attention_dropout: 0.0,
    bos_token_id: BOS_ID,
    d_model: D_MODEL,
    decoder_attention_heads: HEADS,
    decoder_ffn_dim: decoderFfnDim,
    decoder_layerdrop: 0.0,
    decoder_layers: 1,
    decoder_start_token_id: EOS_ID,
    dropout: 0.0,
    encoder_attention_heads: HEADS,
    encoder_ffn_dim: ENCODER_FFN,
    encoder_layerdrop: 0.0,
    encoder_layers: 1,
    eos_token_id: EOS_ID,
    init_std: 0.02,
    is_encoder_decoder: true,
    max_length: MAX_LENGTH,
    max_position_embeddings: MAX_POSITIONS,
    model_type: 'm2m_100',
    num_hidden_layers: 1,
    pad_token_id: PAD_ID,
    scale_embedding: false,
    torch_dtype: 'float32',
    use_cache: false,
    vocab_size: vocabSize,
  };
}

export function generationConfig(): Record<string, unknown> {
  return {
    bos_token_id: BOS_ID,
    decoder_start_token_id: EOS_ID,
    eos_token_id: EOS_ID,
    // Per target language (the __xx__ token id), so it is left to the caller.
    forced_bos_token_id: null,
    max_length: MAX_LENGTH,
    num_beams: 1,
    pad_token_id: PAD_ID,
  };
}
