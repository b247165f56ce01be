/**
 * File names of optimum-intel's OpenVINO IR export of a seq2seq model
 * (`optimum-cli export openvino --task text2text-generation[-with-past]`,
 * optimum/exporters/openvino: OV_ENCODER_NAME, OV_DECODER_NAME,
 * OV_DECODER_WITH_PAST_NAME) and the check that each .xml has its .bin.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { commonFiles } from './common.js';

export const OV_ENCODER = 'openvino_encoder_model.xml';
export const OV_DECODER = 'openvino_decoder_model.xml';
export const OV_DECODER_WITH_PAST = 'openvino_decoder_with_past_model.xml';

/** Inputs optimum-intel gives a stateful seq2seq decoder (the KV cache lives in ReadValue/Assign state). */
export const STATEFUL_DECODER_INPUTS = ['input_ids', 'encoder_hidden_states', 'encoder_attention_mask', 'beam_idx'];

export const binOf = (xml: string): string => xml.replace(/\.xml$/, '.bin');

/** An IR graph: the .xml and its .bin must both be there. */
export function needIr(need: ReturnType<typeof commonFiles>['need'], dir: string, name: string, what: string): string {
  const xml = need(join(dir, name), what);
  need(binOf(xml), `${what} weights (the .bin beside ${name})`);
  return xml;
}

export const hasIrEncoder = (dir: string): boolean => existsSync(join(dir, OV_ENCODER));
