/**
 * Reads reports/history.jsonl (one summary line per run, written by the
 * history module) for trend charts. The file may be absent, growing while we
 * read, or written by a newer mtgate: lines that do not parse or lack the
 * fields a trend needs are skipped, never fatal.
 */
import { readFileSync } from 'node:fs';

export interface HistoryPoint {
  run: string;
  suite: string;
  startedAt: string;
  /** `variant|pair|metric` → value (pair empty for variant-level metrics). */
  metrics: Record<string, number>;
}

export function readHistory(path: string): HistoryPoint[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return [];
  }
  const points: HistoryPoint[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let o: Record<string, unknown>;
    try {
      o = JSON.parse(line) as Record<string, unknown>;
    } catch {
      continue; // a torn last line from a writer still at work
    }
    const suite = typeof o.suite === 'string' ? o.suite : (o.suite as { name?: unknown } | undefined)?.name;
    const run = typeof o.id === 'string' ? o.id : (o.run as { id?: unknown } | undefined)?.id;
    const startedAt = typeof o.startedAt === 'string' ? o.startedAt : (o.run as { startedAt?: unknown } | undefined)?.startedAt;
    if (typeof suite !== 'string' || typeof run !== 'string' || typeof startedAt !== 'string' || !o.metrics || typeof o.metrics !== 'object') continue;
    const metrics: Record<string, number> = {};
    for (const [k, v] of Object.entries(o.metrics as Record<string, unknown>)) if (typeof v === 'number' && Number.isFinite(v)) metrics[k] = v;
    points.push({ run, suite, startedAt, metrics });
  }
  return points;
}
