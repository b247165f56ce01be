/**
 * optimum-intel's stateful OpenVINO IR (the default of `optimum-cli export
 * openvino` for seq2seq with past since optimum-intel 1.20): encoder +
 * one decoder that keeps the KV cache as internal state, with inputs
 * input_ids, encoder_hidden_states, encoder_attention_mask and beam_idx.
 * State is reset by creating a fresh infer request per sentence.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../../errors.js';
import { readIr } from '../ir/read-ir.js';
import { commonFiles } from './common.js';
import type { LayoutDetector } from './layout.js';
import { hasIrEncoder, needIr, OV_DECODER, OV_DECODER_WITH_PAST, OV_ENCODER, STATEFUL_DECODER_INPUTS } from './openvino-ir-common.js';

/** A decoder is stateful when it holds state variables or takes beam_idx, as optimum-intel's stateful patch adds. */
export function isStatefulDecoder(xml: string): boolean {
  const ir = readIr(xml);
  return ir.stateVariables.length > 0 || ir.inputs.some((i) => i.name === 'beam_idx');
}

export const openvinoIrStateful: LayoutDetector = {
  name: 'openvino-ir-stateful',
  expects: `${OV_ENCODER} and a stateful ${OV_DECODER} (optimum-cli export openvino, the default)`,
  detect(dir, where) {
    if (!hasIrEncoder(dir) || existsSync(join(dir, OV_DECODER_WITH_PAST))) return undefined;
    const { need, tokenizerAndConfig } = commonFiles(where);
    const encoder = needIr(need, dir, OV_ENCODER, 'encoder');
    const decoder = needIr(need, dir, OV_DECODER, 'decoder');
    if (!isStatefulDecoder(decoder)) return undefined;
    const inputs = readIr(decoder).inputs.map((i) => i.name);
    const missing = STATEFUL_DECODER_INPUTS.filter((n) => !inputs.includes(n));
    if (missing.length) {
      throw new UsageError(
        `${where}: stateful decoder ${decoder} lacks input${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (has ${inputs.join(', ')}); re-export with optimum-cli export openvino --task text2text-generation-with-past`,
      );
    }
    return { dir, layout: 'openvino-ir-stateful', format: 'openvino-ir', encoder, decoder, ...tokenizerAndConfig(dir) };
  },
};
