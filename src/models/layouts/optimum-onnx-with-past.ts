/**
 * optimum's ONNX export with KV cache (`--task text2text-generation-with-past`):
 * encoder_model.onnx, decoder_model.onnx and decoder_with_past_model.onnx,
 * at the top of the model directory or under onnx/.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { LayoutDetector } from './layout.js';
import { commonFiles } from './common.js';

const ENCODER = 'encoder_model.onnx';
const DECODER = 'decoder_model.onnx';
const WITH_PAST = 'decoder_with_past_model.onnx';

export const optimumOnnxWithPast: LayoutDetector = {
  name: 'optimum-onnx-with-past',
  expects: `${ENCODER}, ${DECODER} and ${WITH_PAST} (optimum ONNX export with past)`,
  detect(dir, where) {
    const onnxDir = [dir, join(dir, 'onnx')].find((d) => existsSync(join(d, WITH_PAST)));
    if (!onnxDir) return undefined;
    const { need, tokenizerAndConfig } = commonFiles(where);
    return {
      dir,
      layout: 'optimum-onnx-with-past',
      format: 'onnx',
      encoder: need(join(onnxDir, ENCODER), 'encoder'),
      decoder: need(join(onnxDir, DECODER), 'decoder (first step of the with-past export)'),
      decoderWithPast: need(join(onnxDir, WITH_PAST), 'decoder with past'),
      ...tokenizerAndConfig(dir),
    };
  },
};
