/**
 * optimum's ONNX export without KV cache: encoder_model.onnx +
 * decoder_model.onnx, at the top of the model directory or under onnx/.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { LayoutDetector } from './layout.js';
import { commonFiles } from './common.js';

const ONNX_ENCODER = 'encoder_model.onnx';
const ONNX_DECODER = 'decoder_model.onnx';

export const optimumOnnx: LayoutDetector = {
  name: 'optimum-onnx',
  expects: `${ONNX_ENCODER} and ${ONNX_DECODER} (optimum ONNX export)`,
  detect(dir, where) {
    const onnxDir = [dir, join(dir, 'onnx')].find((d) => existsSync(join(d, ONNX_ENCODER)));
    if (!onnxDir) return undefined;
    const { need, tokenizerAndConfig } = commonFiles(where);
    return {
      dir,
      layout: 'optimum-onnx',
      format: 'onnx',
      encoder: need(join(onnxDir, ONNX_ENCODER), 'encoder'),
      decoder: need(join(onnxDir, ONNX_DECODER), 'decoder'),
      ...tokenizerAndConfig(dir),
    };
  },
};
