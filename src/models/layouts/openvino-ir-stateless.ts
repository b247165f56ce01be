/**
 * optimum-intel's stateless OpenVINO IR (`--disable-stateful`): encoder +
 * decoder (first step, returns present.*) + openvino_decoder_with_past_model.xml
 * (takes past_key_values.*). An export without past (task
 * text2text-generation) has no with-past file and re-runs the prefix.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { commonFiles } from './common.js';
import type { LayoutDetector } from './layout.js';
import { hasIrEncoder, needIr, OV_DECODER, OV_DECODER_WITH_PAST, OV_ENCODER } from './openvino-ir-common.js';

export const openvinoIrStateless: LayoutDetector = {
  name: 'openvino-ir-stateless',
  expects: `${OV_ENCODER}, ${OV_DECODER} and ${OV_DECODER_WITH_PAST} (optimum-cli export openvino --disable-stateful)`,
  detect(dir, where) {
    if (!hasIrEncoder(dir)) return undefined;
    const { need, tokenizerAndConfig } = commonFiles(where);
    const withPast = existsSync(join(dir, OV_DECODER_WITH_PAST)) ? needIr(need, dir, OV_DECODER_WITH_PAST, 'decoder with past') : undefined;
    return {
      dir,
      layout: 'openvino-ir-stateless',
      format: 'openvino-ir',
      encoder: needIr(need, dir, OV_ENCODER, 'encoder'),
      decoder: needIr(need, dir, OV_DECODER, 'decoder'),
      ...(withPast ? { decoderWithPast: withPast } : {}),
      ...tokenizerAndConfig(dir),
    };
  },
};
