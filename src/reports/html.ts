/**
 * report.html: one self-contained page (no script, no network) — the verdict
 * table first, then the sign-off view, charts as inline SVG, a table per
 * measure, and the worst divergent examples. Every piece of text from the
 * run (model output, dataset lines, ids, errors, evidence) goes through
 * escapeHtml; the SVG comes from vega, which escapes its own text.
 */
import type { DivergentExample } from '../measures/agreement.js';
import type { Cell, RunRecord } from '../results/record.js';
import { chartToSvg, chartsFor, type Chart } from './charts.js';
import { pairsOf, verdictWord } from './format.js';
import type { HistoryPoint } from './history-read.js';
import { escapeHtml as h } from './html-escape.js';
import { CORE_CHECK_FIELDS, CORE_GATE_FIELDS, extraFields, gatesOf, measuresOf, metricInfo, type LooseCheck, type LooseGate, verdictRank } from './record-view.js';
import { signoffRows } from './signoff.js';

export interface HtmlOptions {
  history?: readonly HistoryPoint[];
}

const VERDICT_CLASS = new Set(['pass', 'fail', 'warn', 'waived', 'none']);
const badge = (verdict: string) => `<span class="v v-${VERDICT_CLASS.has(verdict) ? verdict : 'fail'}">${h(verdict)}</span>`;

function fmt(metric: string | undefined, x: unknown): string {
  if (typeof x !== 'number') return x === undefined ? '' : h(x);
  if (Number.isNaN(x)) return 'NaN';
  const unit = metric ? metricInfo(metric).unit : '';
  if (unit === 'fraction') return `${(x * 100).toFixed(1)} %`;
  if (Number.isInteger(x)) return String(x);
  return x.toFixed(Math.abs(x) >= 1000 ? 0 : Math.abs(x) >= 100 ? 1 : 2);
}

const table = (head: string[], rows: string[][], numeric: boolean[] = []) =>
  `<div class="scroll"><table><thead><tr>${head.map((c, i) => `<th${numeric[i] ? ' class="num"' : ''}>${c}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c, i) => `<td${numeric[i] ? ' class="num"' : ''}>${c}</td>`).join('')}</tr>`)
    .join('')}</tbody></table></div>`;

const evidenceList = (pairs: [string, string][]) => (pairs.length ? `<ul class="ev">${pairs.map(([k, v]) => `<li><b>${h(k)}</b> ${h(v)}</li>`).join('')}</ul>` : '');

function headerSection(r: RunRecord): string {
  const env = r.environment;
  const verdict = r.outcome.exitCode === 0 ? 'pass' : 'fail';
  return `<header><h1>mtgate · ${h(r.suite.name)} ${badge(verdict)}</h1>
<p class="sub">${h(verdictWord(r))} · run <code>${h(r.run.id)}</code> · ${h(r.run.startedAt)} · ${(r.run.durationMs / 1000).toFixed(1)} s · exit code ${r.outcome.exitCode}${
    r.outcome.erroredCells ? ` · ${r.outcome.erroredCells} errored cell${r.outcome.erroredCells === 1 ? '' : 's'}` : ''
  }</p>
<p class="sub">suite <code>${h(r.suite.path)}</code> (sha256 ${h(r.suite.sha256.slice(0, 12))}) · reference variant <b>${h(r.suite.reference)}</b> · ${h(env.cpu)} × ${h(env.cores)}, ${h(env.memoryGiB)} GiB, ${h(env.os)}, Node ${h(env.node)}, ${Object.entries(env.engines)
    .map(([k, v]) => `${h(k)} ${h(v)}`)
    .join(', ')}</p></header>`;
}

function gatesSection(r: RunRecord): string {
  const gates = gatesOf(r);
  if (!gates.length) return '<section><h2>Gate verdicts</h2><p>The suite has no gates.</p></section>';
  // Rule settings beyond id/metric (severity, bounds, scope, …) get a column when the record has any.
  const withRule = gates.some((g) => extraFields(g, CORE_GATE_FIELDS).length);
  const rows = gates.map((g) => {
    const counts = new Map<string, number>();
    for (const c of g.checks) counts.set(c.status, (counts.get(c.status) ?? 0) + 1);
    const tally = [...counts].map(([s, n]) => `${n} ${h(s)}`).join(', ');
    const notPassing = g.checks.filter((c) => c.status !== 'pass');
    const shown = notPassing.slice(0, 3).map((c) => `<div>${h(`${c.variant}${c.pair ? ` ${c.pair}` : ''}: ${c.reason ?? c.status}`)}</div>`);
    if (notPassing.length > 3) shown.push(`<div>and ${notPassing.length - 3} more (below)</div>`);
    const cells = [`<b>${h(g.id)}</b>${g.description ? `<div class="desc">${h(g.description)}</div>` : ''}`, `<code>${h(g.metric)}</code>`, badge(g.status), tally, shown.join('')];
    return withRule ? [...cells, evidenceList(extraFields(g, CORE_GATE_FIELDS))] : cells;
  });
  return `<section><h2>Gate verdicts</h2>
${table(['gate', 'metric', 'verdict', 'checks', 'evidence', ...(withRule ? ['rule'] : [])], rows)}</section>`;
}

/** Every check with its evidence; after the charts, so the page opens on verdicts and pictures. */
function checksSection(r: RunRecord): string {
  const gates = gatesOf(r);
  if (!gates.length) return '';
  // Checks that did not pass first (worst verdict first), each gate's order kept within a verdict.
  const ordered = gates.flatMap((g) => g.checks.map((c) => ({ g, c }))).sort((a, b) => verdictRank(b.c.status) - verdictRank(a.c.status));
  const checkRows = ordered.map(({ g, c }: { g: LooseGate; c: LooseCheck }) => [
        h(g.id),
        h(c.variant),
        h(c.pair ?? '–'),
        h(typeof c.device === 'string' ? c.device : (r.variants.find((v) => v.id === c.variant)?.device ?? '')),
        badge(c.status),
        fmt(g.metric, c.value),
        fmt(g.metric, c.referenceValue),
        typeof c.delta === 'number' ? `${c.delta >= 0 ? '+' : '−'}${fmt(g.metric, Math.abs(c.delta))}` : '',
        typeof c.ratio === 'number' ? c.ratio.toFixed(3) : '',
        h(c.reason ?? ''),
        evidenceList(extraFields(c, CORE_CHECK_FIELDS)),
      ]);
  return `<section><h2>Checks and evidence</h2><p class="note">One row per scope a rule checked; checks that did not pass come first.</p>
${table(['gate', 'variant', 'pair', 'device', 'verdict', 'value', 'compared with', 'Δ', 'ratio', 'reason', 'evidence'], checkRows, [false, false, false, false, false, true, true, true, true, false, false])}</section>`;
}

function signoffSection(r: RunRecord): string {
  const rows = signoffRows(r).map((s) => [
    h(s.variant),
    h(s.device),
    h(s.pair),
    badge(s.verdict),
    badge(s.performance),
    badge(s.quality),
    h(s.waivers.join(', ')),
    [...s.findings, ...s.errors.map((e) => `error: ${e}`)].map((f) => `<div>${h(f)}</div>`).join(''),
  ]);
  return `<section><h2>Sign-off</h2><p class="note">One verdict per variant × device × pair: the worst of every performance and quality check that covers it; an errored cell counts as a failure; <i>none</i> = no gate covers it.</p>
${table(['variant', 'device', 'pair', 'verdict', 'performance', 'quality', 'waivers', 'findings'], rows)}</section>`;
}

function waiversSection(r: RunRecord): string {
  const waivers = (r as unknown as { waivers?: Record<string, unknown>[] }).waivers;
  if (!Array.isArray(waivers) || !waivers.length) return '';
  const keys = [...new Set(waivers.flatMap((w) => Object.keys(w)))];
  const rows = waivers.map((w) => keys.map((k) => (k === 'state' && w[k] === 'expired' ? '<b>expired</b> (no longer waives)' : h(Array.isArray(w[k]) ? (w[k] as unknown[]).join(', ') : (w[k] ?? '')))));
  return `<section><h2>Waivers</h2>${table(keys.map(h), rows)}</section>`;
}

async function chartsSection(charts: Chart[]): Promise<string> {
  if (!charts.length) return '';
  const figures: string[] = [];
  for (const c of charts) {
    figures.push(`<figure id="chart-${h(c.id)}"><figcaption><b>${h(c.title)}</b> — ${h(c.caption)}</figcaption>${await chartToSvg(c)}</figure>`);
  }
  return `<section><h2>Charts</h2>${figures.join('\n')}</section>`;
}

/** One table per measure, columns = the metrics its cells carry; new measures appear without code here. */
function measuresSection(r: RunRecord): string {
  const out: string[] = [];
  for (const measure of measuresOf(r)) {
    const cells = r.cells.filter((c) => c.measure === measure);
    const found = [...new Set(cells.flatMap((c) => Object.keys(c.values)))];
    // A measure whose every cell errored still gets a column for the errors.
    const metrics = found.length ? found : ['error'];
    const perPair = cells.some((c) => c.pair !== undefined);
    const reference = (c: Cell, m: string) =>
      !perPair || measure !== 'quality' || c.variant === r.suite.reference ? undefined : r.cells.find((x) => x.variant === r.suite.reference && x.measure === measure && x.pair === c.pair)?.values[m];
    const rows = cells.map((c) => [
      h(c.variant),
      ...(perPair ? [h(c.pair ?? '')] : []),
      ...(c.error
        ? [`<span class="err">error: ${h(c.error)}</span>`, ...metrics.slice(1).map(() => '')]
        : metrics.map((m) => {
            const ref = reference(c, m);
            const v = c.values[m];
            const delta = ref !== undefined && v !== undefined ? ` <span class="delta">(${v - ref >= 0 ? '+' : '−'}${Math.abs(v - ref).toFixed(2)})</span>` : '';
            return `${fmt(m, v)}${delta}`;
          })),
    ]);
    const head = ['variant', ...(perPair ? ['pair'] : []), ...metrics.map((m) => `${h(m)}${metricInfo(m).unit && metricInfo(m).unit !== 'fraction' ? ` <span class="unit">${h(metricInfo(m).unit)}</span>` : ''}`)];
    const numeric = head.map((_, i) => i >= (perPair ? 2 : 1));
    const signature = cells.flatMap((c) => Object.values(c.details ?? {})).find((d) => typeof (d as { signature?: unknown } | null)?.signature === 'string') as { signature: string } | undefined;
    out.push(`<h3>${h(measure)}</h3>${table(head, rows, numeric)}${signature ? `<p class="note">Signature: <code>${h(signature.signature)}</code></p>` : ''}`);
  }
  return out.length ? `<section><h2>Measures</h2><p class="note">Quality Δ is against the reference variant (${h(r.suite.reference)}). run.json and results.csv carry every value at full precision.</p>${out.join('\n')}</section>` : '';
}

function examplesSection(r: RunRecord): string {
  const out: string[] = [];
  for (const c of r.cells.filter((x) => x.measure === 'agreement' && !x.error)) {
    const examples = (c.details?.worstExamples as DivergentExample[] | undefined) ?? [];
    if (!examples.length) continue;
    const rows = examples.map((e) => [String(e.line), h(e.source), h(e.reference ?? ''), h(e.referenceOutput), h(e.output), fmt(undefined, e.sentenceChrf), String(e.firstDivergence)]);
    out.push(`<h3>${h(c.variant)} · ${h(c.pair ?? '')}</h3>${table(['line', 'source', 'reference translation', `${h(r.suite.reference)} output`, `${h(c.variant)} output`, 'chrF', 'diverges at token'], rows, [true, false, false, false, false, true, true])}`);
  }
  return out.length ? `<section><h2>Worst divergent examples</h2><p class="note">Lowest sentence chrF against the reference variant's output.</p>${out.join('\n')}</section>` : '';
}

function flagsAndErrorsSection(r: RunRecord): string {
  const items: string[] = [];
  for (const c of r.cells.filter((x) => x.measure === 'translation' && x.details)) {
    const d = c.details as { maxLengthHits?: number; emptyOutputs?: number; nonFiniteLogits?: number; lines?: number };
    const parts = [d.maxLengthHits ? `${d.maxLengthHits} hit max_length without </s>` : '', d.emptyOutputs ? `${d.emptyOutputs} empty outputs` : '', d.nonFiniteLogits ? `${d.nonFiniteLogits} with NaN/Inf logits` : ''].filter(Boolean);
    if (parts.length) items.push(`<li>${h(c.variant)} · ${h(c.pair ?? '')}: ${h(parts.join(', '))} (of ${h(d.lines ?? '?')} lines)</li>`);
  }
  for (const c of r.cells.filter((x) => x.error)) items.push(`<li class="err">${h(c.variant)}${c.pair ? ` · ${h(c.pair)}` : ''} · ${h(c.measure)}: ${h(c.error)}</li>`);
  return items.length ? `<section><h2>Output flags and errors</h2><ul>${items.join('')}</ul></section>` : '';
}

function variantsSection(r: RunRecord): string {
  const rows = r.variants.map((v) => [`${h(v.id)}${v.isReference ? ' <i>(reference)</i>' : ''}`, h(v.precision ?? ''), `${h(v.engine)} ${h(v.engineVersion)}`, h(v.device), h(v.layout), `<code>${h(v.modelDir)}</code>`]);
  const data = r.datasets.map((d) => [h(d.id), h(d.pair), String(d.lines), `<code>${h(d.source)}</code>`]);
  return `<section><h2>Variants and datasets</h2>${table(['variant', 'precision', 'engine', 'device', 'layout', 'model'], rows)}${table(['dataset', 'pair', 'lines', 'source'], data, [false, false, true, false])}</section>`;
}

const CSS = `
:root{--fg:#1b1f23;--muted:#586069;--line:#d0d7de;--bg-alt:#f6f8fa;--pass:#1a7f37;--fail:#cf222e;--warn:#9a6700;--waived:#0969da}
*{box-sizing:border-box}
body{font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);margin:0 auto;padding:24px 32px;max-width:1280px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:20px;margin:32px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}h3{font-size:16px;margin:20px 0 6px}
.sub,.note{color:var(--muted);margin:2px 0}.note{font-size:13px}
code{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--bg-alt);padding:1px 4px;border-radius:4px;word-break:break-all}
.scroll{overflow-x:auto}
table{border-collapse:collapse;margin:8px 0 16px;font-size:13px}
th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{background:var(--bg-alt);font-weight:600}tbody tr:nth-child(even){background:#fbfcfd}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.v{display:inline-block;padding:0 8px;border-radius:10px;font-size:12px;font-weight:600;color:#fff;text-transform:uppercase;letter-spacing:.03em}
h1 .v{font-size:14px;vertical-align:middle}
.v-pass{background:var(--pass)}.v-fail{background:var(--fail)}.v-warn{background:var(--warn)}.v-waived{background:var(--waived)}.v-none{background:#8c959f}
.desc{color:var(--muted);font-size:12px}.ev{margin:0;padding-left:16px;font-size:12px}.err{color:var(--fail)}.delta{color:var(--muted);font-size:12px}.unit{color:var(--muted);font-weight:400}
figure{margin:16px 0 24px;break-inside:avoid}figcaption{margin-bottom:6px;color:var(--muted)}figure svg{max-width:100%;height:auto}
@media print{body{padding:0;max-width:none;font-size:11px}h2{break-after:avoid}tr{break-inside:avoid}.scroll{overflow:visible}.v{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
`;

export async function renderHtml(r: RunRecord, opts: HtmlOptions = {}): Promise<string> {
  const charts = chartsFor(r, opts.history ?? []);
  const body = [
    headerSection(r),
    gatesSection(r),
    signoffSection(r),
    waiversSection(r),
    await chartsSection(charts),
    checksSection(r),
    measuresSection(r),
    examplesSection(r),
    flagsAndErrorsSection(r),
    variantsSection(r),
    `<footer class="note">mtgate ${h(r.mtgateVersion)} · ${h(pairsOf(r).length)} pairs × ${h(r.variants.length)} variants · record schema ${h(r.schema)}</footer>`,
  ]
    .filter(Boolean)
    .join('\n');
  // The CSP forbids scripts and remote loads outright, so even an escaping bug could not run code.
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>mtgate · ${h(r.suite.name)} · ${h(verdictWord(r))}</title>
<style>${CSS}</style></head>
<body>
${body}
</body></html>
`;
}
