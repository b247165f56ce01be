/**
 * Finds the files of a seq2seq export in a model directory and names exactly
 * what is missing. Layouts: optimum's ONNX export (encoder_model.onnx +
 * decoder_model.onnx, at the top or under onnx/).
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.js';

export type LayoutName = 'optimum-onnx';

export interface ModelFiles {
  dir: string;
  layout: LayoutName;
  encoder: string;
  decoder: string;
  tokenizer: string;
  /** Optional in real exports; the tokenizer library accepts {} without it. */
  tokenizerConfig?: string;
  config: string;
  generationConfig?: string;
}

const ONNX_ENCODER = 'encoder_model.onnx';
const ONNX_DECODER = 'decoder_model.onnx';

export function detectLayout(dir: string, where: string): ModelFiles {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new UsageError(`${where}: model directory ${dir} does not exist; export the model there or fix the path`);
  }
  const onnxDir = [dir, join(dir, 'onnx')].find((d) => existsSync(join(d, ONNX_ENCODER)));
  if (!onnxDir) {
    throw new UsageError(
      `${where}: no known model layout in ${dir}: expected ${ONNX_ENCODER} and ${ONNX_DECODER} (optimum ONNX export)`,
    );
  }
  const need = (path: string, what: string): string => {
    if (!existsSync(path)) throw new UsageError(`${where}: ${what} ${path} is missing from the model directory`);
    return path;
  };
  const optional = (path: string): string | undefined => (existsSync(path) ? path : undefined);
  return {
    dir,
    layout: 'optimum-onnx',
    encoder: need(join(onnxDir, ONNX_ENCODER), 'encoder'),
    decoder: need(join(onnxDir, ONNX_DECODER), 'decoder'),
    tokenizer: need(join(dir, 'tokenizer.json'), 'tokenizer'),
    tokenizerConfig: optional(join(dir, 'tokenizer_config.json')),
    config: need(join(dir, 'config.json'), 'model config'),
    generationConfig: optional(join(dir, 'generation_config.json')),
  };
}
