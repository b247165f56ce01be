/**
 * Report sections for the performance measures (docs/measures.md): INVALID
 * results, warm latency in depth (run contract, encoder / decoder step,
 * harness overhead), head-to-head with the reference, latency by source
 * length, cold start by cache state, memory scenarios, queueing. Every
 * number carries its unit in the column header and its sample count.
 */
import type { Cell, RunRecord } from '../results/record.js';
import { escapeMarkdown as esc, markdownTable, num } from './format.js';

type PhaseStats = { median: number; min: number; max: number };
type StateRecord = {
  state: string;
  samples: { cache: string }[];
  failures: { sample: number | string; error: string }[];
  flags: string[];
  phases?: Record<string, PhaseStats>;
  cacheObserved: Record<string, number>;
  primed?: string;
};

const cellsOf = (r: RunRecord, measure: string) => r.cells.filter((c) => c.measure === measure && !c.error);
const where = (c: Cell) => `${c.variant}${c.pair ? ` · ${c.pair}` : ''}`;

function invalidSection(r: RunRecord): string[] {
  const bad = r.cells.filter((c) => c.invalid);
  if (!bad.length) return [];
  return [
    '## INVALID results',
    '',
    'Measured, but their run contract was not met: the values are kept in the tables (marked INVALID) and every gate on them fails.',
    '',
    ...bad.map((c) => `- ${esc(where(c))} · ${c.measure}: ${esc(c.invalid ?? '')}`),
  ];
}

function latencyDetailSection(r: RunRecord): string[] {
  const cells = cellsOf(r, 'latency');
  if (!cells.length) return [];
  const rows = cells.map((c) => {
    const v = c.values;
    const d = c.details ?? {};
    const contract = d.contract as { minDurationMs: number; minSamples: number } | undefined;
    return [
      c.variant,
      c.pair ?? '',
      c.invalid ? '**INVALID**' : 'valid',
      String(d.n ?? ''),
      num((d.durationMs as number | undefined) ?? NaN, 0),
      contract ? `≥ ${contract.minSamples} and ≥ ${contract.minDurationMs} ms` : '',
      num(v['latency.p90_ms']),
      num(v['latency.stdev_ms']),
      num(v['latency.cv'], 3),
      num(v['latency.encoder_p50_ms']),
      num(v['latency.decoder_step_p50_ms']),
      num(v['latency.decoder_step_p95_ms']),
      num(v['latency.harness_overhead_ratio'], 3),
    ];
  });
  return [
    '## Warm latency: run contract, encoder and decoder step, harness overhead',
    '',
    'Samples are sentence translations after warm-up; the run stops only when both minimums are met (else INVALID). Harness overhead = decode-loop wall time / summed model-run time (encoder + decoder steps).',
    '',
    markdownTable(
      ['variant', 'pair', 'contract', 'samples', 'measured ms', 'required', 'p90 ms', 'stdev ms', 'CV', 'encoder p50 ms', 'decoder step p50 ms', 'decoder step p95 ms', 'overhead ×'],
      rows,
    ),
  ];
}

function headToHeadSection(r: RunRecord): string[] {
  const cells = cellsOf(r, 'latency').filter((c) => 'latency.median_ratio_vs_reference' in c.values);
  if (!cells.length) return [];
  const rows = cells.map((c) => {
    const v = c.values;
    const inter = c.details?.interleaved as { rounds: number; referenceSummary: { p50: number }; medianRatio: { level: number; resamples: number } } | undefined;
    return [
      c.variant,
      c.pair ?? '',
      num(inter?.referenceSummary.p50),
      num(v['latency.p50_ms']),
      num(v['latency.median_ratio_vs_reference'], 3),
      `${num(v['latency.median_ratio_ci_low'], 3)} – ${num(v['latency.median_ratio_ci_high'], 3)}`,
      (v['latency.mann_whitney_p'] ?? NaN).toPrecision(3),
      String(inter?.rounds ?? ''),
      c.invalid ? '**INVALID**' : 'valid',
    ];
  });
  const level = (cells[0].details?.interleaved as { medianRatio?: { level: number; resamples: number } } | undefined)?.medianRatio;
  return [
    `## Warm latency: head-to-head with ${esc(r.suite.reference)}`,
    '',
    `Each variant was sampled interleaved with the reference (A B A B …, the same sentence in each round) so machine drift cancels. Ratio = median / reference median (< 1 is faster); CI: ${level ? `${num(level.level * 100, 0)} % paired bootstrap, ${level.resamples} resamples` : 'paired bootstrap'}; p: two-sided Mann-Whitney U.`,
    '',
    markdownTable([`variant`, 'pair', 'reference p50 ms', 'p50 ms', 'ratio', 'ratio CI', 'p (Mann-Whitney)', 'rounds', 'contract'], rows),
  ];
}

function bucketSection(r: RunRecord): string[] {
  const cells = cellsOf(r, 'latency');
  const rows: string[][] = [];
  for (const c of cells) {
    const buckets = (c.details?.buckets as { bucket: string; sentences: number; n: number; mean: number; p50: number; p95: number }[] | undefined) ?? [];
    for (const b of buckets) rows.push([c.variant, c.pair ?? '', b.bucket, String(b.sentences), String(b.n), num(b.p50), num(b.p95), num(b.mean)]);
  }
  if (!rows.length) return [];
  return ['## Warm latency by source length', '', 'Source length in tokens (with language and end tokens); distinct sentences and samples per bucket.', '', markdownTable(['variant', 'pair', 'source tokens', 'sentences', 'samples', 'p50 ms', 'p95 ms', 'mean ms'], rows)];
}

function coldStartStatesSection(r: RunRecord): string[] {
  const rows: string[][] = [];
  const flags: string[] = [];
  for (const c of cellsOf(r, 'cold_start')) {
    const states = (c.details?.states as StateRecord[] | undefined) ?? [];
    for (const s of states) {
      const p = s.phases;
      const cell = (k: string) => (p?.[k] ? `${num(p[k].median, 1)} (${num(p[k].min, 1)}–${num(p[k].max, 1)})` : '–');
      const observed = Object.entries(s.cacheObserved).map(([k, n]) => `${k} ×${n}`).join(', ');
      rows.push([c.variant, s.state, String(s.samples.length), String(s.failures.length), cell('total_ms'), cell('read_ms'), cell('compile_ms'), cell('first_inference_ms'), observed || '–']);
      for (const f of s.flags) flags.push(`- ${esc(c.variant)} · ${s.state}: ${esc(f)}`);
      for (const f of s.failures) flags.push(`- ${esc(c.variant)} · ${s.state} sample ${f.sample} failed: ${esc(f.error)}`);
    }
  }
  if (!rows.length) return [];
  return [
    '## Cold start by compile-cache state',
    '',
    'Fresh process per sample. none: no cache; cache_cold: an empty cache the engine writes; cache_warm: a primed cache it loads. Median (min–max) in ms; "engine reported" is what the engine said its cache did, per sample.',
    '',
    markdownTable(['variant', 'state', 'samples', 'failed', 'process total ms', 'read ms', 'compile ms', 'first inference ms', 'engine reported'], rows),
    ...(flags.length ? ['', '**Cache flags**', '', ...flags] : []),
  ];
}

function memorySection(r: RunRecord): string[] {
  const cells = cellsOf(r, 'memory');
  if (!cells.length) return [];
  const rows = cells.map((c) => {
    const v = c.values;
    const ref = c.details?.reference as string | undefined;
    return [
      c.variant,
      num(v['memory.single.after_load_rss_mib'], 0),
      num(v['memory.single.peak_rss_mib'], 0),
      ref ? esc(ref) : '–',
      num(v['memory.coexist.after_loads_rss_mib'], 0),
      num(v['memory.coexist.peak_rss_mib'], 0),
      num(v['memory.swap.peak_rss_mib'], 0),
      num(v['memory.coexist_extra_mib'], 0),
    ];
  });
  return [
    '## Memory: alone, warm-coexist, cold-swap',
    '',
    'RSS in MiB, one fresh process per scenario (1 sample each). Warm-coexist: the reference and this variant loaded side by side; cold-swap: the reference loaded, used and disposed, then this variant. Extra = coexist peak − swap peak.',
    '',
    markdownTable(['variant', 'after load MiB', 'peak MiB', 'with', 'coexist after loads MiB', 'coexist peak MiB', 'swap peak MiB', 'coexist extra MiB'], rows),
  ];
}

function queueingSection(r: RunRecord): string[] {
  const rows: string[][] = [];
  for (const c of cellsOf(r, 'queueing')) {
    const levels = (c.details?.levels as { clients: number; requests: number; wait: { p50: number; p95: number }; inference: { p50: number }; endToEnd: { p50: number; p95: number }; throughputPerS: number; utilization?: number }[] | undefined) ?? [];
    for (const l of levels) {
      rows.push([c.variant, c.pair ?? '', String(l.clients), String(l.requests), num(l.wait.p50), num(l.wait.p95), num(l.inference.p50), num(l.endToEnd.p50), num(l.endToEnd.p95), num(l.throughputPerS, 1), num((l.utilization ?? NaN) * 100, 0)]);
    }
  }
  if (!rows.length) return [];
  return [
    '## Queueing on a sequential device',
    '',
    'N closed-loop clients share one loaded variant that runs one request at a time (FIFO). Wait = submit → start (the p95 is the SLO to watch), inference = start → end, end-to-end = submit → end.',
    '',
    markdownTable(['variant', 'pair', 'clients', 'requests', 'wait p50 ms', 'wait p95 ms', 'inference p50 ms', 'e2e p50 ms', 'e2e p95 ms', 'throughput req/s', 'device busy %'], rows),
  ];
}

export function measureSections(r: RunRecord): string[] {
  const sections = [invalidSection, latencyDetailSection, headToHeadSection, bucketSection, coldStartStatesSection, memorySection, queueingSection];
  return sections.flatMap((s) => {
    const lines = s(r);
    return lines.length ? ['', ...lines] : [];
  });
}
