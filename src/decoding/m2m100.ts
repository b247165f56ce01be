/**
 * M2M-100's input conventions around a Hugging Face tokenizer:
 * source = [__src__] tokens </s>; decoding starts from </s> (decoder_start_token_id)
 * and the first generated token is forced to __tgt__.
 */
import { readFileSync } from 'node:fs';
import { Tokenizer } from '@huggingface/tokenizers';
import { UsageError } from '../errors.js';
import type { ModelFiles } from '../models/layouts/detect.js';

export interface GenerationDefaults {
  decoderStartTokenId: number;
  eosTokenId: number;
  padTokenId: number;
  maxLength: number;
}

export class M2M100Formatter {
  private readonly tokenizer: Tokenizer;
  readonly generation: GenerationDefaults;

  constructor(private readonly files: ModelFiles) {
    const read = (path: string): Record<string, unknown> => {
      try {
        return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
      } catch (err) {
        throw new UsageError(`${path}: not valid JSON (${(err as Error).message}); re-export the model`);
      }
    };
    this.tokenizer = new Tokenizer(read(files.tokenizer), files.tokenizerConfig ? read(files.tokenizerConfig) : {});
    const config = read(files.config);
    const gen = files.generationConfig ? read(files.generationConfig) : {};
    const pick = (key: string, fallback: number): number => {
      const v = gen[key] ?? config[key];
      return typeof v === 'number' ? v : fallback;
    };
    this.generation = {
      decoderStartTokenId: pick('decoder_start_token_id', 2),
      eosTokenId: pick('eos_token_id', 2),
      padTokenId: pick('pad_token_id', 1),
      maxLength: pick('max_length', 200),
    };
  }

  /** Id of the language token `__xx__`; a clear error when the tokenizer lacks it. */
  languageId(lang: string): number {
    const token = `__${lang}__`;
    const id = this.tokenizer.token_to_id(token);
    if (id === undefined) {
      throw new UsageError(`${this.files.tokenizer}: the tokenizer has no language token ${token}; pick a language the model supports`);
    }
    return id;
  }

  sourceIds(text: string, srcLang: string): number[] {
    const { ids } = this.tokenizer.encode(text, { add_special_tokens: false });
    return [this.languageId(srcLang), ...ids, this.generation.eosTokenId];
  }

  detokenize(ids: readonly number[]): string {
    return this.tokenizer.decode([...ids], { skip_special_tokens: true }).trim();
  }
}
