/** Run folders and atomic file writes (temp file + rename), so a reader never sees half a file. */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(tmp, content);
  renameSync(tmp, path);
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
