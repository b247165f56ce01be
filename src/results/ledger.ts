/**
 * The cell ledger: where the run loop puts every cell. A new cell is
 * journaled (fsync'd) as soon as it completes; on --resume, cells already in
 * the journal are replayed instead of measured again, so a resumed run ends
 * with the same cells, in the same order, as an uninterrupted one.
 *
 * Interruption (Ctrl-C, SIGTERM) arrives as an AbortSignal: the cell in flight
 * is abandoned (never recorded half-done) and `Interrupted` unwinds the loop,
 * which then writes what it has as a partial record.
 */
import { performance } from 'node:perf_hooks';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Translation } from '../decoding/translator.js';
import { describeError, UsageError } from '../errors.js';
import type { CellResult } from '../measures/measure.js';
import type { Suite } from '../suite/types.js';
import { cellKey, Journal, readJournal, replayOutputs, storeOutputs, type JournalCell } from './journal.js';
import { readRunRecord } from './read.js';
import type { Cell } from './record.js';
import { makeRunFolder } from './write.js';

export class Interrupted extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'Interrupted';
  }
}

type CellBase = Omit<Cell, 'values' | 'durationMs'>;

export class CellLedger {
  readonly cells: Cell[] = [];
  /** Cells taken from the journal rather than measured in this process. */
  replayed = 0;
  private readonly abort: Promise<never>;

  constructor(
    private readonly journal: Journal,
    private readonly done: Map<string, JournalCell>,
    private readonly signal?: AbortSignal,
  ) {
    this.abort = new Promise<never>((_, reject) => {
      const fire = () => reject(new Interrupted(reasonOf(signal)));
      if (signal?.aborted) fire();
      else signal?.addEventListener('abort', fire, { once: true });
    });
    this.abort.catch(() => {}); // observed by races only; never an unhandled rejection
  }

  /** Throws Interrupted when the run has been asked to stop. */
  checkpoint(): void {
    if (this.signal?.aborted) throw new Interrupted(reasonOf(this.signal));
  }

  /** Whether every one of these cells is already journaled (then their model need not be loaded). */
  allDone(bases: readonly Pick<Cell, 'variant' | 'dataset' | 'measure'>[]): boolean {
    return bases.every((b) => this.done.has(cellKey(b)));
  }

  /** The journaled outputs of a translation cell, as translations. */
  replayedOutputs(base: Pick<Cell, 'variant' | 'dataset' | 'measure'>): Translation[] | undefined {
    const entry = this.done.get(cellKey(base));
    return entry?.outputs ? replayOutputs(entry.outputs) : undefined;
  }

  /**
   * Measure one cell (or replay it from the journal). A thrown error becomes
   * the cell's error; an interruption abandons the cell and propagates.
   */
  async cell(base: CellBase, run: () => Promise<CellResult>, outputsOf?: () => readonly Translation[]): Promise<Cell> {
    const replay = this.replay(base);
    if (replay) return replay;
    this.checkpoint();
    const t0 = performance.now();
    let cell: Cell;
    const work = run();
    work.catch(() => {}); // an abandoned cell may still fail after the interruption
    try {
      const { values, details, invalid } = await Promise.race([work, this.abort]);
      // An INVALID cell (run contract unmet) keeps its values and says why; gates fail closed on it.
      cell = { ...base, values, details, ...(invalid ? { invalid } : {}), durationMs: performance.now() - t0 };
    } catch (err) {
      if (err instanceof Interrupted) throw err;
      // A child killed by the same Ctrl-C fails its cell: that is the interruption, not a result.
      this.checkpoint();
      cell = { ...base, values: {}, error: describeError(err), durationMs: performance.now() - t0 };
    }
    const outputs = outputsOf && !cell.error ? storeOutputs(outputsOf()) : undefined;
    return this.keep(cell, outputs);
  }

  /** A cell decided without measuring (e.g. an error inherited from a failed model load). */
  record(cell: Cell): Cell {
    return this.replay(cell) ?? this.keep(cell);
  }

  close(): void {
    this.journal.close();
  }

  private replay(base: Pick<Cell, 'variant' | 'dataset' | 'measure'>): Cell | undefined {
    const entry = this.done.get(cellKey(base));
    if (!entry) return undefined;
    this.cells.push(entry.cell);
    this.replayed++;
    return entry.cell;
  }

  private keep(cell: Cell, outputs?: ReturnType<typeof storeOutputs>): Cell {
    this.journal.append({ type: 'cell', cell, ...(outputs ? { outputs } : {}) });
    this.cells.push(cell);
    return cell;
  }
}

function reasonOf(signal: AbortSignal | undefined): string {
  const r: unknown = signal?.reason;
  if (typeof r === 'string') return r;
  if (r instanceof Error && r.name !== 'AbortError') return r.message;
  return 'interrupted';
}

export interface RunSession {
  folder: string;
  runId: string;
  startedAt: Date;
  ledger: CellLedger;
  /** When this process took over a run folder with --resume. */
  resumedAt?: string;
}

/**
 * A new run folder with a fresh journal, or (resume) an existing run folder
 * whose journal is replayed. The suite must be byte-identical to the one the
 * run started with, or the resumed cells would not belong together.
 */
export function openRunSession(suite: Suite, opts: { reportsDir: string; resume?: string; signal?: AbortSignal }): RunSession {
  if (!opts.resume) {
    const startedAt = new Date();
    const folder = makeRunFolder(opts.reportsDir, suite.name, startedAt);
    const runId = folder.split(/[\\/]/).pop() ?? folder;
    const journal = Journal.create(folder, { runId, startedAt: startedAt.toISOString(), suite: { path: suite.path, sha256: suite.sha256 } });
    return { folder, runId, startedAt, ledger: new CellLedger(journal, new Map(), opts.signal) };
  }
  const folder = resolve(opts.resume);
  const { header, cells } = readJournal(folder);
  checkResumable(folder, suite, header.suite);
  return {
    folder,
    runId: header.runId,
    startedAt: new Date(header.startedAt),
    resumedAt: new Date().toISOString(),
    ledger: new CellLedger(Journal.reopen(folder), cells, opts.signal),
  };
}

function checkResumable(folder: string, suite: Suite, journaled: { path: string; sha256: string }): void {
  if (journaled.sha256 !== suite.sha256) {
    throw new UsageError(
      `${suite.path}: the suite changed since run ${folder} started (sha256 ${journaled.sha256.slice(0, 12)} → ${suite.sha256.slice(0, 12)}); restore it or start a new run`,
    );
  }
  const recordPath = join(folder, 'run.json');
  if (existsSync(recordPath)) {
    const record = readRunRecord(recordPath);
    if (!record.partial) throw new UsageError(`${recordPath}: this run is complete (not partial); nothing to resume`);
  }
}

/** The suite file a run folder's journal names, for `mtgate run --resume <folder>` without a suite argument. */
export function journaledSuitePath(folder: string): string {
  return readJournal(resolve(folder)).header.suite.path;
}

/**
 * Run timing across resumes: durationMs adds up the segments that wrote a
 * record (a segment killed with -9 left none, so its time is not counted),
 * and resumedAt lists when each resume began.
 */
export function resumeHistory(folder: string, resumedAt: string | undefined, segmentMs: number): { durationMs: number; resumedAt?: string[] } {
  if (!resumedAt) return { durationMs: segmentMs };
  const recordPath = join(folder, 'run.json');
  const previous = existsSync(recordPath) ? readRunRecord(recordPath).run : undefined;
  return { durationMs: (previous?.durationMs ?? 0) + segmentMs, resumedAt: [...(previous?.resumedAt ?? []), resumedAt] };
}
