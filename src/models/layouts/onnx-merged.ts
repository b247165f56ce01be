/**
 * Hugging Face / transformers.js ONNX layout: onnx/encoder_model{suffix}.onnx and
 * onnx/decoder_model_merged{suffix}.onnx (one decoder with an If on
 * use_cache_branch). The suffix picks a precision: '' (fp32), _fp16, _quantized,
 * _int8, _uint8, _q4, _q4f16, _bnb4. Without a suffix the only one present is
 * used; with several, '' is used when present, otherwise the variant must pick.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../../errors.js';
import type { LayoutDetector } from './layout.js';
import { commonFiles } from './common.js';

export const ONNX_MERGED_SUFFIXES = ['', '_quantized', '_int8', '_uint8', '_q4', '_fp16', '_bnb4', '_q4f16'] as const;
const MERGED = /^decoder_model_merged(.*)\.onnx$/;

const fileName = (kind: 'encoder_model' | 'decoder_model_merged', suffix: string) => `${kind}${suffix}.onnx`;

export const onnxMerged: LayoutDetector = {
  name: 'onnx-merged',
  expects: `onnx/encoder_model{suffix}.onnx and onnx/decoder_model_merged{suffix}.onnx (transformers.js export)`,
  detect(dir, where, options) {
    const onnxDir = join(dir, 'onnx');
    if (!existsSync(onnxDir)) return undefined;
    const present = readdirSync(onnxDir)
      .map((f) => MERGED.exec(f)?.[1])
      .filter((s): s is string => s !== undefined);
    if (present.length === 0) return undefined;
    const list = present.map((s) => `"${s}"`).join(', ');
    let suffix = options?.suffix;
    if (suffix === undefined) {
      if (present.length === 1) suffix = present[0];
      else if (present.includes('')) suffix = '';
      else throw new UsageError(`${where}: ${onnxDir} holds merged decoders with suffixes ${list}; pick one with model_suffix`);
    }
    if (!(ONNX_MERGED_SUFFIXES as readonly string[]).includes(suffix)) {
      throw new UsageError(`${where}: model_suffix "${suffix}" is not a transformers.js suffix; use one of ${ONNX_MERGED_SUFFIXES.map((s) => `"${s}"`).join(', ')}`);
    }
    if (!present.includes(suffix)) {
      throw new UsageError(`${where}: ${join(onnxDir, fileName('decoder_model_merged', suffix))} is missing (model_suffix "${suffix}"); suffixes present: ${list}`);
    }
    const { need, tokenizerAndConfig } = commonFiles(where);
    return {
      dir,
      layout: 'onnx-merged',
      format: 'onnx',
      encoder: need(join(onnxDir, fileName('encoder_model', suffix)), `encoder (model_suffix "${suffix}")`),
      decoder: join(onnxDir, fileName('decoder_model_merged', suffix)),
      suffix,
      ...tokenizerAndConfig(dir),
    };
  },
};
