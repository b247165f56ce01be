/** `mtgate models make <preset>`: generate a shape-true synthetic M2M-100 into the model cache. */
import type { Argv, CommandModule } from 'yargs';
import { UsageError } from '../../errors.js';
import { defaultModelDir, makeSyntheticModel, SYNTHETIC_LAYOUTS, type SyntheticLayout } from '../../models/synthetic/make.js';
import { PRESET_NAMES } from '../../models/synthetic/presets.js';
import { SYNTHETIC_PRECISIONS, type QuantForm, type SyntheticPrecision } from '../../models/synthetic/weights.js';

interface MakeArgs {
  preset: string;
  precision: SyntheticPrecision;
  layout: SyntheticLayout;
  seed: number;
  out?: string;
  'int8-form'?: QuantForm;
  'int4-form'?: QuantForm;
  'decoder-mask': boolean;
}

const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(2)} GiB`;

const makeCommand: CommandModule<object, MakeArgs> = {
  command: 'make <preset>',
  describe: 'Generate a synthetic M2M-100 (random weights, real shapes and tensor names) into the model cache',
  builder: (y: Argv) =>
    y
      .positional('preset', { type: 'string', describe: 'tiny (tests), 418M or 1.2B (M2M-100 dimensions)' })
      .option('precision', { type: 'string', choices: SYNTHETIC_PRECISIONS, default: 'fp32', describe: 'fp32, or weight-only int8 (per channel) / int4 (block 128)' })
      .option('layout', { type: 'string', choices: SYNTHETIC_LAYOUTS, default: 'optimum', describe: 'optimum (decoder_model + decoder_with_past_model) or merged (onnx/decoder_model_merged, transformers.js)' })
      .option('seed', { type: 'number', default: 1, describe: 'Weights are a function of the seed' })
      .option('out', { type: 'string', describe: 'Output folder (default: $MTGATE_CACHE/models/<preset>-<precision>-<layout>-s<seed>, or under ~/.cache/mtgate)' })
      .option('int8-form', { type: 'string', choices: ['nbits', 'dq'], describe: 'int8 as DequantizeLinear (per channel) + MatMul (optimum default), or MatMulNBits bits=8 per block of 256 (merged default)' })
      .option('decoder-mask', { type: 'boolean', default: false, describe: 'Decoders with past also take decoder_attention_mask (NPU-style static KV cache)' })
      .option('int4-form', { type: 'string', choices: ['nbits', 'dq'], describe: 'int4 as MatMulNBits bits=4 (default) or DequantizeLinear(block_size) + MatMul (optimum layout only)' }) as unknown as Argv<MakeArgs>,
  handler: (args) => {
    if (!PRESET_NAMES.includes(args.preset)) throw new UsageError(`unknown preset "${args.preset}"; presets: ${PRESET_NAMES.join(', ')}`);
    if (!Number.isInteger(args.seed) || args.seed < 0) throw new UsageError(`--seed ${args.seed}: must be a non-negative integer`);
    const spec = { preset: args.preset, precision: args.precision, layout: args.layout, seed: args.seed, int8Form: args['int8-form'], int4Form: args['int4-form'], decoderMask: args['decoder-mask'] };
    const out = args.out ?? defaultModelDir(spec);
    let result;
    try {
      result = makeSyntheticModel(spec, out, (m) => process.stderr.write(`${m}\n`));
    } catch (err) {
      throw new UsageError(`mtgate models make: ${(err as Error).message}`);
    }
    const m = result.manifest;
    const how = result.generated ? `generated in ${(m.generationMs / 1000).toFixed(1)} s` : 'already complete, reused';
    process.stdout.write(`${result.dir}: ${args.preset} ${args.precision} ${args.layout} seed ${args.seed}, ${gib(m.totalBytes)}, ${how}\n`);
  },
};

const modelsCommand: CommandModule = {
  command: 'models <command>',
  describe: 'Synthetic models for timing: `mtgate models make 418M --precision int4`',
  builder: (y: Argv) => y.command(makeCommand).demandCommand(1, 'Name a models command, e.g. `mtgate models make tiny`.'),
  handler: () => {},
};

export default modelsCommand;
