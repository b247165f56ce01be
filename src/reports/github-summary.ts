/**
 * GitHub Actions step summary: when GITHUB_STEP_SUMMARY names a file, the
 * Markdown report is appended to it. Several steps (or a matrix of runs on
 * one runner) may append to the same file, so the whole text goes in one
 * O_APPEND write, which the kernel does not interleave with other appends.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

/** GitHub rejects a step summary over 1 MiB; stay below it with room for other steps. */
export const STEP_SUMMARY_LIMIT = 900 * 1024;

/** Cuts at a section boundary (`## `) so the Markdown stays well-formed, and says where the rest is. */
export function fitStepSummary(markdown: string, pointer: string, limit = STEP_SUMMARY_LIMIT): string {
  if (Buffer.byteLength(markdown) <= limit) return markdown;
  const note = `\n\n_Summary cut to fit GitHub's step-summary limit; the full report is ${pointer}._\n`;
  let cut = markdown.slice(0, limit - Buffer.byteLength(note));
  while (Buffer.byteLength(cut) > limit - Buffer.byteLength(note)) cut = cut.slice(0, -1024);
  const boundary = cut.lastIndexOf('\n## ');
  return `${boundary > 0 ? cut.slice(0, boundary) : cut}${note}`;
}

/** Appends when GITHUB_STEP_SUMMARY is set; returns the file written, or undefined. */
export function appendStepSummary(markdown: string, pointer: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const file = env.GITHUB_STEP_SUMMARY;
  if (!file) return undefined;
  const text = `${fitStepSummary(markdown, pointer).trimEnd()}\n\n`;
  const fd = openSync(file, 'a');
  try {
    const bytes = Buffer.from(text);
    // One write call for the whole buffer; a short write on a regular file only happens when the disk is full.
    const n = writeSync(fd, bytes, 0, bytes.length);
    if (n !== bytes.length) throw new Error(`${file}: wrote ${n} of ${bytes.length} bytes of the step summary (disk full?)`);
  } finally {
    closeSync(fd);
  }
  return file;
}
