/**
 * Child processes a run has started and not yet reaped, so an interrupted
 * run (or one that exits for any reason) never leaves a hung child behind.
 */
import type { ChildProcess } from 'node:child_process';

const live = new Set<ChildProcess>();

export function trackChild(child: ChildProcess): void {
  live.add(child);
  child.once('close', () => live.delete(child));
}

export function killChildren(): void {
  for (const child of live) child.kill('SIGKILL');
}

process.once('exit', killChildren);
