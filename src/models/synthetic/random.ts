/**
 * Deterministic weights: one mulberry32 stream per tensor name (so adding a
 * tensor never shifts another's numbers), uniform values with the requested
 * standard deviation. One PRNG call per value keeps 418M parameters at a few
 * seconds; only integer and IEEE-exact float operations are used.
 */
import { stream } from '../toy/prng.js';

export function seededState(seed: number, name: string): number {
  // The toy's stream() hashes (seed, name) into a mulberry32 state; take its first output as our state.
  return Math.floor(stream(seed, name).next() * 4294967296) >>> 0;
}

/** Fills `out` with uniform values of standard deviation `std` (range ±std·√3), plus `mean`. */
export function fillUniform(out: Float32Array, seed: number, name: string, std: number, mean = 0): Float32Array {
  let state = seededState(seed, name);
  const half = std * Math.sqrt(3);
  const scale = (2 * half) / 4294967296;
  for (let i = 0; i < out.length; i++) {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = mean - half + ((t ^ (t >>> 14)) >>> 0) * scale;
  }
  return out;
}
