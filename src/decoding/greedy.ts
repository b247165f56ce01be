/**
 * Greedy decoding owned by the harness, so every engine and device is
 * compared under exactly the same loop. Batch size 1. Per-step timings are
 * model-run times; the difference to wall time is the loop's own overhead.
 */
import { performance } from 'node:perf_hooks';
import type { LoadedModel } from '../engines/engine.js';

export interface GreedySettings {
  decoderStartTokenId: number;
  eosTokenId: number;
  /** Token forced at the first position (the target-language token). */
  forcedBosTokenId: number;
  /** Hugging Face semantics: the decoder sequence incl. the start token never exceeds this. */
  maxLength: number;
}

export interface GreedyResult {
  /** Generated ids: forced language token, the words, and eos when reached. */
  tokenIds: number[];
  stoppedBy: 'eos' | 'max_length';
  encodeMs: number;
  stepMs: number[];
  wallMs: number;
  /** A step whose logits held NaN or Inf (the argmax is then meaningless). */
  nonFiniteLogits: boolean;
}

/** Index of the largest value; the first one on ties, like torch.argmax. */
export function argmax(values: Float32Array): { index: number; finite: boolean } {
  let best = 0;
  let bestValue = -Infinity;
  let finite = true;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) finite = false;
    if (v > bestValue) {
      bestValue = v;
      best = i;
    }
  }
  return { index: best, finite };
}

export async function greedyDecode(model: LoadedModel, sourceIds: readonly number[], s: GreedySettings): Promise<GreedyResult> {
  const start = performance.now();
  const source = await model.encode(sourceIds);
  const encodeMs = performance.now() - start;
  const run = model.startDecoder(source);
  const tokenIds: number[] = [];
  const stepMs: number[] = [];
  let nonFiniteLogits = false;
  let stoppedBy: GreedyResult['stoppedBy'] = 'max_length';
  let next = s.decoderStartTokenId;
  try {
    while (tokenIds.length + 1 < s.maxLength) {
      const t = performance.now();
      const logits = await run.step(next);
      stepMs.push(performance.now() - t);
      let chosen: number;
      if (tokenIds.length === 0) {
        chosen = s.forcedBosTokenId;
      } else {
        const best = argmax(logits);
        if (!best.finite) nonFiniteLogits = true;
        chosen = best.index;
      }
      tokenIds.push(chosen);
      if (chosen === s.eosTokenId) {
        stoppedBy = 'eos';
        break;
      }
      next = chosen;
    }
  } finally {
    run.dispose();
  }
  return { tokenIds, stoppedBy, encodeMs, stepMs, wallMs: performance.now() - start, nonFiniteLogits };
}
