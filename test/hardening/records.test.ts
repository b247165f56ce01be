/**
 * Records and journals read back: a missing, corrupt, foreign, older or
 * newer file is one clear UsageError; a torn journal tail (kill -9 mid-write)
 * is tolerated; resume refuses a changed suite; run folders and atomic
 * writes stay distinct when several writers share reports/.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { UsageError } from '../../src/errors.js';
import { cellKey, Journal, JOURNAL_FILE, readJournal } from '../../src/results/journal.js';
import { openRunSession } from '../../src/results/ledger.js';
import { readRunRecord } from '../../src/results/read.js';
import { makeRunFolder } from '../../src/results/write.js';
import { loadSuite } from '../../src/suite/load.js';
import { ROOT, suiteYaml, tempDir, write } from './helpers.js';

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    assert.ok(err instanceof UsageError, `a UsageError, got ${String(err)}`);
    assert.equal(err.message.split('\n').length, 1);
    return err.message;
  }
  return assert.fail('expected a refusal');
}

const goodRecord = {
  schema: 'mtgate.run/1',
  mtgateVersion: '0.1.0',
  run: { id: 'r', startedAt: '', finishedAt: '', durationMs: 1, folder: '/x' },
  suite: { name: 's', path: '/s.yaml', sha256: 'x', reference: 'a' },
  environment: {},
  variants: [],
  datasets: [],
  cells: [{ variant: 'a', measure: 'quality', values: { bleu: 1 }, durationMs: 1 }],
  gates: [],
  outcome: { exitCode: 0, failedGates: [], erroredCells: 0 },
};

test('readRunRecord: good records load; missing, corrupt, foreign and other-version records are one clear line', () => {
  const dir = tempDir('records');
  const file = (name: string, content: unknown) => write(dir, name, typeof content === 'string' ? content : JSON.stringify(content));
  assert.equal(readRunRecord(file('good.json', goodRecord)).cells.length, 1);
  mkdirSync(join(dir, 'folder'));
  writeFileSync(join(dir, 'folder', 'run.json'), JSON.stringify(goodRecord));
  assert.equal(readRunRecord(join(dir, 'folder')).run.id, 'r', 'a run folder is accepted for its run.json');

  const cases: [string, unknown, RegExp][] = [
    ['truncated', JSON.stringify(goodRecord).slice(0, 80), /corrupt run record \(not JSON: .*\); re-run the suite$/],
    ['array', '[]', /not an mtgate run record \(not a JSON object\)/],
    ['foreign', { hello: 1 }, /not an mtgate run record \(no "schema": "mtgate\.run\/1"\)/],
    ['older', { ...goodRecord, schema: 'mtgate.run/0' }, /record schema mtgate\.run\/0 is an older format than this mtgate reads \(mtgate\.run\/1\)/],
    ['newer', { ...goodRecord, schema: 'mtgate.run/7' }, /record schema mtgate\.run\/7 is a newer format/],
    ['missing fields', { schema: 'mtgate.run/1', cells: [] }, /corrupt run record: missing "mtgateVersion", "run", .*"outcome"/],
    ['cells not a list', { ...goodRecord, cells: {} }, /cells, variants, datasets and gates must be lists/],
    ['bad cell', { ...goodRecord, cells: [{ variant: 'a' }] }, /cells\[0\] lacks variant, measure or values/],
  ];
  for (const [name, content, expected] of cases) assert.match(refusal(() => readRunRecord(file(`${name}.json`, content))), expected, name);
  assert.match(refusal(() => readRunRecord(join(dir, 'absent'))), /absent: no such file; pass a run folder or its run\.json/);
});

test('journal: a torn last line is ignored, a corrupt middle line or foreign header is refused', () => {
  const dir = tempDir('journal');
  const j = Journal.create(dir, { runId: 'r', startedAt: new Date(0).toISOString(), suite: { path: '/s.yaml', sha256: 'abc' } });
  const cell = { variant: 'a', dataset: 'd', measure: 'quality', values: { bleu: 1 }, durationMs: 1 };
  j.append({ type: 'cell', cell });
  j.append({ type: 'cell', cell: { ...cell, measure: 'translation' }, outputs: [{ text: 'x', tokenIds: [1], stoppedBy: 'eos', nonFiniteLogits: false }] });
  j.close();
  const path = join(dir, JOURNAL_FILE);
  appendFileSync(path, '{"type":"cell","cell":{"variant":"a","meas'); // kill -9 mid-write
  const read = readJournal(dir);
  assert.equal(read.tornTail, true);
  assert.equal(read.cells.size, 2);
  assert.deepEqual(read.cells.get(cellKey(cell))?.cell.values, { bleu: 1 });

  const lines = readFileSync(path, 'utf8').split('\n');
  writeFileSync(path, [lines[0], 'garbage', lines[1], ''].join('\n'));
  assert.match(refusal(() => readJournal(dir)), /journal\.jsonl:2: corrupt journal line \(not JSON\)/);
  writeFileSync(path, `${JSON.stringify({ type: 'run', schema: 'mtgate.journal/9' })}\n`);
  assert.match(refusal(() => readJournal(dir)), /journal\.jsonl:1: journal schema mtgate\.journal\/9 is not mtgate\.journal\/1/);
  writeFileSync(path, '');
  assert.match(refusal(() => readJournal(dir)), /the journal is empty/);
  assert.match(refusal(() => readJournal(join(dir, 'nope'))), /no journal in this folder; --resume takes a run folder/);
});

test('resume refuses a suite that changed since the run started', () => {
  const dir = tempDir('changed');
  const file = write(dir, 's.yaml', suiteYaml());
  const first = openRunSession(loadSuite(file), { reportsDir: join(dir, 'reports') });
  first.ledger.close();
  write(dir, 's.yaml', suiteYaml({ gates: '  - { id: floor, metric: bleu, min: 11 }' }));
  assert.match(refusal(() => openRunSession(loadSuite(file), { reportsDir: '', resume: first.folder })), /s\.yaml: the suite changed since run .* started \(sha256 [0-9a-f]{12} → [0-9a-f]{12}\); restore it or start a new run/);
});

test('concurrent runs get distinct folders and atomic writes never tear, across processes', async () => {
  const dir = tempDir('concurrent');
  const at = new Date('2026-01-01T00:00:00Z');
  const script = `
    import { makeRunFolder, writeFileAtomic } from './src/results/write.ts';
    const at = new Date('2026-01-01T00:00:00Z');
    for (let i = 0; i < 15; i++) makeRunFolder(process.argv[1], 'same', at);
    for (let i = 0; i < 30; i++) writeFileAtomic(process.argv[1] + '/shared.txt', process.argv[2].repeat(200_000));
  `;
  // Two processes at once, both making run folders for the same second and rewriting the same file.
  const codes = await Promise.all(
    ['a', 'b'].map(
      (ch) =>
        new Promise<number | null>((resolve) => {
          const p = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, join(dir, 'r'), ch], { cwd: ROOT, stdio: 'inherit' });
          p.on('close', resolve);
        }),
    ),
  );
  assert.deepEqual(codes, [0, 0]);
  for (let i = 0; i < 5; i++) makeRunFolder(join(dir, 'r'), 'same', at);
  const folders = readdirSync(join(dir, 'r')).filter((f) => f.startsWith('20260101'));
  assert.equal(folders.length, 35);
  assert.equal(new Set(folders).size, 35);
  const shared = readFileSync(join(dir, 'r', 'shared.txt'), 'utf8');
  assert.ok(shared === 'a'.repeat(200_000) || shared === 'b'.repeat(200_000), 'one writer wins whole');
  assert.deepEqual(readdirSync(join(dir, 'r')).filter((f) => f.endsWith('.tmp')), [], 'no temp files left behind');
});
