/**
 * The run record the report tests read: test/fixtures/reports/smoke-run.json, a real
 * run of suites/smoke.yaml (regenerate with `npx tsx scripts/make-report-fixture.ts`),
 * and variants of it that add what later gate work records (warn/waived verdicts,
 * waivers, significance evidence) and a hostile model output.
 */
import { readFileSync } from 'node:fs';
import type { RunRecord } from '../../src/results/record.js';

export const EVIL = `<script>alert(1)</script><img src=x onerror="alert('x')"> & ]]> "q" \u0001`;

export function smokeRecord(): RunRecord {
  return JSON.parse(readFileSync(new URL('../fixtures/reports/smoke-run.json', import.meta.url), 'utf8')) as RunRecord;
}

/** The smoke record with a hostile hypothesis and source in the worst divergent examples. */
export function hostileRecord(): RunRecord {
  const r = smokeRecord();
  const cell = r.cells.find((c) => c.measure === 'agreement' && (c.details?.worstExamples as unknown[] | undefined)?.length);
  if (!cell) throw new Error('fixture has no worst examples');
  const ex = (cell.details!.worstExamples as Record<string, unknown>[])[0];
  ex.output = EVIL;
  ex.source = EVIL;
  return r;
}

/** The smoke record as the extended gates will write it: warn/waived verdicts, a waiver, significance evidence, rule fields. */
export function extendedGatesRecord(): RunRecord {
  const r = smokeRecord();
  const gates = r.gates as unknown as Record<string, unknown>[];
  const waiver = { id: 'int4-sw', rule: 'int4-agrees', variants: ['int4'], pairs: ['en-sw'], devices: ['*'], reason: 'known int4 drift on sw', owner: 'alice', expires: '2099-01-01', state: 'active' };
  const int4 = gates.find((g) => g.id === 'int4-agrees')!;
  int4.severity = 'fail';
  int4.scope = { variants: ['int4'], pairs: ['*'], devices: ['*'] };
  for (const c of int4.checks as Record<string, unknown>[]) {
    if (c.status === 'fail') Object.assign(c, { status: 'waived', waiver, device: 'CPU' });
  }
  int4.status = 'waived';
  const bleu = gates.find((g) => g.id === 'int8-keeps-bleu')!;
  bleu.severity = 'warn';
  const check = (bleu.checks as Record<string, unknown>[])[0];
  Object.assign(check, {
    status: 'warn',
    reason: `delta -0.4 < min_delta -0.1 (p = 0.01 < 0.05) ${EVIL}`,
    significance: { kind: 'paired-test', test: 'bs', samples: 1000, alpha: 0.05, pValue: 0.01, significant: true, comparedScore: 50, score: 49.6, mean: 49.6, ci: 1.2, signature: 'nrefs:1|bs:1000|seed:12345' },
  });
  bleu.status = 'warn';
  (r as unknown as { waivers: unknown[] }).waivers = [waiver, { ...waiver, id: 'old', expires: '2020-01-01', state: 'expired' }];
  return r;
}
