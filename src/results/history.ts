/**
 * reports/history.jsonl: one summary line per run, append-only. Several runs
 * (CI jobs, a matrix on one runner) may finish at once, so an append takes an
 * exclusive lock file (open with O_CREAT|O_EXCL, atomic on Linux local file
 * systems) and then writes the whole line with one O_APPEND write; readers skip
 * a torn line instead of failing. A lock left by a dead process is broken.
 */
import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { fingerprintOf, type Fingerprint } from './fingerprint.js';
import type { RunRecord } from './record.js';

export const HISTORY_SCHEMA = 'mtgate.history/1';
export const HISTORY_FILE = 'history.jsonl';

export interface HistoryEntry {
  schema: typeof HISTORY_SCHEMA;
  id: string;
  suite: string;
  suiteSha256: string;
  startedAt: string;
  finishedAt: string;
  fingerprint: Fingerprint;
  outcome: RunRecord['outcome'];
  /** `variant|pair|metric` → value (pair empty for variant-level metrics). */
  metrics: Record<string, number>;
  /** run.json, relative to the history file's folder. */
  record: string;
}

export const metricKey = (variant: string, pair: string | undefined, metric: string) => `${variant}|${pair ?? ''}|${metric}`;

export function historyEntry(record: RunRecord, recordPath: string, historyPath: string): HistoryEntry {
  const metrics: Record<string, number> = {};
  for (const c of record.cells) for (const [k, v] of Object.entries(c.values)) if (Number.isFinite(v)) metrics[metricKey(c.variant, c.pair, k)] = v;
  return {
    schema: HISTORY_SCHEMA,
    id: record.run.id,
    suite: record.suite.name,
    suiteSha256: record.suite.sha256,
    startedAt: record.run.startedAt,
    finishedAt: record.run.finishedAt,
    fingerprint: fingerprintOf(record),
    outcome: record.outcome,
    metrics,
    record: relative(dirname(historyPath), recordPath),
  };
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
const sleep = (ms: number) => Atomics.wait(sleeper, 0, 0, ms);

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Runs `fn` holding `<file>.lock`; waits up to `timeoutMs` for another holder. */
export function withFileLock<T>(file: string, fn: () => T, timeoutMs = 30_000): T {
  const lock = `${file}.lock`;
  const deadline = Date.now() + timeoutMs;
  let fd: number | undefined;
  for (let attempt = 0; fd === undefined; attempt++) {
    try {
      fd = openSync(lock, 'wx');
      writeSync(fd, String(process.pid));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      breakStaleLock(lock);
      if (Date.now() > deadline) throw new Error(`${lock} is held by another mtgate process for over ${timeoutMs / 1000} s; remove it if no mtgate is running`);
      sleep(Math.min(50, 1 + attempt) + Math.random() * 5);
    }
  }
  try {
    return fn();
  } finally {
    closeSync(fd);
    unlinkSync(lock);
  }
}

function breakStaleLock(lock: string): void {
  try {
    const pid = Number(readFileSync(lock, 'utf8'));
    // An empty file is a holder between open and write; only old ones are stale.
    const old = Date.now() - statSync(lock).mtimeMs > 10_000;
    if ((pid > 0 && !pidAlive(pid)) || (!pid && old)) unlinkSync(lock);
  } catch {
    // Gone already, or just taken by someone else: try again.
  }
}

export function appendHistoryLine(historyPath: string, line: string): void {
  if (line.includes('\n')) throw new Error('a history line must not contain a newline');
  withFileLock(historyPath, () => {
    const fd = openSync(historyPath, 'a+');
    try {
      // A line torn by a crash elsewhere must not swallow this one: start on a fresh line.
      const size = fstatSync(fd).size;
      const last = Buffer.alloc(1);
      const torn = size > 0 && readSync(fd, last, 0, 1, size - 1) === 1 && last[0] !== 0x0a;
      const bytes = Buffer.from(`${torn ? '\n' : ''}${line}\n`);
      let off = 0;
      while (off < bytes.length) off += writeSync(fd, bytes, off);
    } finally {
      closeSync(fd);
    }
  });
}

export function appendHistory(reportsDir: string, record: RunRecord, recordPath: string): string {
  const path = join(reportsDir, HISTORY_FILE);
  appendHistoryLine(path, JSON.stringify(historyEntry(record, recordPath, path)));
  return path;
}

export interface HistoryRead {
  entries: HistoryEntry[];
  /** Line numbers that did not parse (a crash mid-write elsewhere), skipped. */
  skipped: number[];
}

export function readHistory(historyPath: string): HistoryRead {
  if (!existsSync(historyPath)) return { entries: [], skipped: [] };
  const entries: HistoryEntry[] = [];
  const skipped: number[] = [];
  readFileSync(historyPath, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      try {
        const e = JSON.parse(line) as HistoryEntry;
        if (e.schema !== HISTORY_SCHEMA) throw new Error('schema');
        entries.push(e);
      } catch {
        skipped.push(i + 1);
      }
    });
  return { entries, skipped };
}

export function historyRecordPath(historyPath: string, e: HistoryEntry): string {
  return isAbsolute(e.record) ? e.record : resolve(dirname(historyPath), e.record);
}

export function requireHistory(historyPath: string): HistoryRead {
  if (!existsSync(historyPath)) throw new UsageError(`${historyPath}: no run history yet; runs append to it (mtgate run --reports ${dirname(historyPath)})`);
  return readHistory(historyPath);
}
