/**
 * Regenerates test/fixtures/reports/smoke-run.json, the run record the report
 * format tests read: a real run of suites/smoke.yaml with two extra gates
 * (one that fails on the int4 variant's low-resource pairs, one on cold start)
 * so the fixture has failing checks with evidence. Only paths are rewritten,
 * to repository-relative ones, so the file does not name this machine's folders.
 *
 *   npx tsx scripts/make-report-fixture.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../src/results/write.js';
import { runSuite } from '../src/run.js';
import { loadSuite } from '../src/suite/load.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const suite = loadSuite(join(root, 'suites/smoke.yaml'));
suite.gates.push(
  { id: 'int4-agrees', description: 'int4 keeps 95 % of greedy outputs identical to fp32.', metric: 'agreement.exact_match', variants: ['int4'], pairs: ['*'], devices: ['*'], severity: 'fail', min: 0.95 },
  { id: 'cold-start-budget', description: 'A fresh process translates within 10 s.', metric: 'cold_start.median_ms', variants: ['*'], pairs: ['*'], devices: ['*'], severity: 'fail', max: 10_000 },
);
const reports = mkdtempSync(join(tmpdir(), 'mtgate-fixture-'));
try {
  const record = await runSuite(suite, { reportsDir: reports });
  const text = JSON.stringify(record, null, 2).split(reports).join('reports').split(root).join('.');
  const out = join(root, 'test/fixtures/reports/smoke-run.json');
  writeFileAtomic(out, `${text}\n`);
  console.log(`wrote ${out}: ${record.cells.length} cells, gates ${record.gates.map((g) => `${g.id}=${g.status}`).join(' ')}`);
} finally {
  rmSync(reports, { recursive: true, force: true });
}
