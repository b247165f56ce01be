/**
 * Warm per-sentence latency under a run contract (run-contract.ts): distinct
 * sentences round-robin after warm-up, until both min_duration_ms and
 * min_samples are met, else the cell is INVALID with the reason.
 *
 * Besides sentence latency it reports encoder forward and decoder step times
 * (model-run times from the decode loop), per source-length bucket stats,
 * tokens/s, and the harness overhead: decode-loop wall time over summed
 * model-run time (1.00 = the loop costs nothing beyond the model).
 *
 * A variant other than the reference is sampled interleaved with the
 * reference (A B A B …, the same sentence in each round) in this process, so
 * machine drift cancels; the delta is the ratio of medians with a seeded,
 * paired bootstrap CI and a Mann-Whitney U p-value.
 */
import { loadOptions } from '../engines/load-variant.js';
import { Translator, type Translation } from '../decoding/translator.js';
import type { PlannedVariant } from '../plan/plan.js';
import type { LatencySettings } from '../suite/types.js';
import { bootstrapMedianRatio, mannWhitneyU } from './ab-stats.js';
import type { CellResult, MetricDef, PairContext, PairMeasure } from './measure.js';
import { runUnderContract, type RunContract, type TimedSample } from './run-contract.js';
import { summarize, type Summary } from './stats.js';

export const DEFAULT_LENGTH_BUCKETS = [8, 16, 32];

const ms = (name: string, description: string, better: 'lower' | 'higher' = 'lower'): MetricDef => ({ name: `latency.${name}`, unit: 'ms', better, description });

export const LATENCY_METRICS: MetricDef[] = [
  ms('mean_ms', 'mean warm latency per sentence'),
  ms('p50_ms', 'median warm latency per sentence'),
  ms('p90_ms', '90th percentile warm latency per sentence'),
  ms('p95_ms', '95th percentile warm latency per sentence'),
  ms('p99_ms', '99th percentile warm latency per sentence'),
  ms('stdev_ms', 'standard deviation of warm latency per sentence'),
  { name: 'latency.cv', unit: 'ratio', better: 'lower', description: 'coefficient of variation (stdev / mean) of warm latency' },
  { name: 'latency.tokens_per_s', unit: 'tokens/s', better: 'higher', description: 'generated tokens per second over the measured samples' },
  ms('encoder_p50_ms', 'median encoder forward time per sentence'),
  ms('encoder_mean_ms', 'mean encoder forward time per sentence'),
  ms('decoder_step_p50_ms', 'median decoder step time'),
  ms('decoder_step_p95_ms', '95th percentile decoder step time'),
  ms('decoder_step_mean_ms', 'mean decoder step time'),
  { name: 'latency.harness_overhead_ratio', unit: 'ratio', better: 'lower', description: 'decode-loop wall time / summed model-run time (encoder + decoder steps)' },
  { name: 'latency.median_ratio_vs_reference', unit: 'ratio', better: 'lower', description: 'median latency / the reference variant’s, sampled interleaved' },
  { name: 'latency.median_ratio_ci_low', unit: 'ratio', better: 'lower', description: 'lower bound of the bootstrap CI of the median ratio' },
  { name: 'latency.median_ratio_ci_high', unit: 'ratio', better: 'lower', description: 'upper bound of the bootstrap CI of the median ratio' },
  { name: 'latency.mann_whitney_p', unit: 'p', better: 'higher', description: 'two-sided Mann-Whitney U p-value, variant vs reference latency' },
];

export interface ResolvedLatencySettings {
  sentences: number;
  contract: RunContract;
  lengthBuckets: number[];
  interleave: boolean;
  bootstrap: { resamples: number; seed: number; level: number };
}

export function latencySettings(s: LatencySettings): ResolvedLatencySettings {
  const minDurationMs = s.min_duration_ms ?? s.min_time_ms ?? 1000;
  return {
    sentences: s.sentences ?? 16,
    contract: {
      minDurationMs,
      minSamples: s.min_samples ?? 32,
      maxDurationMs: s.max_duration_ms ?? Math.max(120_000, 10 * minDurationMs),
      warmupRounds: s.warmup_samples ?? 4,
    },
    lengthBuckets: [...(s.length_buckets ?? DEFAULT_LENGTH_BUCKETS)].sort((a, b) => a - b),
    interleave: s.interleave ?? true,
    bootstrap: { resamples: s.bootstrap_resamples ?? 1000, seed: s.bootstrap_seed ?? 12345, level: s.confidence_level ?? 0.95 },
  };
}

/** The first `n` distinct lines: repeated inputs would flatter any cache. */
export function distinctSentences(lines: readonly string[], n: number): string[] {
  return [...new Set(lines)].slice(0, n);
}

export function bucketLabel(tokens: number, bounds: readonly number[]): string {
  let lo = 1;
  for (const hi of bounds) {
    if (tokens <= hi) return `${lo}-${hi}`;
    lo = hi + 1;
  }
  return `${lo}+`;
}

export interface LatencyStats {
  summary: Summary;
  tokensPerS: number;
  encoder: Summary;
  decoderStep: Summary;
  harnessOverheadRatio: number;
  /** Whole translate() (tokenize + decode loop + detokenize) over model-run time. */
  endToEndOverheadRatio: number;
  buckets: { bucket: string; sentences: number; n: number; mean: number; p50: number; p95: number }[];
}

/** `sentenceCount`: inputs round-robin, so round mod sentenceCount says which sentence a sample translated. */
export function latencyStats(samples: readonly TimedSample<Translation>[], bounds: readonly number[], sentenceCount: number): LatencyStats {
  const times = samples.map((s) => s.ms);
  const sumMs = times.reduce((a, b) => a + b, 0);
  const tokens = samples.reduce((a, s) => a + s.value.tokenIds.length, 0);
  let loopWall = 0;
  let modelRun = 0;
  for (const { value } of samples) {
    loopWall += value.wallMs;
    modelRun += value.encodeMs + value.stepMs.reduce((a, b) => a + b, 0);
  }
  const byBucket = new Map<string, { times: number[]; sentences: Set<number> }>();
  for (const s of samples) {
    const label = bucketLabel(s.value.sourceTokens, bounds);
    const b = byBucket.get(label) ?? { times: [], sentences: new Set<number>() };
    b.times.push(s.ms);
    b.sentences.add(s.round % sentenceCount);
    byBucket.set(label, b);
  }
  const order = [...bounds.map((_, i) => bucketLabel(i === 0 ? 1 : bounds[i - 1] + 1, bounds)), bucketLabel(Infinity, bounds)];
  return {
    summary: summarize(times),
    tokensPerS: (tokens / sumMs) * 1000,
    encoder: summarize(samples.map((s) => s.value.encodeMs)),
    decoderStep: summarize(samples.flatMap((s) => s.value.stepMs)),
    harnessOverheadRatio: loopWall / modelRun,
    endToEndOverheadRatio: sumMs / modelRun,
    buckets: order
      .filter((label) => byBucket.has(label))
      .map((label) => {
        const b = byBucket.get(label)!;
        const st = summarize(b.times);
        return { bucket: label, sentences: b.sentences.size, n: st.n, mean: st.mean, p50: st.p50, p95: st.p95 };
      }),
  };
}

function values(st: LatencyStats): Record<string, number> {
  return {
    'latency.mean_ms': st.summary.mean,
    'latency.p50_ms': st.summary.p50,
    'latency.p90_ms': st.summary.p90,
    'latency.p95_ms': st.summary.p95,
    'latency.p99_ms': st.summary.p99,
    'latency.stdev_ms': st.summary.stdev,
    'latency.cv': st.summary.cv,
    'latency.tokens_per_s': st.tokensPerS,
    'latency.encoder_p50_ms': st.encoder.p50,
    'latency.encoder_mean_ms': st.encoder.mean,
    'latency.decoder_step_p50_ms': st.decoderStep.p50,
    'latency.decoder_step_p95_ms': st.decoderStep.p95,
    'latency.decoder_step_mean_ms': st.decoderStep.mean,
    'latency.harness_overhead_ratio': st.harnessOverheadRatio,
  };
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

async function loadReference(ref: PlannedVariant): Promise<Translator> {
  const { model } = await ref.engine.load(ref.files, loadOptions(ref.variant, undefined));
  return new Translator(model, ref.formatter, ref.variant.decoding.max_length);
}

export const latencyMeasure: PairMeasure = {
  name: 'latency',
  metrics: LATENCY_METRICS,
  enabled: (suite) => suite.measures.latency !== undefined,

  async run({ plan, variant, data, translator, progress }: PairContext): Promise<CellResult> {
    const s = latencySettings(plan.suite.measures.latency!);
    const sentences = distinctSentences(data.sources, s.sentences);
    const { srcLang, tgtLang } = data.dataset;
    const reference = s.interleave && !variant.isReference ? plan.variants.find((v) => v.isReference) : undefined;
    const refTranslator = reference ? await loadReference(reference) : undefined;
    try {
      // Warm-up rounds get negative numbers; map every round onto a sentence.
      const pick = (round: number) => sentences[((round % sentences.length) + sentences.length) % sentences.length];
      const own = (round: number) => translator.translate(pick(round), srcLang, tgtLang);
      const tasks = refTranslator ? [(round: number) => refTranslator.translate(pick(round), srcLang, tgtLang), own] : [own];
      const outcome = await runUnderContract(tasks, s.contract, {
        onRound: (n) => {
          if (n % 16 === 0) progress(`latency ${n} samples${refTranslator ? ' (interleaved with the reference)' : ''}`);
        },
      });
      const mine = outcome.samples[tasks.length - 1];
      const st = latencyStats(mine, s.lengthBuckets, sentences.length);
      const result: CellResult = {
        values: values(st),
        details: {
          ...st.summary,
          sentences: sentences.length,
          decodingMode: translator.model.decodingMode,
          warmupSamples: outcome.warmupRounds,
          durationMs: outcome.durationMs,
          contract: s.contract,
          valid: outcome.valid,
          buckets: st.buckets,
          encoder: st.encoder,
          decoderStep: st.decoderStep,
          endToEndOverheadRatio: st.endToEndOverheadRatio,
          samples: mine.map((x) => round3(x.ms)),
        },
      };
      if (!outcome.valid) result.invalid = outcome.invalidReason;
      if (refTranslator && reference) {
        const refTimes = outcome.samples[0].map((x) => x.ms);
        const ownTimes = mine.map((x) => x.ms);
        const ratio = bootstrapMedianRatio(refTimes, ownTimes, { ...s.bootstrap, paired: true });
        const mw = mannWhitneyU(ownTimes, refTimes);
        Object.assign(result.values, {
          'latency.median_ratio_vs_reference': ratio.ratio,
          'latency.median_ratio_ci_low': ratio.ciLow,
          'latency.median_ratio_ci_high': ratio.ciHigh,
          'latency.mann_whitney_p': mw.p,
        });
        const refStats = latencyStats(outcome.samples[0], s.lengthBuckets, sentences.length);
        result.details!.interleaved = {
          reference: reference.variant.id,
          order: 'A B A B …: reference then this variant, the same sentence in each round',
          rounds: outcome.rounds,
          referenceSummary: refStats.summary,
          referenceSamples: refTimes.map(round3),
          medianRatio: ratio,
          mannWhitney: { u: mw.u1, z: mw.z, p: mw.p, method: 'normal approximation, tie and continuity corrected (two-sided)' },
        };
        // The same CI as a delta of the median (ms), the form `significance:` gates read (src/gates/significance.ts).
        const refMedian = refStats.summary.p50;
        result.details!.deltaCi = {
          'latency.p50_ms': { low: refMedian * (ratio.ciLow - 1), high: refMedian * (ratio.ciHigh - 1), level: s.bootstrap.level, vs: reference.variant.id },
        };
      }
      return result;
    } finally {
      await refTranslator?.model.dispose();
    }
  },
};
