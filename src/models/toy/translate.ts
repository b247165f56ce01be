/**
 * A self-contained greedy translator for checking the toy model: ONNX
 * Runtime directly, M2M-100 formatting, batched over sentences (right
 * padding + encoder_attention_mask), re-running the decoder on the growing
 * prefix. Same decisions as batch-size-1 greedy decoding: the first token is
 * forced to __tgt__, then argmax (first index on ties) until </s> or
 * max_length decoder tokens including the start token.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Tokenizer } from '@huggingface/tokenizers';
import * as ort from 'onnxruntime-node';
import { MAX_LENGTH } from './tokenizer-json.js';
import { EOS_ID, PAD_ID } from './vocabulary.js';

export interface ToyTranslator {
  tokenizer: Tokenizer;
  translateAll(lines: readonly string[], srcLang: string, tgtLang: string): Promise<string[]>;
  /** Generated ids per line: the forced language token, the words, and </s> when reached. */
  generateIds(sourceIds: readonly (readonly number[])[], tgtLang: string): Promise<number[][]>;
  sourceIds(line: string, srcLang: string): number[];
  release(): Promise<void>;
}

export function loadTokenizer(modelDir: string): Tokenizer {
  const read = (f: string): object => JSON.parse(readFileSync(join(modelDir, f), 'utf8')) as object;
  return new Tokenizer(read('tokenizer.json'), read('tokenizer_config.json'));
}

export interface TranslatorOptions {
  batchSize?: number;
  /** ONNX Runtime graph optimization; 'all' (the default) fuses int8 DequantizeLinear+MatMul into MatMulNBits. */
  graphOptimizationLevel?: 'disabled' | 'basic' | 'extended' | 'all';
}

export async function loadToyTranslator(modelDir: string, opts: TranslatorOptions = {}): Promise<ToyTranslator> {
  const so: ort.InferenceSession.SessionOptions = {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    graphOptimizationLevel: opts.graphOptimizationLevel ?? 'all',
  };
  const encoder = await ort.InferenceSession.create(join(modelDir, 'encoder_model.onnx'), so);
  const decoder = await ort.InferenceSession.create(join(modelDir, 'decoder_model.onnx'), so);
  const tokenizer = loadTokenizer(modelDir);
  const batchSize = opts.batchSize ?? 64;
  const langId = (l: string): number => {
    const id = tokenizer.token_to_id(`__${l}__`);
    if (id === undefined) throw new Error(`no language token __${l}__`);
    return id;
  };
  const sourceIds = (line: string, src: string): number[] => [
    langId(src),
    ...tokenizer.encode(line, { add_special_tokens: false }).ids,
    EOS_ID,
  ];

  async function generateBatch(batch: readonly (readonly number[])[], tgt: number): Promise<number[][]> {
    const B = batch.length;
    const S = Math.max(...batch.map((s) => s.length));
    const ids = new BigInt64Array(B * S).fill(BigInt(PAD_ID));
    const mask = new BigInt64Array(B * S);
    batch.forEach((s, i) => s.forEach((t, j) => ((ids[i * S + j] = BigInt(t)), (mask[i * S + j] = 1n))));
    const maskT = new ort.Tensor('int64', mask, [B, S]);
    const enc = await encoder.run({ input_ids: new ort.Tensor('int64', ids, [B, S]), attention_mask: maskT });
    const out: number[][] = batch.map(() => [tgt]);
    const done = batch.map(() => false);
    while (done.some((d) => !d) && out[0].length + 1 < MAX_LENGTH) {
      const T = out[0].length + 1;
      const prefix = new BigInt64Array(B * T);
      out.forEach((o, i) => [EOS_ID, ...o].forEach((t, j) => (prefix[i * T + j] = BigInt(t))));
      const res = await decoder.run({
        input_ids: new ort.Tensor('int64', prefix, [B, T]),
        encoder_hidden_states: enc.last_hidden_state,
        encoder_attention_mask: maskT,
      });
      const logits = res.logits.data as Float32Array;
      const V = res.logits.dims[2];
      for (let i = 0; i < B; i++) {
        if (done[i]) {
          out[i].push(PAD_ID);
          continue;
        }
        const base = (i * T + T - 1) * V;
        let best = 0;
        for (let v = 1; v < V; v++) if (logits[base + v] > logits[base + best]) best = v;
        out[i].push(best);
        if (best === EOS_ID) done[i] = true;
      }
    }
    return out.map((o) => {
      const end = o.indexOf(EOS_ID);
      return end < 0 ? o : o.slice(0, end + 1);
    });
  }

  async function generateIds(sources: readonly (readonly number[])[], tgtLang: string): Promise<number[][]> {
    const tgt = langId(tgtLang);
    const result: number[][] = [];
    for (let i = 0; i < sources.length; i += batchSize) result.push(...(await generateBatch(sources.slice(i, i + batchSize), tgt)));
    return result;
  }

  return {
    tokenizer,
    sourceIds,
    generateIds,
    async translateAll(lines, srcLang, tgtLang) {
      const ids = await generateIds(
        lines.map((l) => sourceIds(l, srcLang)),
        tgtLang,
      );
      return ids.map((o) => tokenizer.decode(o, { skip_special_tokens: true }).trim());
    },
    async release() {
      await encoder.release();
      await decoder.release();
    },
  };
}

/** One-shot form: translate English lines into `tgtLang` with the model in `modelDir`. */
export async function translateAll(modelDir: string, lines: readonly string[], tgtLang: string, opts: TranslatorOptions = {}): Promise<string[]> {
  const translator = await loadToyTranslator(modelDir, opts);
  try {
    return await translator.translateAll(lines, 'en', tgtLang);
  } finally {
    await translator.release();
  }
}
