/**
 * The synthetic M2M-100 as ONNX graphs with optimum's interface:
 * - encoder_model: input_ids, attention_mask -> last_hidden_state
 * - decoder_model: input_ids, encoder_attention_mask, encoder_hidden_states
 *   -> logits, present.{i}.{decoder,encoder}.{key,value}
 * - decoder_with_past_model: input_ids, encoder_attention_mask,
 *   past_key_values.{i}.{decoder,encoder}.{key,value} -> logits, present.{i}.decoder.*
 * - decoder_model_merged: all of the above inputs plus use_cache_branch; an If
 *   runs the with-past branch or the no-past branch (transformers.js exports).
 *
 * Architecture as transformers' M2M100: pre-LayerNorm layers, embeddings
 * scaled by sqrt(d_model), sinusoidal positions offset by the padding index,
 * ReLU FFN, final layer norms, lm_head tied to the shared embedding. The
 * query is scaled by head_dim^-0.5 before the dot product, as in M2M100Attention.
 */
import { DataType, GraphBuilder, type OpsetImport } from '../onnx/graph-builder.js';
import { MS_DOMAIN } from '../onnx/linear.js';
import { PAD_ID, type SyntheticPreset } from './presets.js';
import type { SyntheticWeights } from './weights.js';

const NEG_INF = -1e9;
/**
 * Optional input beyond optimum's interface (generator option `decoderMask`):
 * lets a static, padded self-attention cache be masked, as NPU-style static
 * exports need. Without it the with-past decoder derives positions from the past length.
 */
export const DECODER_MASK = 'decoder_attention_mask';
const PRODUCER = { producerName: 'mtgate-synthetic-m2m100', producerVersion: '1' };

export function opsets(w: SyntheticWeights): { opsets: OpsetImport[]; irVersion: number } {
  // DequantizeLinear with block_size and 4-bit types needs opset 21 (IR 10).
  const dq4 = w.o.precision === 'int4' && w.o.int4Form === 'dq';
  const list: OpsetImport[] = [{ domain: '', version: dq4 ? 21 : 17 }];
  if (w.o.precision !== 'fp32') list.push({ domain: MS_DOMAIN, version: 1 });
  return { opsets: list, irVersion: dq4 ? 10 : 8 };
}

const F = DataType.FLOAT;

/** Builds graph pieces: ops go to `b` (maybe an If branch), weights to the outer graph via `w`. */
class Layers {
  readonly D: number;
  readonly H: number;
  readonly hd: number;
  constructor(
    readonly b: GraphBuilder,
    readonly w: SyntheticWeights,
    readonly p: SyntheticPreset,
  ) {
    this.D = p.dModel;
    this.H = p.heads;
    this.hd = p.dModel / p.heads;
  }

  dim(x: string, axis: number, name: string): string {
    const shape = this.b.op('Shape', [x], { name: `${name}/Shape` });
    return this.b.op('Gather', [shape, this.b.int64s(`${name}_axis`, [axis], true)], { name: `${name}/dim`, attributes: { axis: 0 } });
  }

  /** Token embedding * sqrt(D) + sinusoidal positions (pad-aware, offset by past length as in HF). */
  embed(ids: string, prefix: string, pastLength?: string, decoderMask?: string): string {
    const { b, w } = this;
    const tok = b.op('Gather', [w.shared(), ids], { name: `${prefix}.embed_tokens/Gather`, attributes: { axis: 0 } });
    const scaled = b.op('Mul', [tok, b.floatScalar(`${prefix}_embed_scale`, Math.sqrt(this.D))], { name: `${prefix}.embed_scale` });
    const isPad = b.op('Equal', [ids, b.int64s(`${prefix}_pad_id`, [PAD_ID], true)], { name: `${prefix}.positions/is_pad` });
    const notPad = b.op('Cast', [b.op('Not', [isPad], { name: `${prefix}.positions/not_pad` })], {
      name: `${prefix}.positions/mask`,
      attributes: { to: DataType.INT64 },
    });
    let count: string;
    if (decoderMask) {
      // Padded (static) cache: a token's position is the number of real tokens up to it, read from the mask.
      const all = b.op('CumSum', [decoderMask, b.int64s(`${prefix}_mask_cumsum_axis`, [1], true)], { name: `${prefix}.positions/mask_CumSum` });
      const T = this.dim(ids, 1, `${prefix}/positions_T`);
      const start = b.op('Neg', [b.op('Unsqueeze', [T, b.int64s(`${prefix}_pos_ax`, [0])], { name: `${prefix}.positions/T1` })], { name: `${prefix}.positions/start` });
      count = b.op('Slice', [all, start, b.int64s(`${prefix}_pos_end`, [2 ** 31 - 1]), b.int64s(`${prefix}_pos_axes`, [1])], { name: `${prefix}.positions/last` });
    } else {
      count = b.op('CumSum', [notPad, b.int64s(`${prefix}_cumsum_axis`, [1], true)], { name: `${prefix}.positions/CumSum` });
      if (pastLength) count = b.op('Add', [count, pastLength], { name: `${prefix}.positions/past` });
    }
    const masked = b.op('Mul', [count, notPad], { name: `${prefix}.positions/masked` });
    const positionIds = b.op('Add', [masked, b.int64s(`${prefix}_pad_offset`, [PAD_ID], true)], { name: `${prefix}.positions/ids` });
    const pos = b.op('Gather', [w.positions(prefix), positionIds], { name: `${prefix}.embed_positions/Gather`, attributes: { axis: 0 } });
    return b.op('Add', [scaled, pos], { name: `${prefix}.embed/Add` });
  }

  /** [B, S] 0/1 mask -> additive [B, 1, 1, S]. */
  paddingMask(mask: string, prefix: string): string {
    const { b } = this;
    const m = b.op('Cast', [mask], { name: `${prefix}/mask_cast`, attributes: { to: F } });
    const inv = b.op('Sub', [b.floatScalar(`${prefix}_one`, 1), m], { name: `${prefix}/mask_invert` });
    const add = b.op('Mul', [inv, b.floatScalar(`${prefix}_neg_inf`, NEG_INF)], { name: `${prefix}/mask_scale` });
    return b.op('Unsqueeze', [add, b.int64s(`${prefix}_mask_axes`, [1, 2])], { name: `${prefix}/mask_unsqueeze` });
  }

  /** Additive [T, P+T] mask: query P+i sees keys 0..P+i. */
  causalMask(ids: string, pastLength: string | undefined, prefix: string): string {
    const { b } = this;
    const T = this.dim(ids, 1, `${prefix}/causal_T`);
    const P = pastLength ?? b.int64s(`${prefix}_zero_past`, [0], true);
    const total = b.op('Add', [P, T], { name: `${prefix}/causal_total` });
    const one = b.int64s(`${prefix}_causal_one`, [1], true);
    const rows = b.op('Unsqueeze', [b.op('Range', [P, total, one], { name: `${prefix}/causal_rows_range` }), b.int64s(`${prefix}_ax1`, [1])], {
      name: `${prefix}/causal_rows`,
    });
    const cols = b.op('Unsqueeze', [b.op('Range', [b.int64s(`${prefix}_zero`, [0], true), total, one], { name: `${prefix}/causal_cols_range` }), b.int64s(`${prefix}_ax0`, [0])], {
      name: `${prefix}/causal_cols`,
    });
    const future = b.op('Cast', [b.op('Greater', [cols, rows], { name: `${prefix}/causal_future` })], { name: `${prefix}/causal_cast`, attributes: { to: F } });
    return b.op('Mul', [future, b.floatScalar(`${prefix}_causal_neg_inf`, NEG_INF)], { name: `${prefix}/causal_scale` });
  }

  /** [B, T, D] -> [B, H, T, hd]. */
  heads(x: string, name: string): string {
    const r = this.b.op('Reshape', [x, this.b.int64s(`${name}_heads_shape`, [0, 0, this.H, this.hd])], { name: `${name}/reshape` });
    return this.b.op('Transpose', [r], { name: `${name}/transpose`, attributes: { perm: [0, 2, 1, 3] } });
  }

  projectHeads(x: string, name: string, scale = 1): string {
    let y = this.w.linear(this.b, x, name, this.D, this.D);
    if (scale !== 1) y = this.b.op('Mul', [y, this.b.floatScalar(`${name}_scaling`, scale)], { name: `${name}/scaling` });
    return this.heads(y, name);
  }

  /** softmax(q kᵀ + masks) v, merged back to [B, T, D] and projected. */
  attend(name: string, q: string, k: string, v: string, masks: readonly string[]): string {
    const { b } = this;
    const kt = b.op('Transpose', [k], { name: `${name}/k_transpose`, attributes: { perm: [0, 1, 3, 2] } });
    let scores = b.op('MatMul', [q, kt], { name: `${name}/scores` });
    for (const m of masks) scores = b.op('Add', [scores, m], { name: `${name}/mask` });
    const probs = b.op('Softmax', [scores], { name: `${name}/softmax`, attributes: { axis: -1 } });
    const ctx = b.op('MatMul', [probs, v], { name: `${name}/context` });
    const t = b.op('Transpose', [ctx], { name: `${name}/context_transpose`, attributes: { perm: [0, 2, 1, 3] } });
    const merged = b.op('Reshape', [t, b.int64s(`${name}_merge_shape`, [0, 0, this.D])], { name: `${name}/context_reshape` });
    return this.w.linear(b, merged, `${name}.out_proj`, this.D, this.D);
  }

  ffn(x: string, name: string): string {
    const h = this.w.layerNorm(this.b, x, `${name}.final_layer_norm`);
    const a = this.b.op('Relu', [this.w.linear(this.b, h, `${name}.fc1`, this.p.ffnDim, this.D)], { name: `${name}/relu` });
    const f = this.w.linear(this.b, a, `${name}.fc2`, this.D, this.p.ffnDim);
    return this.b.op('Add', [x, f], { name: `${name}/residual_ffn` });
  }
}

export function encoderGraph(w: SyntheticWeights): Uint8Array {
  const b = w.init;
  const L = new Layers(b, w, w.o.preset);
  const ids = b.input('input_ids', DataType.INT64, ['batch_size', 'encoder_sequence_length']);
  const mask = b.input('attention_mask', DataType.INT64, ['batch_size', 'encoder_sequence_length']);
  let x = L.embed(ids, 'model.encoder');
  const padMask = L.paddingMask(mask, 'model.encoder');
  const scaling = L.hd ** -0.5;
  for (let i = 0; i < w.o.preset.encoderLayers; i++) {
    const name = `model.encoder.layers.${i}`;
    const h = w.layerNorm(b, x, `${name}.self_attn_layer_norm`);
    const att = `${name}.self_attn`;
    const ctx = L.attend(att, L.projectHeads(h, `${att}.q_proj`, scaling), L.projectHeads(h, `${att}.k_proj`), L.projectHeads(h, `${att}.v_proj`), [padMask]);
    x = b.op('Add', [x, ctx], { name: `${name}/residual_attn` });
    x = L.ffn(x, name);
  }
  const out = w.layerNorm(b, x, 'model.encoder.layer_norm');
  b.op('Identity', [out], { name: 'encoder/output', output: 'last_hidden_state' });
  b.output('last_hidden_state', F, ['batch_size', 'encoder_sequence_length', w.o.preset.dModel]);
  const o = opsets(w);
  return b.toBytes(o.opsets, { ...PRODUCER, irVersion: o.irVersion, docString: docString(w, 'encoder') });
}

type DecoderKind = 'no-past' | 'with-past';

/**
 * The decoder body on builder `L.b`. no-past computes the cross-attention
 * K/V from encoder_hidden_states and returns them as present.*.encoder.*;
 * with-past reads them (and the self-attention cache) from past_key_values.
 */
function decoderBody(
  L: Layers,
  kind: DecoderKind,
  io: {
    ids: string;
    encMask: string;
    enc?: string;
    past?: (i: number, which: 'decoder' | 'encoder', kv: 'key' | 'value') => string;
    /** [B, past + T] 0/1 mask over the self-attention cache and the new tokens (static, padded caches). */
    decMask?: string;
  },
): { logits: string; present: Map<string, string> } {
  const { b, w, p } = L;
  const present = new Map<string, string>();
  const pastLength = kind === 'with-past' ? L.dim(io.past!(0, 'decoder', 'key'), 2, 'model.decoder/past_length') : undefined;
  const decMask = kind === 'with-past' ? io.decMask : undefined;
  let x = L.embed(io.ids, 'model.decoder', pastLength, decMask);
  const causal = L.causalMask(io.ids, pastLength, 'model.decoder');
  const selfMasks = decMask ? [causal, L.paddingMask(decMask, 'model.decoder.self')] : [causal];
  const crossMask = L.paddingMask(io.encMask, 'model.decoder.cross');
  const scaling = L.hd ** -0.5;
  for (let i = 0; i < p.decoderLayers; i++) {
    const name = `model.decoder.layers.${i}`;
    const self = `${name}.self_attn`;
    let h = w.layerNorm(b, x, `${name}.self_attn_layer_norm`);
    const q = L.projectHeads(h, `${self}.q_proj`, scaling);
    let k = L.projectHeads(h, `${self}.k_proj`);
    let v = L.projectHeads(h, `${self}.v_proj`);
    if (kind === 'with-past') {
      k = b.op('Concat', [io.past!(i, 'decoder', 'key'), k], { name: `${self}/past_key_concat`, attributes: { axis: 2 } });
      v = b.op('Concat', [io.past!(i, 'decoder', 'value'), v], { name: `${self}/past_value_concat`, attributes: { axis: 2 } });
    }
    present.set(`present.${i}.decoder.key`, k);
    present.set(`present.${i}.decoder.value`, v);
    x = b.op('Add', [x, L.attend(self, q, k, v, selfMasks)], { name: `${name}/residual_self_attn` });

    const cross = `${name}.encoder_attn`;
    h = w.layerNorm(b, x, `${name}.encoder_attn_layer_norm`);
    const cq = L.projectHeads(h, `${cross}.q_proj`, scaling);
    let ck: string;
    let cv: string;
    if (kind === 'with-past') {
      ck = io.past!(i, 'encoder', 'key');
      cv = io.past!(i, 'encoder', 'value');
    } else {
      ck = L.projectHeads(io.enc!, `${cross}.k_proj`);
      cv = L.projectHeads(io.enc!, `${cross}.v_proj`);
      present.set(`present.${i}.encoder.key`, ck);
      present.set(`present.${i}.encoder.value`, cv);
    }
    x = b.op('Add', [x, L.attend(cross, cq, ck, cv, [crossMask])], { name: `${name}/residual_cross_attn` });
    x = L.ffn(x, name);
  }
  const out = w.layerNorm(b, x, 'model.decoder.layer_norm');
  return { logits: w.lmHead(b, out), present };
}

const pastName = (i: number, which: string, kv: string) => `past_key_values.${i}.${which}.${kv}`;
const pastDims = (which: string, hd: number, H: number) =>
  ['batch_size', H, which === 'decoder' ? 'past_decoder_sequence_length' : 'encoder_sequence_length_out', hd] as const;
const presentDims = (which: string, hd: number, H: number, withPast: boolean) =>
  [
    'batch_size',
    H,
    which === 'decoder' ? (withPast ? 'past_decoder_sequence_length + 1' : 'decoder_sequence_length') : 'encoder_sequence_length_out',
    hd,
  ] as const;

function declareOutputs(b: GraphBuilder, L: Layers, body: { logits: string; present: Map<string, string> }, kind: DecoderKind, prefix = ''): void {
  b.op('Identity', [body.logits], { name: `${prefix}logits/output`, output: `${prefix}logits` });
  b.output(`${prefix}logits`, F, ['batch_size', 'decoder_sequence_length', L.p.vocabSize]);
  for (const [name, value] of body.present) {
    const which = name.split('.')[2];
    b.op('Identity', [value], { name: `${prefix}${name}/output`, output: `${prefix}${name}` });
    b.output(`${prefix}${name}`, F, [...presentDims(which, L.hd, L.H, kind === 'with-past')]);
  }
}

/** decoder_model.onnx (kind no-past) or decoder_with_past_model.onnx (with-past). */
export function decoderGraph(w: SyntheticWeights, kind: DecoderKind): Uint8Array {
  const b = w.init;
  const L = new Layers(b, w, w.o.preset);
  const ids = b.input('input_ids', DataType.INT64, ['batch_size', 'decoder_sequence_length']);
  const encMask = b.input('encoder_attention_mask', DataType.INT64, ['batch_size', 'encoder_sequence_length']);
  let body;
  if (kind === 'no-past') {
    const enc = b.input('encoder_hidden_states', F, ['batch_size', 'encoder_sequence_length', L.D]);
    body = decoderBody(L, kind, { ids, encMask, enc });
  } else {
    for (let i = 0; i < w.o.preset.decoderLayers; i++) {
      for (const which of ['decoder', 'encoder']) for (const kv of ['key', 'value']) b.input(pastName(i, which, kv), F, [...pastDims(which, L.hd, L.H)]);
    }
    const decMask = w.o.decoderMask ? b.input(DECODER_MASK, DataType.INT64, ['batch_size', 'past_decoder_sequence_length + 1']) : undefined;
    body = decoderBody(L, kind, { ids, encMask, past: pastName, decMask });
  }
  declareOutputs(b, L, body, kind);
  const o = opsets(w);
  return b.toBytes(o.opsets, { ...PRODUCER, irVersion: o.irVersion, docString: docString(w, `decoder (${kind})`) });
}

/** decoder_model_merged.onnx: If(use_cache_branch) with-past : no-past, weights shared in the outer graph. */
export function mergedDecoderGraph(w: SyntheticWeights): Uint8Array {
  const b = w.init;
  const p = w.o.preset;
  const ids = b.input('input_ids', DataType.INT64, ['batch_size', 'decoder_sequence_length']);
  const encMask = b.input('encoder_attention_mask', DataType.INT64, ['batch_size', 'encoder_sequence_length']);
  const enc = b.input('encoder_hidden_states', F, ['batch_size', 'encoder_sequence_length', p.dModel]);
  const hd = p.dModel / p.heads;
  for (let i = 0; i < p.decoderLayers; i++) {
    for (const which of ['decoder', 'encoder']) for (const kv of ['key', 'value']) b.input(pastName(i, which, kv), F, [...pastDims(which, hd, p.heads)]);
  }
  const useCache = b.input('use_cache_branch', DataType.BOOL, [1]);
  const decMask = w.o.decoderMask ? b.input(DECODER_MASK, DataType.INT64, ['batch_size', 'past_decoder_sequence_length + 1']) : undefined;

  const branch = (kind: DecoderKind, scope: string): GraphBuilder => {
    const g = new GraphBuilder(`${scope}branch`, scope);
    const L = new Layers(g, w, p);
    const body = kind === 'with-past' ? decoderBody(L, kind, { ids, encMask, past: pastName, decMask }) : decoderBody(L, kind, { ids, encMask, enc });
    if (kind === 'with-past') {
      // The encoder cache does not change after the first step: pass it through.
      for (let i = 0; i < p.decoderLayers; i++) for (const kv of ['key', 'value']) body.present.set(`present.${i}.encoder.${kv}`, pastName(i, 'encoder', kv));
    }
    const ordered = new Map([...body.present].sort(([a], [c]) => presentOrder(a, p) - presentOrder(c, p)));
    declareOutputs(g, L, { logits: body.logits, present: ordered }, kind, scope);
    return g;
  };
  const outputs = ['logits', ...[...Array(p.decoderLayers).keys()].flatMap((i) => ['decoder', 'encoder'].flatMap((which) => ['key', 'value'].map((kv) => `present.${i}.${which}.${kv}`)))];
  b.node('If', [useCache], outputs, {
    name: 'optimum::if',
    attributes: { then_branch: { graph: branch('with-past', 'then/').toGraph() }, else_branch: { graph: branch('no-past', 'else/').toGraph() } },
  });
  b.output('logits', F, ['batch_size', 'decoder_sequence_length', p.vocabSize]);
  for (const name of outputs.slice(1)) b.output(name, F, ['batch_size', p.heads, name.includes('.decoder.') ? 'present_decoder_sequence_length' : 'encoder_sequence_length_out', hd]);
  const o = opsets(w);
  return b.toBytes(o.opsets, { ...PRODUCER, irVersion: o.irVersion, docString: docString(w, 'merged decoder') });
}

function presentOrder(name: string, _p: SyntheticPreset): number {
  const [, layer, which, kv] = name.split('.');
  return Number(layer) * 4 + (which === 'decoder' ? 0 : 2) + (kv === 'key' ? 0 : 1);
}

function docString(w: SyntheticWeights, what: string): string {
  const { preset, precision, seed } = w.o;
  return `synthetic M2M-100 ${preset.name} ${what} (${precision}, seed ${seed}): random weights, meaningless outputs; for timing only`;
}
