import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import onnxProto from 'onnx-proto';
import * as ort from 'onnxruntime-node';
import { type Precision, PRECISIONS } from '../../src/models/onnx/linear.js';
import { modelDir } from './toy-helpers.js';

type Model = onnxProto.onnx.ModelProto;
type TensorProto = onnxProto.onnx.ITensorProto;

const load = (p: Precision, part: 'encoder' | 'decoder'): Model =>
  onnxProto.onnx.ModelProto.decode(readFileSync(join(modelDir(p), `${part}_model.onnx`)));

const config = JSON.parse(readFileSync(join(modelDir('fp32'), 'config.json'), 'utf8')) as { d_model: number; vocab_size: number };
const D = config.d_model;
const V = config.vocab_size;

function initializers(m: Model): Map<string, TensorProto> {
  return new Map(m.graph!.initializer!.map((t) => [t.name!, t]));
}

function floats(t: TensorProto): Float32Array {
  const raw = t.rawData!;
  return new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
}

const intAttr = (n: onnxProto.onnx.INodeProto, name: string): number => Number(n.attribute!.find((a) => a.name === name)?.i);

/** Names of float initializers used as the weight (B) input of a MatMul. */
function floatMatMulWeights(m: Model): string[] {
  const init = initializers(m);
  return m.graph!.node!.filter((n) => n.opType === 'MatMul' && init.get(n.input![1])?.dataType === 1).map((n) => n.input![1]);
}

test('ONNX Runtime loads every precision with optimum-style input and output names, types and dynamic axes', async () => {
  for (const p of PRECISIONS) {
    const enc = await ort.InferenceSession.create(join(modelDir(p), 'encoder_model.onnx'));
    const dec = await ort.InferenceSession.create(join(modelDir(p), 'decoder_model.onnx'));
    const meta = (s: ort.InferenceSession, which: 'inputMetadata' | 'outputMetadata') =>
      Object.fromEntries(s[which].map((m) => [m.name, m.isTensor ? [m.type, [...m.shape]] : null]));
    assert.deepEqual(meta(enc, 'inputMetadata'), {
      input_ids: ['int64', ['batch_size', 'encoder_sequence_length']],
      attention_mask: ['int64', ['batch_size', 'encoder_sequence_length']],
    });
    assert.deepEqual(meta(enc, 'outputMetadata'), { last_hidden_state: ['float32', ['batch_size', 'encoder_sequence_length', D]] });
    assert.deepEqual(meta(dec, 'inputMetadata'), {
      input_ids: ['int64', ['batch_size', 'decoder_sequence_length']],
      encoder_attention_mask: ['int64', ['batch_size', 'encoder_sequence_length']],
      encoder_hidden_states: ['float32', ['batch_size', 'encoder_sequence_length', D]],
    });
    assert.deepEqual(meta(dec, 'outputMetadata'), { logits: ['float32', ['batch_size', 'decoder_sequence_length', V]] });
    // A batch of two with padding runs end to end.
    const en = BigInt(V - 4); // __en__ (the language tokens __de__ __en__ __es__ __fr__ __sw__ close the vocabulary)
    const de = BigInt(V - 5);
    const ids = new ort.Tensor('int64', BigInt64Array.from([en, 6n, 105n, 4n, 2n, en, 6n, 2n, 1n, 1n]), [2, 5]);
    const mask = new ort.Tensor('int64', BigInt64Array.from([1n, 1n, 1n, 1n, 1n, 1n, 1n, 1n, 0n, 0n]), [2, 5]);
    const e = await enc.run({ input_ids: ids, attention_mask: mask });
    assert.deepEqual(e.last_hidden_state.dims, [2, 5, D]);
    const d = await dec.run({
      input_ids: new ort.Tensor('int64', BigInt64Array.from([2n, de, 2n, de]), [2, 2]),
      encoder_hidden_states: e.last_hidden_state,
      encoder_attention_mask: mask,
    });
    assert.deepEqual(d.logits.dims, [2, 2, V]);
    assert.ok((d.logits.data as Float32Array).every(Number.isFinite));
    await enc.release();
    await dec.release();
  }
});

test('opsets: default domain 17+, com.microsoft 1 only where MatMulNBits is used; no KV-cache inputs', () => {
  for (const p of PRECISIONS) {
    for (const part of ['encoder', 'decoder'] as const) {
      const m = load(p, part);
      const opsets = Object.fromEntries(m.opsetImport!.map((o) => [o.domain ?? '', Number(o.version)]));
      assert.ok(opsets[''] >= 17, `${p} ${part} default opset`);
      assert.equal(opsets['com.microsoft'], p === 'int4' ? 1 : undefined, `${p} ${part} com.microsoft opset`);
      assert.ok(!m.graph!.input!.some((i) => i.name!.startsWith('past_key_values')));
    }
  }
});

test('fp32 graphs keep float MatMul weights; int8 and int4 quantize every one of them', () => {
  for (const part of ['encoder', 'decoder'] as const) {
    const fp32 = load('fp32', part);
    const weights = floatMatMulWeights(fp32);
    assert.ok(weights.length >= (part === 'encoder' ? 6 : 11), `${part} has ${weights.length} MatMul weights`);
    assert.ok(!fp32.graph!.node!.some((n) => n.opType === 'DequantizeLinear' || n.opType === 'MatMulNBits'));
    for (const p of ['int8', 'int4'] as const) assert.deepEqual(floatMatMulWeights(load(p, part)), [], `${p} ${part}: unquantized MatMul weight`);

    const int8 = load('int8', part);
    const init8 = initializers(int8);
    const dq = int8.graph!.node!.filter((n) => n.opType === 'DequantizeLinear');
    assert.equal(dq.length, weights.length, `int8 ${part}: one DequantizeLinear per weight`);
    for (const n of dq) {
      const codes = init8.get(n.input![0])!;
      const scale = init8.get(n.input![1])!;
      assert.equal(codes.dataType, 3, 'int8 codes');
      assert.equal(intAttr(n, 'axis'), 1, 'per output channel');
      assert.deepEqual(scale.dims!.map(Number), [Number(codes.dims![1])], 'one scale per output channel');
      assert.ok(int8.graph!.node!.some((m) => m.opType === 'MatMul' && m.input![1] === n.output![0]), 'feeds a MatMul');
    }

    const int4 = load('int4', part);
    const init4 = initializers(int4);
    const nbits = int4.graph!.node!.filter((n) => n.opType === 'MatMulNBits');
    assert.equal(nbits.length, weights.length, `int4 ${part}: one MatMulNBits per weight`);
    for (const n of nbits) {
      assert.equal(n.domain, 'com.microsoft');
      assert.equal(intAttr(n, 'bits'), 4);
      const K = intAttr(n, 'K');
      const N = intAttr(n, 'N');
      const bs = intAttr(n, 'block_size');
      assert.ok(bs === 32 || bs === 128);
      const nb = Math.ceil(K / bs);
      const b = init4.get(n.input![1])!;
      assert.equal(b.dataType, 2, 'packed uint8');
      assert.deepEqual(b.dims!.map(Number), [N, nb, bs / 2]);
      assert.equal(init4.get(n.input![2])!.rawData!.byteLength, N * nb * 4, 'scales');
      assert.equal(init4.get(n.input![3])!.rawData!.byteLength, N * Math.ceil(nb / 2), 'packed zero points');
    }
  }
});

test('int8 and int4 weights dequantize to the same fp32 weights within their rounding error', () => {
  const fp32 = initializers(load('fp32', 'decoder'));
  const int8 = initializers(load('int8', 'decoder'));
  const int4 = initializers(load('int4', 'decoder'));
  for (const name of ['lm_head', 'decoder.layers.0.fc2', 'decoder.layers.0.encoder_attn.q_proj']) {
    const w = fp32.get(`${name}.weight`)!;
    const [K, N] = w.dims!.map(Number);
    const ref = floats(w);
    const codes = int8.get(`${name}.weight_quantized`)!.rawData!;
    const scales = floats(int8.get(`${name}.weight_scale`)!);
    let worst8 = 0;
    for (let k = 0; k < K; k++) {
      for (let n = 0; n < N; n++) {
        const q = (codes[k * N + n] << 24) >> 24;
        worst8 = Math.max(worst8, Math.abs(q * scales[n] - ref[k * N + n]) / scales[n]);
      }
    }
    assert.ok(worst8 <= 0.5 + 1e-3, `${name}: int8 error ${worst8} steps`);
    const packed = int4.get(`${name}.weight_Q4`)!;
    const [, nb, blob] = packed.dims!.map(Number);
    const s4 = floats(int4.get(`${name}.weight_scales`)!);
    const zp = int4.get(`${name}.weight_zero_points`)!.rawData!;
    let worst4 = 0;
    let changed = 0;
    for (let n = 0; n < N; n++) {
      for (let k = 0; k < K; k++) {
        const b = Math.floor((k / blob) / 2);
        const j = k % (blob * 2);
        const byte = packed.rawData![(n * nb + b) * blob + (j >> 1)];
        const code = j & 1 ? byte >> 4 : byte & 15;
        const zbyte = zp[n * Math.ceil(nb / 2) + (b >> 1)];
        const z = b & 1 ? zbyte >> 4 : zbyte & 15;
        const scale = s4[n * nb + b];
        const err = Math.abs((code - z) * scale - ref[k * N + n]);
        worst4 = Math.max(worst4, err / scale);
        if (err > 1e-6) changed++;
      }
    }
    assert.ok(worst4 <= 0.5 + 1e-3, `${name}: int4 error ${worst4} steps`);
    assert.ok(changed > (K * N) / 2, `${name}: int4 rounding changes most weights (noise keeps scales inexact)`);
  }
});

test('embedding and position tables stay fp32 and identical in every precision', () => {
  for (const part of ['encoder', 'decoder'] as const) {
    const ref = initializers(load('fp32', part));
    for (const p of ['int8', 'int4'] as const) {
      const init = initializers(load(p, part));
      for (const t of [`${part}.embed_tokens.weight`, `${part}.embed_positions.weight`]) {
        assert.equal(init.get(t)!.dataType, 1);
        assert.deepEqual(init.get(t)!.rawData, ref.get(t)!.rawData, `${p} ${t}`);
      }
    }
  }
});
