/**
 * What a model directory holds, whatever exporter wrote it. Each layout is
 * one file in this folder that recognises its own files; `detect.ts` tries
 * them in order and says precisely what is missing.
 */

/** Known export layouts. Add a name here and a file beside this one. */
export type LayoutName =
  | 'optimum-onnx'
  | 'optimum-onnx-with-past'
  | 'onnx-merged'
  | 'openvino-ir-stateful'
  | 'openvino-ir-stateless';

export type ModelFormat = 'onnx' | 'openvino-ir';

export interface ModelFiles {
  dir: string;
  layout: LayoutName;
  format: ModelFormat;
  /** Encoder graph (.onnx, or .xml with its .bin beside it). */
  encoder: string;
  /**
   * Decoder graph. For `onnx-merged` this is the merged decoder with
   * `use_cache_branch`; for `openvino-ir-stateful` it holds the KV cache as state.
   */
  decoder: string;
  /** Decoder that takes `past_key_values.*` (optimum stateless layouts). */
  decoderWithPast?: string;
  /** File-name suffix of a transformers.js export: '', '_quantized', '_int8', '_q4', ... */
  suffix?: string;
  tokenizer: string;
  /** Optional in real exports; the tokenizer library accepts {} without it. */
  tokenizerConfig?: string;
  config: string;
  generationConfig?: string;
}

/** One layout's recogniser: undefined when the directory is not this layout. */
export interface LayoutDetector {
  name: LayoutName;
  /** What a user should export to get this layout, for "no known layout" errors. */
  expects: string;
  detect(dir: string, where: string, options?: { suffix?: string }): ModelFiles | undefined;
}
