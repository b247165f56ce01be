/** Run folders and atomic file writes (temp file + rename), so a reader never sees half a file. */
import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  // Random, not time-based: two writers (or two writes in one millisecond) never share a temp file.
  const tmp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** reports/<UTC timestamp>-<suite>, made unique if two runs start in the same second. */
export function makeRunFolder(reportsDir: string, suiteName: string, startedAt: Date): string {
  const stamp = startedAt.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  mkdirSync(reportsDir, { recursive: true });
  for (let i = 0; ; i++) {
    const folder = join(reportsDir, `${stamp}-${suiteName}${i ? `-${i}` : ''}`);
    try {
      mkdirSync(folder);
      return folder;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
}

export function writeHypotheses(folder: string, variant: string, dataset: string, tgtLang: string, lines: readonly string[]): string {
  const path = join(folder, 'hypotheses', variant, `${dataset}.${tgtLang}`);
  writeFileAtomic(path, lines.map((l) => `${l}\n`).join(''));
  return path;
}
