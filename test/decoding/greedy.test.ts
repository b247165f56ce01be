import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DecoderRun, EncodedSource, LoadedModel } from '../../src/engines/engine.js';
import { argmax, greedyDecode } from '../../src/decoding/greedy.js';

/** A model whose next token is scripted by the prefix, to check the loop's rules exactly. */
function scriptedModel(script: (prefix: number[]) => number, vocab = 10): LoadedModel & { inputs: number[][] } {
  const inputs: number[][] = [];
  return {
    inputs,
    decodingMode: { kvCache: false },
    async encode(ids: readonly number[]): Promise<EncodedSource> {
      return { sourceLength: ids.length };
    },
    startDecoder(): DecoderRun {
      const prefix: number[] = [];
      return {
        async step(token: number) {
          prefix.push(token);
          inputs.push([...prefix]);
          const logits = new Float32Array(vocab).fill(-1);
          logits[script(prefix)] = 5;
          return logits;
        },
        dispose() {},
      };
    },
    async dispose() {},
  };
}

const settings = { decoderStartTokenId: 2, eosTokenId: 2, forcedBosTokenId: 9, maxLength: 8 };

test('greedy: starts from </s>, forces the language token, stops at eos', async () => {
  // The model "wants" 7 first (ignored: forced to 9), then 5, 6, then eos.
  const model = scriptedModel((p) => [7, 5, 6, 2][p.length - 1] ?? 2);
  const out = await greedyDecode(model, [8, 4, 2], settings);
  assert.deepEqual(out.tokenIds, [9, 5, 6, 2]);
  assert.equal(out.stoppedBy, 'eos');
  assert.deepEqual(model.inputs, [[2], [2, 9], [2, 9, 5], [2, 9, 5, 6]]);
  assert.equal(out.stepMs.length, 4);
  assert.equal(out.nonFiniteLogits, false);
});

test('greedy: max_length counts the start token (Hugging Face semantics)', async () => {
  const model = scriptedModel(() => 4);
  const out = await greedyDecode(model, [1], { ...settings, maxLength: 5 });
  assert.deepEqual(out.tokenIds, [9, 4, 4, 4]);
  assert.equal(out.stoppedBy, 'max_length');
});

test('argmax takes the first maximum and flags non-finite logits', () => {
  assert.deepEqual(argmax(Float32Array.from([1, 3, 3, 0])), { index: 1, finite: true });
  assert.equal(argmax(Float32Array.from([1, NaN, 0])).finite, false);
  assert.equal(argmax(Float32Array.from([1, Infinity, 0])).index, 1);
});
