/**
 * Writes small OpenVINO IR v11 fixtures of optimum-intel's seq2seq layouts
 * (no OpenVINO runtime needed): a few layers per graph, edges, a .bin whose
 * size matches the constants' offsets and sizes, and the model-level
 * <rt_info> block.
 *
 * What the fixtures are based on (read in the sources, not guessed):
 * - graph XML: OpenVINO's IR serializer (layers with <data>, ports numbered
 *   inputs first then outputs, <edges>, <rt_info> last);
 * - rt_info `optimum/*`: optimum-intel exporters/openvino/convert.py
 *   `_add_version_info_to_model` (transformers_version, pytorch_version,
 *   optimum_intel_version, optimum_version);
 * - rt_info `nncf/weight_compression/*`: NNCF WeightCompression.apply →
 *   `dump_parameters(..., algo_name="weight_compression")` (mode, group_size,
 *   ratio, all_layers, ignored_scope, sensitivity_metric, awq,
 *   scale_estimation, gptq, lora_correction, backup_mode, ...), every value
 *   stored as `str(value)`;
 * - NNCF's compressed weight pattern: Const(u8|u4) → Convert → Subtract(zero
 *   point) → Multiply(scale) → MatMul;
 * - stateful decoder: optimum-intel's stateful patch (ReadValue/Assign per
 *   past key/value, beam_idx input feeding a Gather on the state).
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../e2e/cli.js';

type Shape = (number | '?')[];
interface Out {
  layer: number;
  port: number;
  shape: Shape;
  et: string;
}

const BITS: Record<string, number> = { f32: 32, f16: 16, i64: 64, i32: 32, u8: 8, i8: 8, u4: 4, i4: 4, boolean: 8 };
const PRECISION: Record<string, string> = { f32: 'FP32', f16: 'FP16', i64: 'I64', i32: 'I32', u8: 'U8', i8: 'I8', u4: 'U4', i4: 'I4', boolean: 'BOOL' };

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

class IrBuilder {
  private layers: string[] = [];
  private edges: string[] = [];
  private chunks: Buffer[] = [];
  private offset = 0;
  private nextId = 0;

  private port(id: number, shape: Shape, et: string, names?: string): string {
    const dims = shape.map((d) => `<dim>${d === '?' ? -1 : d}</dim>`).join('');
    return `<port id="${id}" precision="${PRECISION[et]}"${names ? ` names="${esc(names)}"` : ''}>${dims}</port>`;
  }

  private add(type: string, name: string, inputs: Out[], outs: { shape: Shape; et: string; names?: string }[], data?: Record<string, string | number>): Out[] {
    const id = this.nextId++;
    const dataXml = data ? `<data ${Object.entries(data).map(([k, v]) => `${k}="${esc(String(v))}"`).join(' ')} />` : '';
    const inXml = inputs.length ? `<input>${inputs.map((o, i) => this.port(i, o.shape, o.et)).join('')}</input>` : '';
    const outXml = outs.length ? `<output>${outs.map((o, i) => this.port(inputs.length + i, o.shape, o.et, o.names)).join('')}</output>` : '';
    this.layers.push(`\t\t<layer id="${id}" name="${esc(name)}" type="${type}" version="opset1">${dataXml}${inXml}${outXml}</layer>`);
    inputs.forEach((o, i) => this.edges.push(`\t\t<edge from-layer="${o.layer}" from-port="${o.port}" to-layer="${id}" to-port="${i}" />`));
    return outs.map((o, i) => ({ layer: id, port: inputs.length + i, shape: o.shape, et: o.et }));
  }

  param(name: string, et: string, shape: Shape): Out {
    return this.add('Parameter', name, [], [{ shape, et, names: name }], { shape: shape.join(','), element_type: et })[0];
  }

  /** A constant with deterministic bytes appended to the .bin. */
  constant(name: string, et: string, shape: number[]): Out {
    const elements = shape.reduce((a, b) => a * b, 1);
    const size = Math.ceil((elements * BITS[et]) / 8);
    const bytes = Buffer.alloc(size);
    for (let i = 0; i < size; i++) bytes[i] = (i * 31 + name.length) & 0xff;
    const out = this.add('Const', name, [], [{ shape, et }], { element_type: et, shape: shape.join(', '), offset: this.offset, size })[0];
    this.chunks.push(bytes);
    this.offset += size;
    return out;
  }

  op(type: string, name: string, inputs: Out[], shape: Shape, et: string, names?: string, data?: Record<string, string | number>): Out {
    return this.add(type, name, inputs, [{ shape, et, names }], data)[0];
  }

  result(from: Out, name: string): void {
    this.add('Result', `${name}/sink_port_0`, [from], []);
  }

  /** A weight as NNCF stores it when compressing, or plain f32. */
  weight(name: string, rows: number, cols: number, compression: 'none' | 'int8' | 'int4', groupSize: number): Out {
    if (compression === 'none') return this.constant(name, 'f32', [rows, cols]);
    const et = compression === 'int8' ? 'u8' : 'u4';
    const groups = compression === 'int4' && groupSize > 0 ? cols / groupSize : 1;
    const q = this.constant(`${name}/compressed`, et, compression === 'int4' ? [rows, groups, cols / groups] : [rows, cols]);
    const qShape: Shape = compression === 'int4' ? [rows, groups, cols / groups] : [rows, cols];
    const conv = this.op('Convert', `${name}/convert`, [q], qShape, 'f16', undefined, { destination_type: 'f16' });
    const zp = this.constant(`${name}/zero_point`, et, compression === 'int4' ? [rows, groups, 1] : [rows, 1]);
    const zpConv = this.op('Convert', `${name}/zero_point/convert`, [zp], zp.shape, 'f16', undefined, { destination_type: 'f16' });
    const sub = this.op('Subtract', `${name}/zero_point/subtract`, [conv, zpConv], qShape, 'f16');
    const scale = this.constant(`${name}/scale`, 'f16', compression === 'int4' ? [rows, groups, 1] : [rows, 1]);
    let w = this.op('Multiply', `${name}/fq_weights_0`, [sub, scale], qShape, 'f16');
    if (compression === 'int4') w = this.op('Reshape', `${name}/reshape`, [w, this.constant(`${name}/shape`, 'i64', [2])], [rows, cols], 'f16', undefined, { special_zero: 'false' });
    return this.op('Convert', `${name}/to_f32`, [w], [rows, cols], 'f32', undefined, { destination_type: 'f32' });
  }

  write(xmlPath: string, name: string, rtInfo: string): void {
    const xml = [
      '<?xml version="1.0"?>',
      `<net name="${esc(name)}" version="11">`,
      '\t<layers>',
      ...this.layers,
      '\t</layers>',
      '\t<edges>',
      ...this.edges,
      '\t</edges>',
      rtInfo,
      '</net>',
      '',
    ].join('\n');
    writeFileSync(xmlPath, xml);
    writeFileSync(xmlPath.replace(/\.xml$/, '.bin'), Buffer.concat(this.chunks));
  }
}

export interface NncfSettings {
  /** NNCF CompressWeightsMode value: int8_asym, int8_sym, int4_asym, int4_sym, nf4, ... */
  mode: string;
  group_size: number;
  ratio: number;
  backup_mode: string;
}

export interface IrFixtureOptions {
  layout: 'stateful' | 'stateless' | 'stateless-no-past';
  /** NNCF weight compression written into rt_info (and the weights' element types); none: f32 weights. */
  nncf?: NncfSettings;
  vocab?: number;
  hidden?: number;
  layers?: number;
}

function rtInfoXml(nncf: NncfSettings | undefined): string {
  const leaf = (k: string, v: string | number | boolean, indent: string) => `${indent}<${k} value="${esc(String(v))}" />`;
  const py = (b: boolean) => (b ? 'True' : 'False');
  const lines = ['\t<rt_info>', leaf('Runtime_version', '2025.1.0-18503-6fec06580ab-releases/2025/1', '\t\t')];
  lines.push('\t\t<conversion_parameters>', leaf('framework', 'pytorch', '\t\t\t'), leaf('is_python_object', 'True', '\t\t\t'), '\t\t</conversion_parameters>');
  if (nncf) {
    lines.push('\t\t<nncf>', leaf('friendly_names_were_updated', 'True', '\t\t\t'), '\t\t\t<weight_compression>');
    const i4 = '\t\t\t\t';
    lines.push(
      '\t\t\t\t<advanced_parameters>',
      leaf('statistics_path', 'None', '\t\t\t\t\t'),
      '\t\t\t\t\t<awq_params>',
      leaf('subset_size', 32, '\t\t\t\t\t\t'),
      leaf('percent_to_apply', 0.002, '\t\t\t\t\t\t'),
      '\t\t\t\t\t</awq_params>',
      '\t\t\t\t</advanced_parameters>',
      leaf('all_layers', py(false), i4),
      leaf('awq', py(false), i4),
      leaf('backup_mode', nncf.backup_mode, i4),
      leaf('compression_format', 'dequantize', i4),
      leaf('gptq', py(false), i4),
      leaf('group_size', nncf.group_size, i4),
      '\t\t\t\t<ignored_scope>',
      leaf('names', '[]', '\t\t\t\t\t'),
      leaf('patterns', '[]', '\t\t\t\t\t'),
      leaf('types', '[]', '\t\t\t\t\t'),
      leaf('subgraphs', '[]', '\t\t\t\t\t'),
      leaf('validate', 'True', '\t\t\t\t\t'),
      '\t\t\t\t</ignored_scope>',
      leaf('lora_correction', py(false), i4),
      leaf('mode', nncf.mode, i4),
      leaf('ratio', nncf.ratio, i4),
      leaf('scale_estimation', py(false), i4),
      leaf('sensitivity_metric', 'weight_quantization_error', i4),
      '\t\t\t</weight_compression>',
      '\t\t</nncf>',
    );
  }
  lines.push(
    '\t\t<optimum>',
    leaf('optimum_intel_version', '1.22.0', '\t\t\t'),
    leaf('optimum_version', '1.24.0', '\t\t\t'),
    leaf('pytorch_version', '2.6.0+cpu', '\t\t\t'),
    leaf('transformers_version', '4.46.3', '\t\t\t'),
    '\t\t</optimum>',
    '\t</rt_info>',
  );
  return lines.join('\n');
}

/** Files every layout needs besides the graphs: the shipped toy model's tokenizer and configs. */
export function copyTokenizerAndConfig(dir: string): void {
  const toy = join(ROOT, 'models/toy-m2m100/fp32');
  for (const f of ['tokenizer.json', 'tokenizer_config.json', 'config.json', 'generation_config.json', 'special_tokens_map.json']) copyFileSync(join(toy, f), join(dir, f));
}

/** Writes an optimum-intel-style IR export into `dir` (created); returns dir. */
export function writeIrFixture(dir: string, opts: IrFixtureOptions): string {
  mkdirSync(dir, { recursive: true });
  const V = opts.vocab ?? 64;
  const D = opts.hidden ?? 16;
  const L = opts.layers ?? 2;
  const compression: 'none' | 'int8' | 'int4' = !opts.nncf ? 'none' : opts.nncf.mode.startsWith('int8') ? 'int8' : 'int4';
  // NNCF keeps embeddings and the last layer in the backup precision (int8) in 4-bit modes.
  const backup: 'none' | 'int8' = opts.nncf ? 'int8' : 'none';
  const group = opts.nncf?.group_size ?? -1;
  const rt = rtInfoXml(opts.nncf);

  // Encoder: input_ids, attention_mask → last_hidden_state.
  {
    const b = new IrBuilder();
    const ids = b.param('input_ids', 'i64', ['?', '?']);
    const mask = b.param('attention_mask', 'i64', ['?', '?']);
    const emb = b.weight('model.encoder.embed_tokens.weight', V, D, backup, group);
    let h = b.op('Gather', 'embed', [emb, ids, b.constant('axis', 'i64', [])], ['?', '?', D], 'f32', undefined, { batch_dims: 0 });
    const maskF = b.op('Convert', 'mask/convert', [mask], ['?', '?'], 'f32', undefined, { destination_type: 'f32' });
    for (let l = 0; l < L; l++) h = b.op('MatMul', `encoder.layers.${l}.fc1`, [h, b.weight(`model.encoder.layers.${l}.fc1.weight`, D, D, compression, group)], ['?', '?', D], 'f32', undefined, { transpose_a: 'false', transpose_b: 'true' });
    h = b.op('Multiply', 'masked', [h, b.op('Unsqueeze', 'mask/unsqueeze', [maskF, b.constant('mask/axis', 'i64', [1])], ['?', '?', 1], 'f32')], ['?', '?', D], 'f32', 'last_hidden_state');
    b.result(h, 'last_hidden_state');
    b.write(join(dir, 'openvino_encoder_model.xml'), 'Model0', rt);
  }

  const decoder = (file: string, withPast: 'stateful' | 'first' | 'with-past' | 'none') => {
    const b = new IrBuilder();
    const ids = b.param('input_ids', 'i64', ['?', '?']);
    const enc = withPast === 'with-past' ? undefined : b.param('encoder_hidden_states', 'f32', ['?', '?', D]);
    const mask = b.param('encoder_attention_mask', 'i64', ['?', '?']);
    const past: Out[] = [];
    if (withPast === 'with-past') {
      for (let l = 0; l < L; l++) {
        for (const kind of ['decoder.key', 'decoder.value', 'encoder.key', 'encoder.value']) past.push(b.param(`past_key_values.${l}.${kind}`, 'f32', ['?', 4, '?', D / 4]));
      }
    }
    const beam = withPast === 'stateful' ? b.param('beam_idx', 'i32', ['?']) : undefined;
    const emb = b.weight('model.decoder.embed_tokens.weight', V, D, backup, group);
    let h = b.op('Gather', 'embed', [emb, ids, b.constant('axis', 'i64', [])], ['?', '?', D], 'f32', undefined, { batch_dims: 0 });
    const maskF = b.op('Convert', 'mask/convert', [mask], ['?', '?'], 'f32', undefined, { destination_type: 'f32' });
    h = b.op('Add', 'mask/add', [h, b.op('Unsqueeze', 'mask/unsqueeze', [maskF, b.constant('mask/axis', 'i64', [1])], ['?', '?', 1], 'f32')], ['?', '?', D], 'f32');
    const cross = enc ?? past[2];
    for (let l = 0; l < L; l++) {
      if (withPast === 'stateful') {
        // optimum-intel's stateful patch: past_key_values become ReadValue/Assign pairs, reordered by beam_idx.
        for (const kind of ['key', 'value']) {
          const id = `past_key_values.${l}.decoder.${kind}present.${l}.decoder.${kind}`;
          const init = b.op('Broadcast', `init/${id}`, [b.constant(`zeros/${l}/${kind}`, 'f32', [1]), b.constant(`shape/${l}/${kind}`, 'i64', [4])], ['?', 4, 0, D / 4], 'f32');
          const state = b.op('ReadValue', `read/${id}`, [init], ['?', 4, '?', D / 4], 'f32', undefined, { variable_id: id, variable_type: 'f32', variable_shape: '?,4,?,4' });
          const reordered = b.op('Gather', `beam/${id}`, [state, beam as Out, b.constant(`beam_axis/${l}/${kind}`, 'i64', [])], ['?', 4, '?', D / 4], 'f32', undefined, { batch_dims: 0 });
          b.op('Assign', `assign/${id}`, [reordered], ['?', 4, '?', D / 4], 'f32', undefined, { variable_id: id });
        }
      }
      h = b.op('MatMul', `decoder.layers.${l}.fc1`, [h, b.weight(`model.decoder.layers.${l}.fc1.weight`, D, D, compression, group)], ['?', '?', D], 'f32', undefined, { transpose_a: 'false', transpose_b: 'true' });
      if (cross) h = b.op('Add', `decoder.layers.${l}.cross`, [h, cross], ['?', '?', D], 'f32');
    }
    const logits = b.op('MatMul', 'lm_head', [h, b.weight('lm_head.weight', V, D, backup, group)], ['?', '?', V], 'f32', 'logits', { transpose_a: 'false', transpose_b: 'true' });
    b.result(logits, 'logits');
    if (withPast === 'first' || withPast === 'with-past') {
      for (let l = 0; l < L; l++) {
        const kinds = withPast === 'first' ? ['decoder.key', 'decoder.value', 'encoder.key', 'encoder.value'] : ['decoder.key', 'decoder.value'];
        for (const kind of kinds) {
          const present = b.op('Reshape', `present.${l}.${kind}`, [h, b.constant(`present_shape/${l}/${kind}`, 'i64', [4])], ['?', 4, '?', D / 4], 'f32', `present.${l}.${kind}`, { special_zero: 'true' });
          b.result(present, `present.${l}.${kind}`);
        }
      }
    }
    b.write(join(dir, file), 'Model1', rt);
  };

  if (opts.layout === 'stateful') decoder('openvino_decoder_model.xml', 'stateful');
  else if (opts.layout === 'stateless') {
    decoder('openvino_decoder_model.xml', 'first');
    decoder('openvino_decoder_with_past_model.xml', 'with-past');
  } else decoder('openvino_decoder_model.xml', 'none');
  copyTokenizerAndConfig(dir);
  return dir;
}

/** optimum-cli export openvino --weight-format int8 (NNCF defaults for 8-bit). */
export const NNCF_INT8: NncfSettings = { mode: 'int8_asym', group_size: -1, ratio: 1, backup_mode: 'int8_asym' };
/** optimum-cli export openvino --weight-format int4 --group-size 128 --ratio 0.8 (the fixture's hidden size is 16, so groups of 8). */
export const nncfInt4 = (groupSize: number, ratio: number): NncfSettings => ({ mode: 'int4_asym', group_size: groupSize, ratio, backup_mode: 'int8_asym' });
