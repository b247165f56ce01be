/** Child process for the concurrency test: appends `count` history lines tagged with `writer`. */
import { appendHistoryLine } from '../../../src/results/history.js';

const [file, writer, count, size] = process.argv.slice(2);
for (let i = 0; i < Number(count); i++) {
  // Lines far larger than PIPE_BUF, with a payload that would show interleaving.
  const token = `${writer}:${i}:`;
  const payload = token.repeat(Math.ceil(Number(size) / token.length)).slice(0, Number(size));
  appendHistoryLine(file, JSON.stringify({ writer: Number(writer), i, payload }));
}
