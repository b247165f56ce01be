/** Progress on stderr: a live line on a terminal, one line per stage elsewhere (CI logs). */
import type { ProgressEvent } from '../run.js';

export function progressPrinter(stream: NodeJS.WriteStream = process.stderr): { onProgress: (e: ProgressEvent) => void; done: () => void } {
  const live = stream.isTTY === true;
  let lastLength = 0;
  const onProgress = (e: ProgressEvent) => {
    const text = `[${e.variantIndex}/${e.variantCount} ${e.variant}]${e.dataset ? ` ${e.dataset}` : ''} ${e.message}`;
    if (live) {
      stream.write(`\r${text.padEnd(lastLength)}`);
      lastLength = text.length;
    } else if (e.stage) {
      stream.write(`${text}\n`);
    }
  };
  const done = () => {
    if (live && lastLength) stream.write(`\r${' '.repeat(lastLength)}\r`);
  };
  return { onProgress, done };
}
