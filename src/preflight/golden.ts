/**
 * Pre-flight golden check, a stage between plan and measures: replay the
 * golden inputs on a variant and compare its greedy tokens with the golden
 * ones before anything is timed. A device, driver or runtime that computes
 * wrongly (NPU compiler bugs, a silent CPU fallback with other numerics, a
 * broken re-export) shows up here as token divergences, or as outputs that
 * collapse to empty or much shorter than the golden ones.
 */
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { Translator } from '../decoding/translator.js';
import { describeError, UsageError } from '../errors.js';
import type { Plan, PlannedVariant } from '../plan/plan.js';
import type { GoldenSettings } from '../suite/types.js';
import type { GoldenEntry, GoldenFile, GoldenInput } from './golden-file.js';

/** A failed pre-flight: the run itself cannot be trusted (exit 3), not bad input. */
export class PreflightFailure extends Error {
  readonly exitCode = 3;
}

export interface Divergence {
  dataset: string;
  pair: string;
  line: number;
  /** First token index (in the generated ids) where the outputs differ. */
  position: number;
  expectedToken?: number;
  gotToken?: number;
  expectedText: string;
  gotText: string;
  expectedLength: number;
  gotLength: number;
  /** Output-length collapse: empty, or shorter than min_length_ratio × the golden length. */
  collapse: boolean;
}

export interface VariantGoldenResult {
  variant: string;
  model: string;
  status: 'pass' | 'fail' | 'skipped' | 'error';
  /** Why skipped or errored; the first divergence when failed. */
  reason?: string;
  engine: string;
  engineVersion: string;
  device: string;
  fingerprint: Record<string, string>;
  recordedWith?: GoldenEntry['recordedWith'];
  /** The model's graph files changed size since recording (a re-export, not a runtime change). */
  modelFilesChanged?: string[];
  checked: number;
  divergent: number;
  collapsed: number;
  /** The first divergences (collapses first), at most 5. */
  divergences: Divergence[];
}

export interface GoldenCheckReport {
  file: string;
  passed: boolean;
  maxDivergentLines: number;
  minLengthRatio: number;
  variants: VariantGoldenResult[];
}

/** Words between the forced language token and eos. */
const contentLength = (ids: readonly number[], stoppedBy: string) => Math.max(0, ids.length - 1 - (stoppedBy === 'eos' ? 1 : 0));

export function graphFileSizes(pv: PlannedVariant): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of [pv.files.encoder, pv.files.decoder, pv.files.decoderWithPast]) {
    if (f) out[basename(f)] = statSync(f).size;
  }
  return out;
}

async function fingerprintOf(pv: PlannedVariant): Promise<Record<string, string>> {
  try {
    return await pv.engine.fingerprint(pv.variant.device);
  } catch (err) {
    return { error: describeError(err) };
  }
}

async function load(pv: PlannedVariant, maxLength: number): Promise<Translator> {
  const { model } = await pv.engine.load(pv.files, { device: pv.variant.device, options: pv.variant.engine_options });
  return new Translator(model, pv.formatter, maxLength);
}

/** The golden inputs: the first `lines` lines of each dataset of the plan. */
export function canonicalInputs(plan: Plan, lines: number): { dataset: string; pair: string; srcLang: string; tgtLang: string; line: number; source: string }[] {
  return plan.datasets.flatMap((d) =>
    d.sources.slice(0, lines).map((source, i) => ({ dataset: d.dataset.id, pair: d.dataset.pair, srcLang: d.dataset.srcLang, tgtLang: d.dataset.tgtLang, line: i + 1, source })),
  );
}

export async function recordGolden(plan: Plan, variantId: string, lines: number, progress?: (m: string) => void): Promise<GoldenEntry> {
  const pv = plan.variants.find((v) => v.variant.id === variantId);
  if (!pv) throw new UsageError(`${plan.suite.path}: no variant "${variantId}"; variants: ${plan.variants.map((v) => v.variant.id).join(', ')}`);
  const maxLength = pv.variant.decoding.max_length;
  const translator = await load(pv, maxLength);
  const inputs: GoldenInput[] = [];
  try {
    for (const x of canonicalInputs(plan, lines)) {
      const t = await translator.translate(x.source, x.srcLang, x.tgtLang);
      inputs.push({ dataset: x.dataset, pair: x.pair, line: x.line, source: x.source, tokenIds: t.tokenIds, text: t.text, stoppedBy: t.stoppedBy });
      progress?.(`golden: ${inputs.length} inputs`);
    }
  } finally {
    await translator.model.dispose();
  }
  return {
    model: pv.variant.model,
    recordedAt: new Date().toISOString(),
    recordedWith: {
      variant: pv.variant.id,
      engine: pv.variant.engine,
      engineVersion: pv.engineVersion,
      device: pv.variant.device,
      ...(pv.variant.precision ? { precision: pv.variant.precision } : {}),
      layout: pv.files.layout,
      fingerprint: await fingerprintOf(pv),
      maxLength,
    },
    modelFiles: graphFileSizes(pv),
    inputs,
  };
}

/** Compares one output with its golden; undefined when identical. */
export function compareOutput(
  golden: GoldenInput,
  got: { tokenIds: readonly number[]; text: string; stoppedBy: string },
  minLengthRatio: number,
): Divergence | undefined {
  const expectedLength = contentLength(golden.tokenIds, golden.stoppedBy);
  const gotLength = contentLength(got.tokenIds, got.stoppedBy);
  const collapse = (golden.text !== '' && got.text.trim() === '') || gotLength < minLengthRatio * expectedLength;
  let position = 0;
  while (position < golden.tokenIds.length && position < got.tokenIds.length && golden.tokenIds[position] === got.tokenIds[position]) position++;
  if (position === golden.tokenIds.length && position === got.tokenIds.length && !collapse) return undefined;
  return {
    dataset: golden.dataset,
    pair: golden.pair,
    line: golden.line,
    position,
    ...(position < golden.tokenIds.length ? { expectedToken: golden.tokenIds[position] } : {}),
    ...(position < got.tokenIds.length ? { gotToken: got.tokenIds[position] } : {}),
    expectedText: golden.text,
    gotText: got.text,
    expectedLength,
    gotLength,
    collapse,
  };
}

export function describeDivergence(d: Divergence): string {
  const tok = (t: number | undefined) => (t === undefined ? 'end of output' : `token ${t}`);
  const what = d.collapse ? `output-length collapse: ${d.gotLength} tokens vs ${d.expectedLength} golden` : `position ${d.position}: expected ${tok(d.expectedToken)}, got ${tok(d.gotToken)}`;
  return `${d.dataset} (${d.pair}) line ${d.line}: ${what}`;
}

export async function checkVariant(pv: PlannedVariant, entry: GoldenEntry, settings: Pick<GoldenSettings, 'max_divergent_lines' | 'min_length_ratio'>): Promise<VariantGoldenResult> {
  const base = {
    variant: pv.variant.id,
    model: pv.variant.model,
    engine: pv.variant.engine,
    engineVersion: pv.engineVersion,
    device: pv.variant.device,
    fingerprint: await fingerprintOf(pv),
    recordedWith: entry.recordedWith,
    checked: 0,
    divergent: 0,
    collapsed: 0,
    divergences: [] as Divergence[],
  };
  const sizes = graphFileSizes(pv);
  const changed = Object.keys({ ...sizes, ...entry.modelFiles }).filter((f) => sizes[f] !== entry.modelFiles?.[f]);
  const result: VariantGoldenResult = { ...base, status: 'pass', ...(entry.modelFiles && changed.length ? { modelFilesChanged: changed } : {}) };
  let translator: Translator;
  try {
    translator = await load(pv, entry.recordedWith.maxLength);
  } catch (err) {
    return { ...result, status: 'error', reason: `model failed to load: ${describeError(err)}` };
  }
  const all: Divergence[] = [];
  try {
    for (const g of entry.inputs) {
      const [srcLang, tgtLang] = g.pair.split('-');
      const got = await translator.translate(g.source, srcLang, tgtLang);
      result.checked++;
      const d = compareOutput(g, got, settings.min_length_ratio);
      if (d) all.push(d);
    }
  } catch (err) {
    return { ...result, status: 'error', reason: `translation failed: ${describeError(err)}` };
  } finally {
    await translator.model.dispose();
  }
  result.divergent = all.length;
  result.collapsed = all.filter((d) => d.collapse).length;
  result.divergences = [...all.filter((d) => d.collapse), ...all.filter((d) => !d.collapse)].slice(0, 5);
  if (result.collapsed || result.divergent > settings.max_divergent_lines) {
    result.status = 'fail';
    result.reason = describeDivergence(result.divergences[0]);
  }
  return result;
}

/**
 * Replays the golden file on the plan's variants (or those named). A
 * variant whose model has no golden entry is skipped, unless named.
 */
export async function checkGolden(
  plan: Plan,
  golden: GoldenFile,
  settings: GoldenSettings,
  opts: { variants?: string[]; progress?: (variant: string, message: string) => void } = {},
): Promise<GoldenCheckReport> {
  const results: VariantGoldenResult[] = [];
  for (const id of opts.variants ?? []) {
    const pv = plan.variants.find((v) => v.variant.id === id);
    if (!pv) throw new UsageError(`${plan.suite.path}: no variant "${id}"; variants: ${plan.variants.map((v) => v.variant.id).join(', ')}`);
    if (!golden.entries.some((e) => e.model === pv.variant.model)) {
      throw new UsageError(`${settings.file}: no golden for model ${pv.variant.model} (variant ${id}); record it with: mtgate golden record ${plan.suite.path} --variant ${id}`);
    }
  }
  const chosen = opts.variants ? plan.variants.filter((v) => opts.variants?.includes(v.variant.id)) : plan.variants;
  for (const pv of chosen) {
    const entry = golden.entries.find((e) => e.model === pv.variant.model);
    if (!entry) {
      results.push({
        variant: pv.variant.id, model: pv.variant.model, status: 'skipped', reason: `no golden for model ${pv.variant.model}`,
        engine: pv.variant.engine, engineVersion: pv.engineVersion, device: pv.variant.device, fingerprint: {}, checked: 0, divergent: 0, collapsed: 0, divergences: [],
      });
      continue;
    }
    opts.progress?.(pv.variant.id, `golden check (${entry.inputs.length} inputs)`);
    results.push(await checkVariant(pv, entry, settings));
  }
  if (!results.some((r) => r.status !== 'skipped')) {
    throw new UsageError(`${settings.file}: no golden for any model of ${plan.suite.path} (has ${golden.entries.map((e) => e.model).join(', ') || 'none'}); record one with mtgate golden record`);
  }
  return {
    file: settings.file,
    passed: results.every((r) => r.status === 'pass' || r.status === 'skipped'),
    maxDivergentLines: settings.max_divergent_lines,
    minLengthRatio: settings.min_length_ratio,
    variants: results,
  };
}

const fp = (f: Record<string, string> | undefined) => (f ? Object.entries(f).map(([k, v]) => `${k}=${v}`).join(' ') : '');

/** The report for a terminal: per variant a verdict, the runtime it ran on, and the first divergences. */
export function renderGoldenReport(r: GoldenCheckReport): string {
  const out = [`golden check ${r.passed ? 'PASS' : 'FAIL'} · ${r.file} · allowed divergent lines ${r.maxDivergentLines}, collapse below ${r.minLengthRatio} of golden length`];
  for (const v of r.variants) {
    const verdict = { pass: 'PASS', fail: 'FAIL', skipped: 'SKIP', error: 'ERROR' }[v.status];
    const counts = v.status === 'skipped' ? v.reason : v.status === 'error' ? v.reason : `${v.checked - v.divergent}/${v.checked} identical, ${v.divergent} divergent, ${v.collapsed} collapsed`;
    out.push(`  ${verdict.padEnd(5)} ${v.variant} (model ${v.model}): ${counts}`);
    if (v.status === 'skipped') continue;
    out.push(`        ran on: ${v.engine} ${v.engineVersion} ${v.device} ${fp(v.fingerprint)}`);
    if (v.recordedWith) out.push(`        golden: variant ${v.recordedWith.variant} on ${v.recordedWith.engine} ${v.recordedWith.engineVersion} ${v.recordedWith.device} ${fp(v.recordedWith.fingerprint)}`);
    if (v.modelFilesChanged) out.push(`        model files changed since recording: ${v.modelFilesChanged.join(', ')} (a re-export; re-record the golden if intended)`);
    for (const d of v.divergences) {
      out.push(`        ${describeDivergence(d)}`);
      out.push(`          expected: ${JSON.stringify(d.expectedText)}`);
      out.push(`          got:      ${JSON.stringify(d.gotText)}`);
    }
  }
  return out.join('\n');
}

/** One line for stderr and the run record: the first failing variant and its first divergence. */
export function goldenFailureLine(r: GoldenCheckReport): string {
  const bad = r.variants.filter((v) => v.status === 'fail' || v.status === 'error');
  const first = bad[0];
  return `golden check failed on ${bad.map((v) => v.variant).join(', ')}: variant ${first.variant} on ${first.engine} ${first.engineVersion} ${first.device}: ${first.reason}`;
}
