/**
 * The WMT21 showcase suites reproduce the official WMT21 automatic scores for
 * every system they include (datasets/wmt21/automatic-scores.subset.tsv, rows
 * copied unmodified from the upstream table), gate with paired significance,
 * and say so in the record.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { runSuite } from '../../src/run.js';
import { loadSuite } from '../../src/suite/load.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const official = new Map<string, number>();
for (const line of readFileSync(`${ROOT}datasets/wmt21/automatic-scores.subset.tsv`, 'utf8').trim().split('\n').slice(1)) {
  const [pair, system, , , metric, score] = line.split('\t');
  official.set(`${pair}/${system}/${metric}`, Number(score));
}

/** en-de uses reference A (`-A` rows); de-en both references (`-all` = A+B). */
const CASES = [
  { suite: 'suites/wmt21-en-de.yaml', pair: 'en-de', refs: 'A', nrefs: 1 },
  { suite: 'suites/wmt21-de-en.yaml', pair: 'de-en', refs: 'all', nrefs: 2 },
];

describe('WMT21 showcase suites', () => {
  for (const c of CASES) {
    it(`${c.suite}: BLEU and chrF equal the official table; gates pass with waivers and warnings`, async () => {
      const suite = loadSuite(`${ROOT}${c.suite}`);
      const record = await runSuite(suite, { reportsDir: mkdtempSync(`${tmpdir()}/mtgate-wmt21-`) });
      assert.equal(record.variants.length, 8);
      for (const v of record.variants) {
        const q = record.cells.find((x) => x.variant === v.id && x.measure === 'quality')!;
        for (const metric of ['bleu', 'chrf']) {
          const expected = official.get(`${c.pair}/${v.id}/${metric}-${c.refs}`);
          assert.ok(expected !== undefined, `official ${metric}-${c.refs} for ${v.id}`);
          const actual = q.values[metric];
          assert.equal(actual.toFixed(2), expected.toFixed(2), `${v.id} ${metric}`);
          assert.ok(Math.abs(actual - expected) <= 1e-9 * expected, `${v.id} ${metric}: ${actual} vs ${expected}`);
        }
        assert.match(String((q.details?.bleu as { signature: string }).signature), new RegExp(`^nrefs:${c.nrefs}\\|case:mixed\\|eff:no\\|tok:13a\\|smooth:exp`));
      }
      assert.equal(record.outcome.exitCode, 0, JSON.stringify(record.gates.map((g) => [g.id, g.status])));
      const bleuGate = record.gates.find((g) => g.id === 'bleu-vs-reference-system')!;
      assert.equal(bleuGate.status, 'waived');
      const happypoet = bleuGate.checks.find((x) => x.variant === 'happypoet')!;
      assert.equal(happypoet.status, 'waived');
      assert.ok(happypoet.significance?.kind === 'paired-test' && happypoet.significance.significant && happypoet.significance.test === 'bs');
      const chrfGate = record.gates.find((g) => g.id === 'chrf-vs-reference-system')!;
      assert.equal(chrfGate.status, 'warn');
      assert.ok(chrfGate.checks.every((x) => x.significance?.kind === 'paired-test' && x.significance.test === 'ar'));
      if (c.pair === 'en-de') {
        const uedin = chrfGate.checks.find((x) => x.variant === 'UEdin')!;
        assert.equal(uedin.status, 'warn', 'the expired waiver no longer waives');
        assert.equal(uedin.waiver?.state, 'expired');
      }
    });
  }
});
