/**
 * The toy model as two ONNX graphs with optimum's seq2seq export interface
 * (no KV cache): encoder_model.onnx and decoder_model.onnx. Every weight
 * matrix goes through `linear`, which spells it in the chosen precision;
 * embedding and position tables, biases and norms stay fp32, as in real
 * weight-only quantized exports.
 */
import { DataType, GraphBuilder, type OpsetImport } from '../onnx/graph-builder.js';
import { linear, MS_DOMAIN, type Precision } from '../onnx/linear.js';
import { D_MODEL, HEAD_DIM, HEADS, MAX_POSITIONS, type AttentionWeights, type FfnWeights, type ToyWeights } from './weights.js';

export const OPSET = 17;
const NEG_INF = -1e9;
const PRODUCER = { producerName: 'mtgate-toy-m2m100', producerVersion: '1' };

function opsets(precision: Precision): OpsetImport[] {
  const list: OpsetImport[] = [{ domain: '', version: OPSET }];
  if (precision === 'int4') list.push({ domain: MS_DOMAIN, version: 1 });
  return list;
}

function bias(b: GraphBuilder, x: string, name: string, values: Float32Array): string {
  const t = b.initializer(name, DataType.FLOAT, [values.length], values);
  return b.op('Add', [x, t], { name: `${name}/Add` });
}

/** Gathers rows of the token table and adds positions 0..len-1 (learned absolute positions). */
function embed(b: GraphBuilder, inputIds: string, w: ToyWeights, prefix: string): string {
  const tokens = b.initializer(`${prefix}.embed_tokens.weight`, DataType.FLOAT, [w.vocabSize, D_MODEL], w.embedTokens.data);
  const positions = b.initializer(`${prefix}.embed_positions.weight`, DataType.FLOAT, [MAX_POSITIONS, D_MODEL], w.embedPositions.data);
  const tok = b.op('Gather', [tokens, inputIds], { name: `${prefix}.embed_tokens/Gather`, attributes: { axis: 0 } });
  const len = sequenceLength(b, inputIds, prefix);
  const ids = b.op('Range', [b.int64s('zero', [0], true), len, b.int64s('one', [1], true)], { name: `${prefix}.positions/Range` });
  const pos = b.op('Gather', [positions, ids], { name: `${prefix}.embed_positions/Gather`, attributes: { axis: 0 } });
  return b.op('Add', [tok, pos], { name: `${prefix}.embed/Add` });
}

function sequenceLength(b: GraphBuilder, ids: string, prefix: string): string {
  const shape = b.op('Shape', [ids], { name: `${prefix}/Shape` });
  return b.op('Gather', [shape, b.int64s('axis1', [1], true)], { name: `${prefix}/seq_len`, attributes: { axis: 0 } });
}

/** [batch, seq] 0/1 mask -> additive [batch, 1, 1, seq] mask (0 or NEG_INF). */
function paddingMask(b: GraphBuilder, mask: string, prefix: string): string {
  const m = b.op('Cast', [mask], { name: `${prefix}/mask_cast`, attributes: { to: DataType.FLOAT } });
  const inv = b.op('Sub', [b.floatScalar('one_f', 1), m], { name: `${prefix}/mask_invert` });
  const add = b.op('Mul', [inv, b.floatScalar('neg_inf', NEG_INF)], { name: `${prefix}/mask_scale` });
  return b.op('Unsqueeze', [add, b.int64s('axes', [1, 2])], { name: `${prefix}/mask_unsqueeze` });
}

/** Additive [seq, seq] mask hiding future positions. */
function causalMask(b: GraphBuilder, inputIds: string, prefix: string): string {
  const len = sequenceLength(b, inputIds, `${prefix}/causal`);
  const r = b.op('Range', [b.int64s('zero', [0], true), len, b.int64s('one', [1], true)], { name: `${prefix}/causal_range` });
  const rows = b.op('Unsqueeze', [r, b.int64s('axes', [1])], { name: `${prefix}/causal_rows` });
  const cols = b.op('Unsqueeze', [r, b.int64s('axes', [0])], { name: `${prefix}/causal_cols` });
  const future = b.op('Greater', [cols, rows], { name: `${prefix}/causal_future` });
  const f = b.op('Cast', [future], { name: `${prefix}/causal_cast`, attributes: { to: DataType.FLOAT } });
  return b.op('Mul', [f, b.floatScalar('neg_inf', NEG_INF)], { name: `${prefix}/causal_scale` });
}

function attention(
  b: GraphBuilder,
  p: Precision,
  name: string,
  query: string,
  keyValue: string,
  w: AttentionWeights,
  masks: readonly string[],
): string {
  const heads = (x: string, perm: number[], what: string): string => {
    const r = b.op('Reshape', [x, b.int64s('heads_shape', [0, 0, HEADS, HEAD_DIM])], { name: `${name}/${what}_reshape` });
    return b.op('Transpose', [r], { name: `${name}/${what}_transpose`, attributes: { perm } });
  };
  const q = bias(b, linear(b, p, query, `${name}.q_proj`, w.q), `${name}.q_proj.bias`, w.qBias);
  const k = bias(b, linear(b, p, keyValue, `${name}.k_proj`, w.k), `${name}.k_proj.bias`, w.kBias);
  const v = bias(b, linear(b, p, keyValue, `${name}.v_proj`, w.v), `${name}.v_proj.bias`, w.vBias);
  let scores = b.op('MatMul', [heads(q, [0, 2, 1, 3], 'q'), heads(k, [0, 2, 3, 1], 'k')], { name: `${name}/scores` });
  scores = b.op('Mul', [scores, b.floatScalar('scaling', 1 / Math.sqrt(HEAD_DIM))], { name: `${name}/scale` });
  for (const m of masks) scores = b.op('Add', [scores, m], { name: `${name}/mask` });
  const probs = b.op('Softmax', [scores], { name: `${name}/softmax`, attributes: { axis: -1 } });
  const ctx = b.op('MatMul', [probs, heads(v, [0, 2, 1, 3], 'v')], { name: `${name}/context` });
  const t = b.op('Transpose', [ctx], { name: `${name}/context_transpose`, attributes: { perm: [0, 2, 1, 3] } });
  const merged = b.op('Reshape', [t, b.int64s('merge_shape', [0, 0, D_MODEL])], { name: `${name}/context_reshape` });
  return bias(b, linear(b, p, merged, `${name}.out_proj`, w.o), `${name}.out_proj.bias`, w.oBias);
}

function ffn(b: GraphBuilder, p: Precision, name: string, x: string, w: FfnWeights): string {
  const h = bias(b, linear(b, p, x, `${name}.fc1`, w.fc1), `${name}.fc1.bias`, w.fc1Bias);
  const a = b.op('Relu', [h], { name: `${name}/relu` });
  return bias(b, linear(b, p, a, `${name}.fc2`, w.fc2), `${name}.fc2.bias`, w.fc2Bias);
}

export function encoderGraph(w: ToyWeights, p: Precision): Uint8Array {
  const b = new GraphBuilder('toy_m2m100_encoder');
  const ids = b.input('input_ids', DataType.INT64, ['batch_size', 'encoder_sequence_length']);
  const mask = b.input('attention_mask', DataType.INT64, ['batch_size', 'encoder_sequence_length']);
  let x = embed(b, ids, w, 'encoder');
  const att = attention(b, p, 'encoder.layers.0.self_attn', x, x, w.encoderSelfAttention, [paddingMask(b, mask, 'encoder')]);
  x = b.op('Add', [x, att], { name: 'encoder.layers.0/residual_attn' });
  const f = ffn(b, p, 'encoder.layers.0', x, w.encoderFfn);
  b.op('Add', [x, f], { name: 'encoder.layers.0/residual_ffn', output: 'last_hidden_state' });
  b.output('last_hidden_state', DataType.FLOAT, ['batch_size', 'encoder_sequence_length', D_MODEL]);
  return b.toBytes(opsets(p), { ...PRODUCER, docString: `toy M2M-100 encoder (${p}); constructed weights, see README.md` });
}

export function decoderGraph(w: ToyWeights, p: Precision): Uint8Array {
  const b = new GraphBuilder('toy_m2m100_decoder');
  const ids = b.input('input_ids', DataType.INT64, ['batch_size', 'decoder_sequence_length']);
  const encMask = b.input('encoder_attention_mask', DataType.INT64, ['batch_size', 'encoder_sequence_length']);
  const enc = b.input('encoder_hidden_states', DataType.FLOAT, ['batch_size', 'encoder_sequence_length', D_MODEL]);
  let x = embed(b, ids, w, 'decoder');
  const self = attention(b, p, 'decoder.layers.0.self_attn', x, x, w.decoderSelfAttention, [causalMask(b, ids, 'decoder')]);
  x = b.op('Add', [x, self], { name: 'decoder.layers.0/residual_self_attn' });
  const cross = attention(b, p, 'decoder.layers.0.encoder_attn', x, enc, w.crossAttention, [paddingMask(b, encMask, 'decoder')]);
  x = b.op('Add', [x, cross], { name: 'decoder.layers.0/residual_cross_attn' });
  const f = ffn(b, p, 'decoder.layers.0', x, w.decoderFfn);
  x = b.op('Add', [x, f], { name: 'decoder.layers.0/residual_ffn' });
  const logits = linear(b, p, x, 'lm_head', w.lmHead);
  b.op('Identity', [logits], { name: 'lm_head/output', output: 'logits' });
  b.output('logits', DataType.FLOAT, ['batch_size', 'decoder_sequence_length', w.vocabSize]);
  return b.toBytes(opsets(p), { ...PRODUCER, docString: `toy M2M-100 decoder (${p}); constructed weights, see README.md` });
}
