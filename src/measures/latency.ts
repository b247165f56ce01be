/**
 * Warm per-sentence latency: tinybench runs greedy translations of the
 * dataset's first sentences round-robin, after warm-up, until both the
 * minimum time and the minimum sample count are met.
 */
import { Bench } from 'tinybench';
import type { CellResult, PairContext, PairMeasure } from './measure.js';
import { summarize } from './stats.js';

export const latencyMeasure: PairMeasure = {
  name: 'latency',
  metrics: [
    { name: 'latency.mean_ms', unit: 'ms', better: 'lower', description: 'mean warm latency per sentence' },
    { name: 'latency.p50_ms', unit: 'ms', better: 'lower', description: 'median warm latency per sentence' },
    { name: 'latency.p95_ms', unit: 'ms', better: 'lower', description: '95th percentile warm latency per sentence' },
    { name: 'latency.p99_ms', unit: 'ms', better: 'lower', description: '99th percentile warm latency per sentence' },
    { name: 'latency.tokens_per_s', unit: 'tokens/s', better: 'higher', description: 'generated tokens per second over the measured samples' },
  ],
  enabled: (suite) => suite.measures.latency !== undefined,

  async run({ plan, data, translator, progress }: PairContext): Promise<CellResult> {
    const s = plan.suite.measures.latency!;
    const sentences = data.sources.slice(0, s.sentences);
    const { srcLang, tgtLang } = data.dataset;
    // Tokens of every call in order; tinybench's samples are the last calls (after warm-up).
    const tokens: number[] = [];
    let next = 0;
    const bench = new Bench({
      time: s.min_time_ms,
      iterations: s.min_samples,
      warmup: s.warmup_samples > 0,
      warmupIterations: s.warmup_samples,
      warmupTime: 0,
      retainSamples: true,
      throws: true,
    });
    bench.add('translate', async () => {
      const out = await translator.translate(sentences[next++ % sentences.length], srcLang, tgtLang);
      tokens.push(out.tokenIds.length);
      if (tokens.length % 16 === 0) progress(`latency ${tokens.length} samples`);
    });
    await bench.run();
    const result = bench.tasks[0].result;
    if (result.state !== 'completed') throw new Error(`latency benchmark ${result.state}${'error' in result ? `: ${result.error.message}` : ''}`);
    const samples = [...(result.latency.samples ?? [])];
    const measuredTokens = tokens.slice(tokens.length - samples.length);
    const stats = summarize(samples);
    const totalMs = samples.reduce((a, b) => a + b, 0);
    const totalTokens = measuredTokens.reduce((a, b) => a + b, 0);
    return {
      values: {
        'latency.mean_ms': stats.mean,
        'latency.p50_ms': stats.p50,
        'latency.p95_ms': stats.p95,
        'latency.p99_ms': stats.p99,
        'latency.tokens_per_s': (totalTokens / totalMs) * 1000,
      },
      details: { ...stats, sentences: sentences.length, warmupSamples: s.warmup_samples, samples },
    };
  },
};
