/**
 * Second check against published numbers: the official WMT21 automatic-score
 * table (computed by WMT with sacreBLEU) for the en-de systems whose outputs
 * are in the fixtures. `-all` is every reference in the folder (A, C, D).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BLEU, CHRF } from '../../src/metrics/index.js';
import { readLines } from './helpers/fixtures.js';

const DIR = 'wmt21/newstest2021/en-de';
const SYSTEMS = ['Facebook-AI', 'Online-W', 'UEdin', 'VolcTrans-GLAT', 'happypoet'];
const REF_IDS = ['A', 'C', 'D'];

const table = new Map<string, number>();
for (const line of readLines('wmt21/automatic-scores.tsv').slice(1)) {
  const [pair, system, , , metric, score] = line.split('\t');
  if (pair === 'en-de') table.set(`${system}/${metric}`, Number(score));
}

/** The table carries full precision; the rounded 2-decimal value must match too. */
function check(actual: number, key: string): void {
  const expected = table.get(key);
  assert.ok(expected !== undefined, `no ${key} in the table`);
  assert.equal(actual.toFixed(2), expected.toFixed(2), key);
  assert.ok(Math.abs(actual - expected) <= 1e-9 * expected, `${key}: ${actual} vs ${expected}`);
}

describe('WMT21 en-de official scores', () => {
  const refs = Object.fromEntries(REF_IDS.map((r) => [r, readLines(`${DIR}/ref.${r}.de`)]));
  for (const system of SYSTEMS) {
    it(system, () => {
      const hyps = readLines(`${DIR}/sys/${system}.de`);
      const bleu = new BLEU();
      const chrf = new CHRF();
      for (const r of REF_IDS) {
        check(bleu.corpusScore(hyps, [refs[r]]).score, `${system}/bleu-${r}`);
        check(chrf.corpusScore(hyps, [refs[r]]).score, `${system}/chrf-${r}`);
      }
      const all = REF_IDS.map((r) => refs[r]);
      const b = bleu.corpusScore(hyps, all);
      check(b.score, `${system}/bleu-all`);
      assert.equal(b.signature, 'nrefs:3|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0');
      check(chrf.corpusScore(hyps, all).score, `${system}/chrf-all`);
    });
  }
});
