import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { appendHistoryLine, historyEntry, readHistory, withFileLock } from '../../src/results/history.js';
import type { RunRecord } from '../../src/results/record.js';

const HELPER = fileURLToPath(new URL('./helpers/append-history.ts', import.meta.url));

function child(file: string, writer: number, count: number, size: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', HELPER, file, String(writer), String(count), String(size)], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d) => (err += d));
    p.on('error', reject);
    p.on('close', (code) => (code === 0 ? resolve(code) : reject(new Error(`writer ${writer} exited ${code}: ${err}`))));
  });
}

test('8 processes × 20 appends at once: every line intact, parseable and present once', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mtgate-history-'));
  const file = join(dir, 'history.jsonl');
  const writers = 8;
  const count = 20;
  // 70 KB lines: far over any atomic-write size, so only the lock keeps them whole.
  await Promise.all(Array.from({ length: writers }, (_, w) => child(file, w, count, 70_000)));
  const lines = readFileSync(file, 'utf8').split('\n');
  assert.equal(lines.pop(), '', 'the file ends with a newline');
  assert.equal(lines.length, writers * count);
  const seen = new Set<string>();
  for (const line of lines) {
    const e = JSON.parse(line) as { writer: number; i: number; payload: string };
    assert.equal(e.payload.length, 70_000);
    assert.ok(e.payload.startsWith(`${e.writer}:${e.i}:`) && !e.payload.replaceAll(`${e.writer}:${e.i}:`, '').match(/:\d+:/), 'payload not mixed with another writer');
    seen.add(`${e.writer}/${e.i}`);
  }
  assert.equal(seen.size, writers * count);
  // Per writer, its lines keep their order.
  for (let w = 0; w < writers; w++) {
    const mine = lines.map((l) => JSON.parse(l) as { writer: number; i: number }).filter((e) => e.writer === w).map((e) => e.i);
    assert.deepEqual(mine, [...Array(count).keys()]);
  }
  assert.ok(!existsSync(`${file}.lock`), 'the lock is released');
});

test('a lock left by a dead process is broken; a live holder is waited for', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mtgate-lock-'));
  const file = join(dir, 'history.jsonl');
  writeFileSync(`${file}.lock`, '999999999');
  appendHistoryLine(file, '{"a":1}');
  assert.equal(readFileSync(file, 'utf8'), '{"a":1}\n');
  writeFileSync(`${file}.lock`, String(process.pid));
  assert.throws(() => withFileLock(file, () => 1, 200), /held by another mtgate process/);
});

test('readHistory skips a torn line and reports it; newlines inside a line are refused', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mtgate-torn-'));
  const file = join(dir, 'history.jsonl');
  const record = {
    run: { id: 'r1', startedAt: '2026-01-01T00:00:00Z', finishedAt: '2026-01-01T00:01:00Z', durationMs: 1, folder: join(dir, 'r1') },
    suite: { name: 's', path: '/s.yaml', sha256: 'x', reference: 'a' },
    environment: { os: 'linux', arch: 'x64', cpu: 'cpu', cores: 2, memoryGiB: 1, node: 'v20', engines: {} },
    variants: [{ id: 'a', model: 'm', modelDir: '/m', layout: 'l', engine: 'onnxruntime', engineVersion: '1.30.0', device: 'CPU', engineOptions: {}, maxLength: 8, isReference: true }],
    cells: [{ variant: 'a', pair: 'en-de', dataset: 'd', measure: 'quality', values: { bleu: 40, chrf: NaN }, durationMs: 1 }],
    outcome: { exitCode: 0, failedGates: [], erroredCells: 0 },
  } as unknown as RunRecord;
  const entry = historyEntry(record, join(dir, 'r1', 'run.json'), file);
  assert.deepEqual(entry.metrics, { 'a|en-de|bleu': 40 }, 'non-finite values are left out');
  assert.equal(entry.record, join('r1', 'run.json'));
  assert.equal(entry.fingerprint.variants.a.engineVersion, '1.30.0');
  appendHistoryLine(file, JSON.stringify(entry));
  appendFileSync(file, '{"schema":"mtgate.history/1","id":"cut-of');
  appendHistoryLine(file, JSON.stringify({ ...entry, id: 'r2' }));
  const { entries, skipped } = readHistory(file);
  assert.deepEqual(entries.map((e) => e.id), ['r1', 'r2'], 'the next append starts on a fresh line');
  assert.deepEqual(skipped, [2]);
  assert.throws(() => appendHistoryLine(file, 'a\nb'), /newline/);
});
