/**
 * Reading a run record back (resume, and later `mtgate gate` / `report`):
 * a missing, corrupt, foreign or other-version file is one UsageError line
 * saying what is wrong and what to do, never a stack trace or a half-read record.
 */
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { RECORD_SCHEMA, type RunRecord } from './record.js';

/** Accepts run.json or the run folder that holds it. */
export function runRecordPath(path: string): string {
  const abs = resolve(path);
  try {
    return statSync(abs).isDirectory() ? join(abs, 'run.json') : abs;
  } catch {
    return abs;
  }
}

export function readRunRecord(path: string): RunRecord {
  const file = runRecordPath(path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw new UsageError(`${file}: ${code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? 'error'})`}; pass a run folder or its run.json`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${file}: corrupt run record (not JSON: ${(err as Error).message}); re-run the suite`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new UsageError(`${file}: not an mtgate run record (not a JSON object)`);
  const schema = (data as { schema?: unknown }).schema;
  if (typeof schema !== 'string' || !schema.startsWith('mtgate.run/')) {
    throw new UsageError(`${file}: not an mtgate run record (no "schema": "${RECORD_SCHEMA}")`);
  }
  if (schema !== RECORD_SCHEMA) {
    const [, version] = schema.split('/');
    const ours = Number(RECORD_SCHEMA.split('/')[1]);
    const theirs = Number(version);
    const what = Number.isFinite(theirs) && theirs < ours ? 'an older' : 'a newer';
    throw new UsageError(`${file}: record schema ${schema} is ${what} format than this mtgate reads (${RECORD_SCHEMA}); use the mtgate version that wrote it, or re-run the suite`);
  }
  const r = data as Partial<RunRecord>;
  const missing = (['mtgateVersion', 'run', 'suite', 'environment', 'variants', 'datasets', 'cells', 'gates', 'outcome'] as const).filter(
    (k) => r[k] === undefined || r[k] === null,
  );
  if (missing.length) throw new UsageError(`${file}: corrupt run record: missing ${missing.map((k) => `"${k}"`).join(', ')}; re-run the suite`);
  if (!Array.isArray(r.cells) || !Array.isArray(r.variants) || !Array.isArray(r.datasets) || !Array.isArray(r.gates)) {
    throw new UsageError(`${file}: corrupt run record: cells, variants, datasets and gates must be lists; re-run the suite`);
  }
  r.cells.forEach((c, i) => {
    if (!c || typeof c.variant !== 'string' || typeof c.measure !== 'string' || typeof c.values !== 'object' || c.values === null) {
      throw new UsageError(`${file}: corrupt run record: cells[${i}] lacks variant, measure or values; re-run the suite`);
    }
  });
  return r as RunRecord;
}
