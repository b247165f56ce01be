/**
 * Interruptions through the real CLI: SIGINT mid-run writes a partial record
 * and `--resume` finishes it; kill -9 mid-run loses at most the cell in
 * flight and `--resume` rebuilds the rest from the journal. Either way the
 * final record's cells equal an uninterrupted run's (timings aside).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { RunRecord } from '../../src/results/record.js';
import { mtgate } from '../e2e/cli.js';
import { ROOT, suiteYaml, tempDir, write } from './helpers.js';

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

const SUITE = suiteYaml({
  measures: [
    '  cold_start: { samples: 1, timeout_s: 60 }',
    '  quality: { metrics: [bleu, chrf, ter] }',
    '  agreement: {}',
    '  latency: { sentences: 2, min_samples: 4, min_time_ms: 250, warmup_samples: 1 }',
  ].join('\n'),
});

const journalLines = (folder: string) => (existsSync(join(folder, 'journal.jsonl')) ? readFileSync(join(folder, 'journal.jsonl'), 'utf8').split('\n').filter(Boolean).length : 0);
const runFolder = (reports: string) => (existsSync(reports) ? readdirSync(reports).map((f) => join(reports, f))[0] : undefined);
const readRecord = (folder: string) => JSON.parse(readFileSync(join(folder, 'run.json'), 'utf8')) as RunRecord;

/** Starts `mtgate run`, sends `signal` once the journal holds `afterLines` lines, and waits for the exit. */
async function interruptedRun(suite: string, reports: string, signal: NodeJS.Signals, afterLines: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'run', suite, '--reports', reports], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdout.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, sig) => resolve({ code, signal: sig })));
  let sent = false;
  const poll = setInterval(() => {
    const folder = runFolder(reports);
    if (!sent && folder && journalLines(folder) >= afterLines) {
      sent = true;
      child.kill(signal);
    }
  }, 10);
  const result = await exited.finally(() => clearInterval(poll));
  assert.ok(sent, `the run ended before it could be interrupted:\n${stderr}`);
  return { ...result, stderr, folder: runFolder(reports)! };
}

/** What must not depend on whether the run was interrupted: cell order, errors, deterministic values and outputs. */
function comparable(record: RunRecord) {
  return record.cells.map((c) => ({
    key: [c.variant, c.dataset, c.measure],
    error: c.error,
    values: ['quality', 'agreement'].includes(c.measure) ? c.values : Object.keys(c.values).sort(),
    outputs: c.measure === 'translation' ? readFileSync(String(c.details?.hypotheses), 'utf8') : undefined,
    worst: c.measure === 'agreement' ? c.details?.worstExamples : undefined,
  }));
}

test('SIGINT mid-run, then --resume; kill -9 mid-run, then --resume: records equal an uninterrupted run', { timeout: 240_000 }, async () => {
  const dir = tempDir('interrupt');
  const suite = write(dir, 'suite.yaml', SUITE);

  const whole = mtgate(['run', suite, '--reports', join(dir, 'whole')]);
  assert.equal(whole.code, 0, whole.stderr);
  const expected = comparable(readRecord(runFolder(join(dir, 'whole'))!));

  // SIGINT: results so far flushed, the folder marked partial, exit 3, and the way to resume printed.
  const int = await interruptedRun(suite, join(dir, 'int'), 'SIGINT', 4);
  assert.equal(int.code, 3, int.stderr);
  const partial = readRecord(int.folder);
  assert.equal(partial.partial, true);
  assert.equal(partial.partialReason, 'interrupted by SIGINT');
  assert.equal(partial.outcome.exitCode, 3);
  assert.equal(partial.cells.length, journalLines(int.folder) - 1, 'the partial record holds exactly the journaled cells');
  assert.ok(partial.cells.length < expected.length);
  assert.match(readFileSync(join(int.folder, 'report.md'), 'utf8'), /> \*\*Partial run\*\* \(interrupted by SIGINT\)/);
  assert.match(int.stderr, new RegExp(`finish it with: mtgate run --resume ${int.folder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  const resumed = mtgate(['run', '--resume', int.folder]);
  assert.equal(resumed.code, 0, resumed.stderr);
  const final = readRecord(int.folder);
  assert.equal(final.partial, undefined);
  assert.equal(final.run.resumedAt?.length, 1);
  assert.equal(final.run.id, partial.run.id);
  assert.deepEqual(comparable(final), expected);
  assert.equal(journalLines(int.folder) - 1, expected.length, 'no cell was measured twice');

  // kill -9: no record at all, only the journal; resume rebuilds everything.
  const kill = await interruptedRun(suite, join(dir, 'kill'), 'SIGKILL', 6);
  assert.equal(kill.signal, 'SIGKILL');
  assert.ok(!existsSync(join(kill.folder, 'run.json')));
  const journaled = journalLines(kill.folder) - 1;
  assert.ok(journaled >= 5 && journaled < expected.length);
  const again = mtgate(['run', '--resume', kill.folder]);
  assert.equal(again.code, 0, again.stderr);
  assert.deepEqual(comparable(readRecord(kill.folder)), expected);

  // A finished run cannot be resumed; a changed suite cannot resume an old run.
  const done = mtgate(['run', '--resume', kill.folder]);
  assert.equal(done.code, 2);
  assert.match(done.stderr, /^mtgate: .*run\.json: this run is complete \(not partial\); nothing to resume\n$/);
});

test('SIGTERM in process: the run stops at the next cell boundary, writes a partial record, and resumes in process', { timeout: 60_000 }, async () => {
  const { interruptOnSignals } = await import('../../src/cli/interrupt.js');
  const { runSuite } = await import('../../src/run.js');
  const { loadSuite } = await import('../../src/suite/load.js');
  const dir = tempDir('sigterm');
  const suite = loadSuite(write(dir, 'suite.yaml', suiteYaml({ limit: 5 })));
  const interrupt = interruptOnSignals(() => {});
  let sent = false;
  const partial = await runSuite(suite, {
    reportsDir: join(dir, 'reports'),
    signal: interrupt.signal,
    onProgress: (e) => {
      if (!sent && e.dataset === 'en-sw' && e.stage) {
        sent = true;
        (process.emit as (event: string, signal: string) => boolean)('SIGTERM', 'SIGTERM');
      }
    },
  }).finally(() => interrupt.dispose());
  assert.equal(partial.partial, true);
  assert.equal(partial.partialReason, 'interrupted by SIGTERM');
  assert.deepEqual(partial.cells.map((c) => `${c.variant} ${c.dataset} ${c.measure}`), ['fp32 de translation', 'fp32 de quality']);
  const done = await runSuite(suite, { reportsDir: join(dir, 'reports'), resume: partial.run.folder });
  assert.equal(done.partial, undefined);
  assert.equal(done.outcome.exitCode, 0);
  assert.equal(done.cells.length, 2 * 2 * 2 + 2); // translation + quality per variant and pair, agreement for int8
});
