/**
 * The report's charts as Vega-Lite specs, built from a run record (and the
 * run history for trends), and rendered server-side to SVG with vega: no
 * script, no network, so the HTML stays self-contained and the same SVG can
 * be rasterised to PNG. A chart whose data the record does not have is left out.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { RunRecord } from '../results/record.js';
import type { HistoryPoint } from './history-read.js';
import { ciOf, metricInfo } from './record-view.js';
import { median } from '../measures/stats.js';
import { pairsOf } from './format.js';

export interface Chart {
  /** File-name-safe id, e.g. `quality-bleu`. */
  id: string;
  title: string;
  caption: string;
  spec: TopLevelSpec;
}

const CONFIG = {
  font: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 12, gridColor: '#e6e6e6' },
  legend: { labelFontSize: 11, titleFontSize: 12 },
  background: 'white',
};

const base = (width: number | { step: number }, height: number | { step: number }) => ({
  $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
  width,
  height,
  config: CONFIG,
  padding: 8,
});

const METRIC_LABEL: Record<string, string> = { bleu: 'BLEU', chrf: 'chrF', ter: 'TER' };

function qualityCharts(r: RunRecord): Chart[] {
  const cells = r.cells.filter((c) => c.measure === 'quality' && !c.error);
  const metrics = [...new Set(cells.flatMap((c) => Object.keys(c.values)))];
  return metrics.map((metric) => {
    const rows = cells
      .filter((c) => Number.isFinite(c.values[metric]))
      .map((c) => {
        const ci = ciOf(c, metric);
        return { variant: c.variant, pair: c.pair ?? '', value: c.values[metric], low: ci?.low, high: ci?.high };
      });
    const withCi = rows.some((x) => x.low !== undefined);
    const label = METRIC_LABEL[metric] ?? metric;
    const enc = {
      x: { field: 'pair', type: 'nominal', title: 'language pair', sort: pairsOf(r), axis: { labelAngle: 0 } },
      xOffset: { field: 'variant', type: 'nominal', sort: r.variants.map((v) => v.id) },
      color: { field: 'variant', type: 'nominal', sort: r.variants.map((v) => v.id), title: 'variant' },
    };
    const layers: unknown[] = [
      {
        mark: { type: 'bar', tooltip: false },
        encoding: { ...enc, y: { field: 'value', type: 'quantitative', title: label } },
      },
    ];
    if (withCi) {
      layers.push({
        transform: [{ filter: 'isValid(datum.low)' }],
        mark: { type: 'errorbar', ticks: true, color: '#222' },
        encoding: { x: enc.x, xOffset: enc.xOffset, y: { field: 'low', type: 'quantitative', title: label }, y2: { field: 'high' } },
      });
    }
    const groups = new Set(rows.map((x) => x.pair)).size * Math.max(1, r.variants.length);
    return {
      id: `quality-${metric.replace(/[^a-z0-9]+/gi, '-')}`,
      title: `${label} per pair and variant`,
      caption: `Corpus ${label} against the dataset references${withCi ? '; whiskers: confidence intervals recorded with the scores' : ''}. ${metricInfo(metric).better === 'lower' ? 'Lower' : 'Higher'} is better.`,
      spec: { ...base(Math.max(240, groups * 18), 220), data: { values: rows }, layer: layers } as TopLevelSpec,
    };
  });
}

function latencyChart(r: RunRecord): Chart[] {
  const rows: { series: string; variant: string; ms: number }[] = [];
  for (const c of r.cells.filter((x) => x.measure === 'latency' && !x.error)) {
    const samples = c.details?.samples;
    if (!Array.isArray(samples)) continue;
    for (const ms of samples) if (typeof ms === 'number' && Number.isFinite(ms)) rows.push({ series: `${c.variant} · ${c.pair ?? ''}`, variant: c.variant, ms });
  }
  if (!rows.length) return [];
  const order = [...new Set(rows.map((x) => x.series))];
  return [
    {
      id: 'latency-distribution',
      title: 'Warm latency distribution',
      caption: 'Every retained per-sentence sample after warm-up: box = quartiles, line = median, whiskers to 1.5 IQR, dots beyond.',
      spec: {
        ...base(560, { step: 18 }),
        data: { values: rows },
        mark: { type: 'boxplot', extent: 1.5, size: 12, outliers: { size: 8, opacity: 0.5 } },
        encoding: {
          y: { field: 'series', type: 'nominal', sort: order, title: null },
          x: { field: 'ms', type: 'quantitative', title: 'ms per sentence', scale: { zero: false } },
          color: { field: 'variant', type: 'nominal', sort: r.variants.map((v) => v.id), title: 'variant' },
        },
      } as TopLevelSpec,
    },
  ];
}

/** Phase fields of a cold-start sample: numbers ending in `Ms` that are not totals. */
const isPhase = (k: string) => k.endsWith('Ms') && !/total/i.test(k);

function coldStartChart(r: RunRecord): Chart[] {
  const rows: { series: string; variant: string; phase: string; ms: number; order: number }[] = [];
  for (const c of r.cells.filter((x) => x.measure === 'cold_start' && !x.error)) {
    const samples = (c.details?.samples as Record<string, unknown>[] | undefined)?.filter((s) => s && typeof s === 'object') ?? [];
    // Samples may carry a state such as a compile-cache label; each state gets its own bar.
    const groups = new Map<string, Record<string, unknown>[]>();
    for (const s of samples) {
      const state = Object.entries(s).filter(([k, v]) => typeof v === 'string' && k !== 'output').map(([, v]) => v as string).join(', ');
      groups.set(state, [...(groups.get(state) ?? []), s]);
    }
    for (const [state, group] of groups) {
      const series = state ? `${c.variant} (${state})` : c.variant;
      const phases = [...new Set(group.flatMap((s) => Object.keys(s).filter((k) => isPhase(k) && typeof s[k] === 'number')))];
      const num = (s: Record<string, unknown>, k: string) => (typeof s[k] === 'number' ? (s[k] as number) : 0);
      phases.forEach((phase, i) => rows.push({ series, variant: c.variant, phase: phaseLabel(phase), ms: median(group.map((s) => num(s, phase))), order: i }));
      const within = (s: Record<string, unknown>) => phases.reduce((a, k) => a + num(s, k), 0);
      if (group.every((s) => typeof s.childTotalMs === 'number')) {
        rows.push({ series, variant: c.variant, phase: 'other in process', ms: Math.max(0, median(group.map((s) => num(s, 'childTotalMs') - within(s)))), order: phases.length });
      }
      if (group.every((s) => typeof s.processTotalMs === 'number' && typeof s.childTotalMs === 'number')) {
        rows.push({ series, variant: c.variant, phase: 'process start + exit', ms: Math.max(0, median(group.map((s) => num(s, 'processTotalMs') - num(s, 'childTotalMs')))), order: phases.length + 1 });
      }
    }
  }
  if (!rows.length) return [];
  return [
    {
      id: 'cold-start-phases',
      title: 'Cold start by phase',
      caption: 'A fresh process per sample; each segment is the median of that phase over the samples (so segments need not add up to the median total).',
      spec: {
        ...base(560, { step: 22 }),
        data: { values: rows },
        mark: { type: 'bar' },
        encoding: {
          y: { field: 'series', type: 'nominal', title: null, sort: [...new Set(rows.map((x) => x.series))] },
          x: { field: 'ms', type: 'quantitative', title: 'ms (median per phase)', stack: 'zero' },
          color: { field: 'phase', type: 'nominal', title: 'phase', sort: { field: 'order' } },
          order: { field: 'order', type: 'quantitative' },
        },
      } as TopLevelSpec,
    },
  ];
}

const phaseLabel = (k: string) =>
  k
    .replace(/Ms$/, '')
    .replace(/([A-Z])/g, ' $1')
    .toLowerCase()
    .trim();

function agreementChart(r: RunRecord): Chart[] {
  const rows = r.cells
    .filter((c) => c.measure === 'agreement' && !c.error && Number.isFinite(c.values['agreement.exact_match']))
    .map((c) => ({ variant: c.variant, pair: c.pair ?? '', exact: c.values['agreement.exact_match'] }));
  if (!rows.length) return [];
  const pairs = [...new Set(rows.map((x) => x.pair))];
  const variants = r.variants.map((v) => v.id).filter((v) => rows.some((x) => x.variant === v));
  const enc = {
    x: { field: 'pair', type: 'nominal', title: 'language pair', sort: pairs, axis: { labelAngle: 0, orient: 'top' } },
    y: { field: 'variant', type: 'nominal', title: 'variant', sort: variants },
  };
  return [
    {
      id: 'agreement-heatmap',
      title: `Exact-match agreement with ${r.suite.reference}`,
      caption: `Share of lines whose greedy output equals the reference variant's (${r.suite.reference}).`,
      spec: {
        ...base({ step: 64 }, { step: 32 }),
        data: { values: rows },
        layer: [
          { mark: 'rect', encoding: { ...enc, color: { field: 'exact', type: 'quantitative', title: 'exact match', scale: { domain: [0, 1], scheme: 'blues' }, legend: { format: '.0%' } } } },
          {
            mark: { type: 'text', fontSize: 12 },
            encoding: {
              ...enc,
              text: { field: 'exact', type: 'quantitative', format: '.0%' },
              color: { condition: { test: 'datum.exact > 0.6', value: 'white' }, value: 'black' },
            },
          },
        ],
      } as TopLevelSpec,
    },
  ];
}

/** Trend charts from the history: one per metric the gates use (and BLEU), one line per variant/pair, the current run last. */
function trendCharts(r: RunRecord, history: readonly HistoryPoint[]): Chart[] {
  const points = history.filter((h) => h.suite === r.suite.name && h.run !== r.run.id);
  if (!points.length) return [];
  const current: HistoryPoint = { run: r.run.id, suite: r.suite.name, startedAt: r.run.startedAt, metrics: {} };
  for (const c of r.cells) for (const [k, v] of Object.entries(c.values)) if (Number.isFinite(v)) current.metrics[`${c.variant}|${c.pair ?? ''}|${k}`] = v;
  const all = [...points, current].sort((a, b) => a.startedAt.localeCompare(b.startedAt)).slice(-50);
  const metrics = [...new Set(['bleu', ...r.gates.map((g) => g.metric)])];
  const charts: Chart[] = [];
  for (const metric of metrics) {
    const rows: { run: string; at: string; series: string; value: number }[] = [];
    for (const p of all) {
      for (const [key, value] of Object.entries(p.metrics)) {
        const [variant, pair, m] = key.split('|');
        if (m === metric) rows.push({ run: p.run, at: p.startedAt, series: pair ? `${variant} · ${pair}` : variant, value });
      }
    }
    if (new Set(rows.map((x) => x.run)).size < 2) continue;
    charts.push({
      id: `trend-${metric.replace(/[^a-z0-9]+/gi, '-')}`,
      title: `Trend: ${metric}`,
      caption: `${metric} over the last ${new Set(rows.map((x) => x.run)).size} runs of suite ${r.suite.name} in the history (this run last).`,
      spec: {
        ...base(560, 200),
        data: { values: rows },
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'at', type: 'temporal', title: 'run started (UTC)', timeUnit: 'utcyearmonthdatehoursminutesseconds' },
          y: { field: 'value', type: 'quantitative', title: `${metric}${metricInfo(metric).unit ? ` (${metricInfo(metric).unit})` : ''}`, scale: { zero: false } },
          color: { field: 'series', type: 'nominal', title: 'variant · pair' },
        },
      } as TopLevelSpec,
    });
  }
  return charts;
}

export function chartsFor(r: RunRecord, history: readonly HistoryPoint[] = []): Chart[] {
  return [...qualityCharts(r), ...latencyChart(r), ...coldStartChart(r), ...agreementChart(r), ...trendCharts(r, history)];
}

/** Vega-Lite → Vega → SVG string, headless (renderer `none`: no canvas, no DOM). */
export async function chartToSvg(chart: Chart): Promise<string> {
  const view = new vega.View(vega.parse(compile(chart.spec).spec), { renderer: 'none', logLevel: vega.Error });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
