/**
 * A sampling loop under a run contract, as MLPerf LoadGen has it: warm-up
 * first (excluded), then measure until BOTH the minimum duration and the
 * minimum sample count are met. A hard cap (max duration) stops a run that
 * cannot meet them; its result is INVALID, with the reason, and gates on it
 * fail closed.
 *
 * Several tasks are sampled interleaved, one round at a time (A B A B …), in
 * this one process, so slow drift of the machine (thermal state, other jobs,
 * frequency scaling) lands on every task alike and cancels in their ratio.
 * tinybench runs its tasks one after another, so interleaving happens
 * inside one tinybench task; its abort signal is the cap.
 */
import { performance } from 'node:perf_hooks';
import { Bench } from 'tinybench';

export interface RunContract {
  /** Measured wall time the run must at least last, ms. */
  minDurationMs: number;
  /** Samples each task must at least have. */
  minSamples: number;
  /** Hard cap on the measured phase, ms; reaching it before the minimums makes the run INVALID. */
  maxDurationMs: number;
  /** Rounds run before measuring; never counted. */
  warmupRounds: number;
}

export interface Clock {
  now(): number;
}

export interface TimedSample<T> {
  /** Wall time of the call as the clock saw it, ms. */
  ms: number;
  /** Round number (0-based, warm-up excluded); the input index the task was given. */
  round: number;
  value: T;
}

export interface ContractOutcome<T> {
  /** samples[t]: task t's samples in the order taken. */
  samples: TimedSample<T>[][];
  /** Task indices in the order they ran, warm-up excluded (for the record and the tests). */
  order: number[];
  rounds: number;
  warmupRounds: number;
  /** Wall time of the measured phase, ms. */
  durationMs: number;
  valid: boolean;
  /** Why the run is INVALID; absent when valid. */
  invalidReason?: string;
}

/**
 * Runs `tasks` round by round; task t is called with the round number (the
 * caller maps it to an input, e.g. round mod sentences), warm-up rounds with
 * negative numbers -warmupRounds..-1.
 *
 * tinybench drives the loop (warm-up iterations, then iterations until both
 * its `time` and `iterations` minimums are met); one tinybench iteration is
 * one round, and each task's own time is taken inside it, so tasks interleave.
 * The cap is an abort: tinybench stops at once and what was measured is kept.
 */
export async function runUnderContract<T>(
  tasks: readonly ((round: number) => Promise<T>)[],
  contract: RunContract,
  opts: { clock?: Clock; onRound?: (rounds: number) => void } = {},
): Promise<ContractOutcome<T>> {
  const clock = opts.clock ?? performance;
  const samples: TimedSample<T>[][] = tasks.map(() => []);
  const order: number[] = [];
  const cap = new AbortController();
  let warmupLeft = contract.warmupRounds;
  let start: number | undefined;
  let rounds = 0;
  const round = async (): Promise<void> => {
    if (warmupLeft > 0) {
      const r = -warmupLeft--;
      for (const task of tasks) await task(r);
      return;
    }
    start ??= clock.now();
    if (clock.now() - start >= contract.maxDurationMs) {
      cap.abort();
      return;
    }
    for (const [t, task] of tasks.entries()) {
      const t0 = clock.now();
      const value = await task(rounds);
      samples[t].push({ ms: clock.now() - t0, round: rounds, value });
      order.push(t);
    }
    rounds++;
    opts.onRound?.(rounds);
  };
  const bench = new Bench({
    time: contract.minDurationMs,
    iterations: contract.minSamples,
    warmup: contract.warmupRounds > 0,
    warmupIterations: contract.warmupRounds,
    warmupTime: 0,
    signal: cap.signal,
    now: () => clock.now(),
    throws: true,
  });
  bench.add('round', round);
  await bench.run();
  const elapsed = start === undefined ? 0 : clock.now() - start;
  const short: string[] = [];
  if (rounds < contract.minSamples) short.push(`${rounds} of min_samples ${contract.minSamples} samples`);
  if (elapsed < contract.minDurationMs) short.push(`${elapsed.toFixed(0)} of min_duration_ms ${contract.minDurationMs} ms`);
  const outcome: ContractOutcome<T> = { samples, order, rounds, warmupRounds: contract.warmupRounds, durationMs: elapsed, valid: short.length === 0 };
  if (short.length) outcome.invalidReason = `run contract not met: stopped at max_duration_ms ${contract.maxDurationMs} with ${short.join(' and ')}`;
  return outcome;
}
