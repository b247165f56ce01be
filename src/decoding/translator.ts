/** A loaded model plus its tokenizer conventions: text in, text out, with timings. */
import type { LoadedModel } from '../engines/engine.js';
import { greedyDecode, type GreedyResult } from './greedy.js';
import type { M2M100Formatter } from './m2m100.js';

export interface Translation extends GreedyResult {
  text: string;
  sourceTokens: number;
  /** Text without model tokens (precomputed outputs): compare by whitespace words. */
  wordLevel?: boolean;
}

export class Translator {
  constructor(
    readonly model: LoadedModel,
    readonly formatter: M2M100Formatter,
    private readonly maxLength: number,
  ) {}

  async translate(text: string, srcLang: string, tgtLang: string): Promise<Translation> {
    const sourceIds = this.formatter.sourceIds(text, srcLang);
    const result = await greedyDecode(this.model, sourceIds, {
      decoderStartTokenId: this.formatter.generation.decoderStartTokenId,
      eosTokenId: this.formatter.generation.eosTokenId,
      forcedBosTokenId: this.formatter.languageId(tgtLang),
      maxLength: this.maxLength,
    });
    return { ...result, text: this.formatter.detokenize(result.tokenIds), sourceTokens: sourceIds.length };
  }
}
