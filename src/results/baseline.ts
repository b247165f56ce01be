/**
 * Stored runs and baselines: a run.json, a run folder, or `last-passing` (the
 * newest run of the same suite in reports/history.jsonl that passed with a
 * matching fingerprint). A baseline whose fingerprint differs on the keys a
 * gate depends on is refused (exit 2) unless the user allows it.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { matchesAny } from '../gates/patterns.js';
import type { GateRule } from '../suite/types.js';
import { fingerprintDifferences, fingerprintOf, type Fingerprint } from './fingerprint.js';
import { HISTORY_FILE, historyRecordPath, readHistory } from './history.js';
import { RECORD_SCHEMA, type RunRecord } from './record.js';

export interface StoredRun {
  record: RunRecord;
  /** The folder holding run.json (and hypotheses/), wherever it is now. */
  folder: string;
  path: string;
}

/** Reads a run.json or a run folder; record.run.folder is set to where it is now. */
export function loadStoredRun(pathOrFolder: string, what = 'run'): StoredRun {
  const abs = resolve(pathOrFolder);
  if (!existsSync(abs)) throw new UsageError(`${abs}: ${what} not found; pass a run.json or a run folder (reports/<stamp>-<suite>)`);
  const path = statSync(abs).isDirectory() ? join(abs, 'run.json') : abs;
  if (!existsSync(path)) throw new UsageError(`${abs}: no run.json in this folder; pass a run folder made by mtgate run`);
  let record: RunRecord;
  try {
    record = JSON.parse(readFileSync(path, 'utf8')) as RunRecord;
  } catch (err) {
    throw new UsageError(`${path}: not valid JSON (${(err as Error).message.split('\n')[0]}); pass a run.json written by mtgate`);
  }
  if (record?.schema !== RECORD_SCHEMA) {
    throw new UsageError(`${path}: schema ${JSON.stringify(record?.schema)} is not ${RECORD_SCHEMA}; pass a run record written by this mtgate`);
  }
  const folder = dirname(path);
  record.run = { ...record.run, folder };
  return { record, folder, path };
}

/**
 * The newest passing run of `suite` in the history whose fingerprint matches on
 * `variantIds` (with `allowMismatch`, the newest passing run). Undefined when the
 * suite has never passed here: the first run of a nightly has nothing to compare with.
 */
export function lastPassing(reportsDir: string, suite: string, current: Fingerprint, variantIds?: readonly string[], allowMismatch = false): StoredRun | undefined {
  const historyPath = join(reportsDir, HISTORY_FILE);
  const { entries } = readHistory(historyPath);
  const passing = entries.filter((e) => e.suite === suite && e.outcome.exitCode === 0 && existsSync(historyRecordPath(historyPath, e))).reverse();
  if (!passing.length) return undefined;
  const match = allowMismatch ? passing[0] : passing.find((e) => fingerprintDifferences(current, e.fingerprint, variantIds).length === 0);
  if (!match) {
    const diffs = fingerprintDifferences(current, passing[0].fingerprint, variantIds);
    throw new UsageError(
      `${historyPath}: no passing run of suite ${suite} has this machine's fingerprint (newest, ${passing[0].id}, differs: ${diffs.join('; ')}); pass --allow-fingerprint-mismatch to compare with it anyway`,
    );
  }
  return loadStoredRun(historyRecordPath(historyPath, match), 'last-passing baseline');
}

/** Variants that `vs: baseline` rules compare (the keys a baseline gate depends on). */
export function baselineVariants(rules: readonly GateRule[], variants: readonly { id: string; device: string }[]): string[] {
  const baselineRules = rules.filter((r) => r.vs === 'baseline');
  return variants.filter((v) => baselineRules.some((r) => matchesAny(v.id, r.variants) && matchesAny(v.device, r.devices))).map((v) => v.id);
}

/** Refuses (exit 2) a baseline whose fingerprint differs on the compared variants, unless allowed; returns the differences. */
export function checkFingerprints(current: Fingerprint, baseline: StoredRun, variantIds: readonly string[], allowMismatch: boolean): string[] {
  const diffs = fingerprintDifferences(current, fingerprintOf(baseline.record), variantIds);
  if (diffs.length && !allowMismatch) {
    throw new UsageError(
      `baseline ${baseline.path} was measured elsewhere: ${diffs.join('; ')}; compare runs of the same device and runtime, or pass --allow-fingerprint-mismatch (suite: baseline.allow_fingerprint_mismatch: true)`,
    );
  }
  return diffs;
}
