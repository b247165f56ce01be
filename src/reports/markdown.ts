/** The Markdown report: verdicts first, then one table per measure, then the worst divergent examples. */
import type { DivergentExample } from '../measures/agreement.js';
import type { RunRecord } from '../results/record.js';
import { notesSection } from './notes.js';
import { devicesSection } from './devices-section.js';
import { cellFor, escapeMarkdown as esc, markdownTable, num, pairsOf, signed, verdictWord } from './format.js';
import { measureSections } from './measures-sections.js';
import { preflightMarkdown } from './preflight.js';
import { renderSignoffMarkdown } from './signoff.js';

const VERDICT_CELL: Record<string, string> = { pass: '✅ pass', fail: '❌ **fail**', warn: '⚠️ warn', waived: '🟦 waived' };

function gatesSection(r: RunRecord): string[] {
  if (!r.gates.length) return ['## Gates', '', r.outcome.stopped ? 'Not evaluated: the run stopped before measuring.' : 'The suite has no gates.'];
  const rows = r.gates.map((g) => {
    const failing = g.checks.filter((c) => c.status !== 'pass');
    // The first few failing checks carry the evidence; run.json has all of them.
    const shown = failing.slice(0, 3).map((c) => `${c.variant}${c.pair ? ` ${c.pair}` : ''}: ${c.reason}`);
    if (failing.length > 3) shown.push(`and ${failing.length - 3} more`);
    const allSkipped = !g.checks.length && g.skipped?.length;
    if (allSkipped) return [g.id, `\`${g.metric}\``, '⏭️ skipped', esc(g.skipped![0].reason)];
    const evidence = failing.length ? shown.join('; ') : `${g.checks.length} check${g.checks.length === 1 ? '' : 's'} within bounds`;
    return [g.id, `\`${g.metric}\``, VERDICT_CELL[g.status] ?? g.status, esc(evidence)];
  });
  return ['## Gates', '', markdownTable(['gate', 'metric', 'verdict', 'evidence'], rows)];
}

/** Sign-off waivers with their state; an expired one is said to be expired (it no longer waives). */
function waiversSection(r: RunRecord): string[] {
  if (!r.waivers?.length) return [];
  const used = (id: string) => r.gates.flatMap((g) => g.checks).filter((c) => c.waiver?.id === id);
  const rows = r.waivers.map((w) => [
    esc(w.id),
    esc(w.rule),
    esc([w.variants, w.pairs, w.devices].map((p) => p.join(',')).join(' · ')),
    esc(w.owner),
    w.expires,
    w.state === 'expired' ? '**expired** (no longer waives)' : 'active',
    String(used(w.id).filter((c) => c.status === 'waived').length),
    esc(w.reason),
  ]);
  return ['## Waivers', '', markdownTable(['waiver', 'rule', 'scope (variants · pairs · devices)', 'owner', 'expires', 'state', 'checks waived', 'reason'], rows)];
}

function variantsSection(r: RunRecord): string[] {
  const rows = r.variants.map((v) => [
    `${v.id}${v.isReference ? ' (reference)' : ''}`,
    v.precision ?? '',
    esc(v.compression ?? ''),
    `${v.engine} ${v.engineVersion}`,
    v.device,
    v.layout,
    `\`${esc(v.modelDir)}\``,
  ]);
  return ['## Variants', '', markdownTable(['variant', 'precision', 'compression', 'engine', 'device', 'layout', 'model'], rows)];
}

function qualitySection(r: RunRecord): string[] {
  const pairs = pairsOf(r);
  const metrics = [...new Set(r.cells.filter((c) => c.measure === 'quality').flatMap((c) => Object.keys(c.values)))];
  if (!metrics.length) return [];
  const out = ['## Quality', '', `Corpus scores against the dataset references; Δ is against the reference variant (${r.suite.reference}).`];
  for (const metric of metrics) {
    const rows = r.variants.map((v) => [
      v.id,
      ...pairs.map((p) => {
        const value = cellFor(r, v.id, 'quality', p)?.values[metric];
        const ref = cellFor(r, r.suite.reference, 'quality', p)?.values[metric];
        const delta = !v.isReference && value !== undefined && ref !== undefined ? ` (${signed(value - ref)})` : '';
        return `${num(value)}${delta}`;
      }),
    ]);
    const sig = r.cells.find((c) => c.measure === 'quality' && c.details?.[metric])?.details?.[metric] as { signature?: string } | undefined;
    out.push('', `### ${metric.toUpperCase()}`, '', markdownTable(['variant', ...pairs], rows));
    if (sig?.signature) out.push('', `Signature: \`${sig.signature}\``);
  }
  return out;
}

function agreementSection(r: RunRecord): string[] {
  const cells = r.cells.filter((c) => c.measure === 'agreement');
  if (!cells.length) return [];
  const rows = cells.map((c) => [
    c.variant,
    c.pair ?? '',
    c.error ? `error: ${esc(c.error)}` : `${num((c.values['agreement.exact_match'] ?? NaN) * 100, 1)} %`,
    num(c.values['agreement.chrf']),
    num(c.values['agreement.first_divergence'], 1),
  ]);
  return [
    '## Agreement with the reference variant',
    '',
    `Greedy outputs compared with ${r.suite.reference}'s: exact-match rate, chrF against its outputs, mean token position of the first divergence.`,
    '',
    markdownTable(['variant', 'pair', 'exact match', 'agreement chrF', 'first divergence'], rows),
  ];
}

function latencySection(r: RunRecord): string[] {
  const cells = r.cells.filter((c) => c.measure === 'latency' && !c.details?.skipped);
  if (!cells.length) return [];
  const rows = cells.map((c) => {
    if (c.error) return [c.variant, c.pair ?? '', `error: ${esc(c.error)}`, '', '', '', '', ''];
    const v = c.values;
    return [c.variant, c.pair ?? '', num(v['latency.p50_ms']), num(v['latency.p95_ms']), num(v['latency.p99_ms']), num(v['latency.mean_ms']), num(v['latency.tokens_per_s'], 0), `${String(c.details?.n ?? '')}${c.invalid ? ' **INVALID**' : ''}`];
  });
  return ['## Warm latency', '', 'Per sentence, after warm-up (tinybench).', '', markdownTable(['variant', 'pair', 'p50 ms', 'p95 ms', 'p99 ms', 'mean ms', 'tokens/s', 'samples'], rows)];
}

function coldStartSection(r: RunRecord): string[] {
  const cells = r.cells.filter((c) => c.measure === 'cold_start' && !c.details?.skipped);
  if (!cells.length) return [];
  const rows = cells.map((c) => {
    if (c.error) return [c.variant, `error: ${esc(c.error)}`, '', '', '', ''];
    const v = c.values;
    // With cache states, the medians here are the first state's: count its samples.
    const n = (c.details?.states as { samples: unknown[] }[] | undefined)?.[0]?.samples.length ?? (c.details?.samples as unknown[] | undefined)?.length ?? 0;
    return [c.variant, num(v['cold_start.median_ms'], 0), num(v['cold_start.load_ms'], 1), num(v['cold_start.first_translation_ms'], 1), num(v['memory.peak_rss_mb'], 0), String(n)];
  });
  return [
    '## Cold start and memory',
    '',
    'Fresh process per sample: spawn → import runtime → read + compile model → first translation. Medians over samples; peak RSS is the maximum.',
    '',
    markdownTable(['variant', 'process total ms', 'load ms', 'first translation ms', 'peak RSS MiB', 'samples'], rows),
  ];
}

function examplesSection(r: RunRecord): string[] {
  const out: string[] = [];
  for (const c of r.cells.filter((x) => x.measure === 'agreement' && !x.error)) {
    const examples = (c.details?.worstExamples as DivergentExample[] | undefined) ?? [];
    if (!examples.length) continue;
    out.push('', `### ${c.variant} · ${c.pair}`, '');
    out.push(
      markdownTable(
        ['line', 'source', `${r.suite.reference} output`, `${c.variant} output`, 'chrF', 'diverges at'],
        examples.map((e) => [String(e.line), esc(e.source), esc(e.referenceOutput), esc(e.output), num(e.sentenceChrf, 1), String(e.firstDivergence)]),
      ),
    );
  }
  return out.length ? ['## Worst divergent examples', ...out] : [];
}

/** Outputs that need a look before any number is trusted: runaway decodes, empty lines, NaN logits. */
function flagsSection(r: RunRecord): string[] {
  const flags: string[] = [];
  for (const c of r.cells.filter((x) => x.measure === 'translation' && x.details)) {
    const d = c.details as { maxLengthHits?: number; emptyOutputs?: number; nonFiniteLogits?: number; lines?: number };
    const parts = [
      d.maxLengthHits ? `${d.maxLengthHits} hit max_length without </s>` : '',
      d.emptyOutputs ? `${d.emptyOutputs} empty outputs` : '',
      d.nonFiniteLogits ? `${d.nonFiniteLogits} with NaN/Inf logits` : '',
    ].filter(Boolean);
    if (parts.length) flags.push(`- ${c.variant} · ${c.pair}: ${parts.join(', ')} (of ${d.lines} lines)`);
  }
  return flags.length ? ['## Output flags', '', ...flags] : [];
}

function errorsSection(r: RunRecord): string[] {
  const errored = r.cells.filter((c) => c.error);
  if (!errored.length) return [];
  return ['## Errors', '', ...errored.map((c) => `- ${c.variant}${c.pair ? ` · ${c.pair}` : ''} · ${c.measure}: ${esc(c.error ?? '')}`)];
}

export function renderMarkdown(r: RunRecord): string {
  const env = r.environment;
  const header = [
    `# mtgate · ${r.suite.name} · ${verdictWord(r)}`,
    '',
    `Run \`${r.run.id}\` · ${r.run.startedAt} · ${(r.run.durationMs / 1000).toFixed(1)} s · suite \`${esc(r.suite.path)}\` (sha256 ${r.suite.sha256.slice(0, 12)})`,
    '',
    `Machine: ${esc(env.cpu)} × ${env.cores}, ${env.memoryGiB} GiB, ${env.os}, Node ${env.node}, ${Object.entries(env.engines)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  ];
  return `${[
    ...header,
    '',
    ...notesSection(r),
    ...preflightMarkdown(r),
    '',
    ...gatesSection(r),
    '',
    ...waiversSection(r),
    '',
    ...variantsSection(r),
    '',
    ...devicesSection(r),
    ...renderSignoffMarkdown(r),
    '',
    ...qualitySection(r),
    '',
    ...agreementSection(r),
    '',
    ...latencySection(r),
    '',
    ...coldStartSection(r),
    ...measureSections(r),
    '',
    ...examplesSection(r),
    '',
    ...flagsSection(r),
    '',
    ...errorsSection(r),
  ]
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}
