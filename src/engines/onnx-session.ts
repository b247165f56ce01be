/**
 * ONNX Runtime session creation that turns a corrupt file or a graph with
 * other tensor names into one line naming the file, what was found and what
 * was expected — before the first run() fails with a message about "feeds".
 */
import type * as Ort from 'onnxruntime-node';
import { UsageError } from '../errors.js';

export interface GraphIO {
  /** Inputs the engine feeds; the graph must have these, and no others except `optional` ones. */
  inputs: readonly string[];
  /** Further inputs the engine feeds when present (KV cache, use_cache_branch, decoder mask). */
  optional?: RegExp;
  /** Outputs the engine reads; the graph must have at least these. */
  outputs: readonly string[];
}

/** Names this engine feeds and reads for an optimum seq2seq export (with or without KV cache). */
export const OPTIMUM_ENCODER_IO: GraphIO = { inputs: ['input_ids', 'attention_mask'], outputs: ['last_hidden_state'] };
export const OPTIMUM_DECODER_IO: GraphIO = {
  inputs: ['input_ids', 'encoder_hidden_states', 'encoder_attention_mask'],
  optional: /^(past_key_values\.\d+\.(decoder|encoder)\.(key|value)|use_cache_branch|decoder_attention_mask)$/,
  outputs: ['logits'],
};
/** optimum's decoder_with_past: the encoder side comes from the cache, so no encoder_hidden_states. */
export const OPTIMUM_DECODER_WITH_PAST_IO: GraphIO = { ...OPTIMUM_DECODER_IO, inputs: ['input_ids', 'encoder_attention_mask'] };

export function checkGraphIO(file: string, found: { inputNames: readonly string[]; outputNames: readonly string[] }, expected: GraphIO): void {
  const missingIn = expected.inputs.filter((n) => !found.inputNames.includes(n));
  const extraIn = found.inputNames.filter((n) => !expected.inputs.includes(n) && !expected.optional?.test(n));
  const missingOut = expected.outputs.filter((n) => !found.outputNames.includes(n));
  const problems = [
    missingIn.length ? `lacks input${missingIn.length > 1 ? 's' : ''} ${missingIn.join(', ')}` : '',
    extraIn.length ? `has input${extraIn.length > 1 ? 's' : ''} mtgate does not feed (${extraIn.join(', ')})` : '',
    missingOut.length ? `lacks output${missingOut.length > 1 ? 's' : ''} ${missingOut.join(', ')}` : '',
  ].filter(Boolean);
  if (problems.length) {
    throw new UsageError(
      `${file}: the graph ${problems.join(' and ')}: it has inputs [${found.inputNames.join(', ')}] and outputs [${found.outputNames.join(', ')}], ` +
        `expected inputs [${expected.inputs.join(', ')}] and outputs [${expected.outputs.join(', ')}]; export it with optimum's seq2seq layout`,
    );
  }
}

/** InferenceSession.create with a load failure (corrupt or truncated file) as one line naming `file`. */
export async function openSession(
  lib: typeof Ort,
  source: string | Uint8Array,
  options: Ort.InferenceSession.SessionOptions,
  file: string,
): Promise<Ort.InferenceSession> {
  try {
    return typeof source === 'string' ? await lib.InferenceSession.create(source, options) : await lib.InferenceSession.create(source, options);
  } catch (err) {
    const why = (err instanceof Error ? err.message : String(err)).split('\n')[0];
    throw new UsageError(`${file}: ONNX Runtime cannot load this model (${why}); check the file is a complete ONNX export (re-export or re-download it)`);
  }
}

/** Releases the session when its tensor names are not what the engine feeds and reads. */
export async function checkSession(session: Ort.InferenceSession, file: string, expected: GraphIO): Promise<Ort.InferenceSession> {
  try {
    checkGraphIO(file, session, expected);
  } catch (err) {
    await session.release();
    throw err;
  }
  return session;
}
