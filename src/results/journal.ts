/**
 * The run journal: `journal.jsonl` in the run folder, one JSON line per
 * completed cell, appended and fsync'd as each cell completes. A run killed
 * with `kill -9` therefore loses at most the cell in flight, and
 * `mtgate run --resume <folder>` rebuilds everything else from here.
 *
 * Line 1 is a header naming the suite (path and sha256) so a resume can refuse
 * a suite that changed. A torn last line (the process died mid-write) is
 * ignored; a bad line anywhere else is a corrupt journal.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Translation } from '../decoding/translator.js';
import { UsageError } from '../errors.js';
import type { Cell } from './record.js';

export const JOURNAL_SCHEMA = 'mtgate.journal/1';
export const JOURNAL_FILE = 'journal.jsonl';

export interface JournalHeader {
  type: 'run';
  schema: typeof JOURNAL_SCHEMA;
  runId: string;
  startedAt: string;
  suite: { path: string; sha256: string };
}

/** What agreement and quality need of a translation, when it is replayed from the journal. */
export interface StoredOutput {
  text: string;
  tokenIds: number[];
  stoppedBy: Translation['stoppedBy'];
  nonFiniteLogits: boolean;
}

export interface JournalCell {
  type: 'cell';
  cell: Cell;
  /** Translation cells only: the outputs, so later measures can run without translating again. */
  outputs?: StoredOutput[];
}

export type JournalEntry = JournalHeader | JournalCell;

/** The key a cell is found by on resume: variant × dataset × measure. */
export function cellKey(c: Pick<Cell, 'variant' | 'dataset' | 'measure'>): string {
  return JSON.stringify([c.variant, c.dataset ?? null, c.measure]);
}

export function storeOutputs(outputs: readonly Translation[]): StoredOutput[] {
  return outputs.map((o) => ({ text: o.text, tokenIds: o.tokenIds, stoppedBy: o.stoppedBy, nonFiniteLogits: o.nonFiniteLogits }));
}

/** Translations rebuilt from the journal; timings are unknown (0) — only latency measures time, and it re-translates. */
export function replayOutputs(stored: readonly StoredOutput[]): Translation[] {
  return stored.map((o) => ({ ...o, encodeMs: 0, stepMs: [], wallMs: 0, sourceTokens: 0 }));
}

export class Journal {
  private fd: number | undefined;

  private constructor(readonly path: string) {}

  /** A new journal with its header line. */
  static create(folder: string, header: Omit<JournalHeader, 'type' | 'schema'>): Journal {
    const j = new Journal(join(folder, JOURNAL_FILE));
    j.fd = openSync(j.path, 'wx');
    j.append({ type: 'run', schema: JOURNAL_SCHEMA, ...header });
    return j;
  }

  /** An existing journal opened for appending (resume). */
  static reopen(folder: string): Journal {
    const j = new Journal(join(folder, JOURNAL_FILE));
    j.fd = openSync(j.path, 'a');
    return j;
  }

  append(entry: JournalEntry): void {
    if (this.fd === undefined) throw new Error(`journal ${this.path} is closed`);
    // One write of a whole line, then fsync: the line is on disk before the run moves on.
    writeSync(this.fd, `${JSON.stringify(entry)}\n`);
    fsyncSync(this.fd);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

export interface JournalContents {
  header: JournalHeader;
  /** Completed cells by cellKey; a later line for the same key wins. */
  cells: Map<string, JournalCell>;
  /** Whether the last line was torn (the writer died mid-line) and ignored. */
  tornTail: boolean;
}

export function readJournal(folder: string): JournalContents {
  const path = join(folder, JOURNAL_FILE);
  if (!existsSync(path)) {
    throw new UsageError(`${path}: no journal in this folder; --resume takes a run folder written by mtgate run (reports/<stamp>-<suite>)`);
  }
  const lines = readFileSync(path, 'utf8').split('\n');
  const complete = lines.pop() === ''; // a journal always ends with \n unless the last write was torn
  if (lines.length === 0) throw new UsageError(`${path}: the journal is empty; start the run again without --resume`);
  const entries: JournalEntry[] = [];
  let tornTail = !complete;
  lines.forEach((line, i) => {
    try {
      entries.push(JSON.parse(line) as JournalEntry);
    } catch {
      if (i === lines.length - 1 && complete) {
        // A line that made it out whole but unparseable can only be a torn write followed by nothing else.
        tornTail = true;
        return;
      }
      throw new UsageError(`${path}:${i + 1}: corrupt journal line (not JSON); the run folder cannot be resumed, start the run again`);
    }
  });
  const header = entries[0];
  if (!header || header.type !== 'run') throw new UsageError(`${path}:1: not an mtgate journal (no header line); start the run again`);
  if (header.schema !== JOURNAL_SCHEMA) {
    throw new UsageError(`${path}:1: journal schema ${String(header.schema)} is not ${JOURNAL_SCHEMA}; resume it with the mtgate version that wrote it`);
  }
  const cells = new Map<string, JournalCell>();
  entries.slice(1).forEach((e, i) => {
    if (e.type !== 'cell' || !e.cell || typeof e.cell.variant !== 'string' || typeof e.cell.measure !== 'string') {
      throw new UsageError(`${path}:${i + 2}: corrupt journal line (not a cell); start the run again`);
    }
    cells.set(cellKey(e.cell), e);
  });
  return { header, cells, tornTail };
}
