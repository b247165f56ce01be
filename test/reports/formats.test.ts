import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { PNG } from 'pngjs';
import { validateXML } from 'xmllint-wasm';
import { lookup } from '../../src/results/record.js';
import { bmfOf, renderBmf } from '../../src/reports/bmf.js';
import { chartToSvg, chartsFor } from '../../src/reports/charts.js';
import { CSV_COLUMNS, renderCsv } from '../../src/reports/csv.js';
import { appendStepSummary, fitStepSummary } from '../../src/reports/github-summary.js';
import { DEFAULT_REPORT_FORMATS, writeReports } from '../../src/reports/index.js';
import { renderJunit } from '../../src/reports/junit.js';
import { svgToPng } from '../../src/reports/png.js';
import { EVIL, extendedGatesRecord, hostileRecord, smokeRecord } from './fixture.js';
import { inkOf } from './pixels.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'mtgate-formats-'));

test('results.csv parses back: one row per variant × pair × metric, values equal to the record', () => {
  const r = hostileRecord();
  const rows = parse(renderCsv(r), { columns: true }) as Record<string, string>[];
  assert.deepEqual(Object.keys(rows[0]), [...CSV_COLUMNS]);
  const bleu = rows.filter((x) => x.metric === 'bleu');
  assert.equal(bleu.length, r.variants.length * r.datasets.length);
  for (const row of bleu) assert.equal(Number(row.value), lookup(r, row.variant, row.pair, 'bleu').value);
  const keys = rows.map((x) => `${x.variant}|${x.dataset}|${x.metric}`);
  assert.equal(new Set(keys).size, keys.length, 'no variant × dataset × metric twice');
  assert.ok(rows.some((x) => x.metric === 'cold_start.median_ms' && x.pair === '' && Number(x.value) > 0), 'variant-level values have no pair');
});

test('junit.xml validates against the JUnit XSD; one testcase per gate check, failures carry the evidence, waived ones are skipped', async () => {
  const xsd = readFileSync(new URL('../fixtures/junit/junit.xsd', import.meta.url), 'utf8');
  for (const r of [smokeRecord(), extendedGatesRecord()]) {
    const xml = renderJunit(r);
    const result = await validateXML({ xml: [{ fileName: 'junit.xml', contents: xml }], schema: [xsd] });
    assert.equal(result.valid, true, result.rawOutput);
    assert.equal((xml.match(/<testcase /g) ?? []).length, r.gates.reduce((n, g) => n + g.checks.length, 0));
    assert.equal((xml.match(/<testsuite /g) ?? []).length, r.gates.length);
  }
  const failing = renderJunit(smokeRecord());
  assert.match(failing, /<testcase classname="mtgate.gates.int4-agrees" name="int4 en-sw" time="0"><failure message="0\.863 &lt; min 0\.950/);
  const waived = renderJunit(extendedGatesRecord());
  assert.ok((waived.match(/<skipped /g) ?? []).length >= 1, 'the waived check is skipped');
  assert.ok(!waived.includes(EVIL) && waived.includes('&lt;script&gt;'), 'evidence text is escaped');
});

test('bmf.json is Bencher Metric Format: benchmark → measure slug → value (and CI bounds when the cell has one)', () => {
  const r = smokeRecord();
  const bmf = JSON.parse(renderBmf(r)) as ReturnType<typeof bmfOf>;
  assert.equal(bmf['fp32/en-de'].bleu.value, lookup(r, 'fp32', 'en-de', 'bleu').value);
  assert.ok(bmf.fp32['cold-start-median-ms'].value > 0);
  for (const measures of Object.values(bmf)) {
    for (const [slug, m] of Object.entries(measures)) {
      assert.match(slug, /^[a-z0-9-]+$/);
      assert.ok(Number.isFinite(m.value));
      if (m.lower_value !== undefined) assert.ok(m.lower_value <= m.upper_value!);
    }
  }
});

test('PNG charts are real pictures: decoded, sized, with coloured marks', async () => {
  const chart = chartsFor(smokeRecord()).find((c) => c.id === 'quality-bleu')!;
  const png = svgToPng(await chartToSvg(chart));
  const img = PNG.sync.read(png);
  assert.ok(img.width > 200 && img.height > 100, `${img.width}×${img.height}`);
  const { ink, colour } = inkOf(png);
  assert.ok(ink > 0.02 && ink < 0.9, `ink ${ink}`);
  assert.ok(colour > 0.01, `coloured bars ${colour}`);
});

test('writeReports writes the default formats (and only those asked), each in one atomic file', async () => {
  const folder = tmp();
  const written = await writeReports(smokeRecord(), folder);
  assert.deepEqual(written.map((p) => p.slice(folder.length + 1)).sort(), ['junit.xml', 'report.html', 'report.md', 'results.csv', 'run.json', 'signoff.csv']);
  assert.equal(DEFAULT_REPORT_FORMATS.length, written.length);
  const only = tmp();
  assert.deepEqual((await writeReports(smokeRecord(), only, { formats: ['bmf'], record: false })).map((p) => p.slice(only.length + 1)), ['bmf.json']);
  await assert.rejects(writeReports(smokeRecord(), only, { formats: ['pdf'] }), /unknown report format pdf; formats: json, markdown/);
});

test('the GitHub step summary is appended (never replaced) when GITHUB_STEP_SUMMARY is set, and cut at a section when too big', () => {
  const file = join(tmp(), 'summary.md');
  writeFileSync(file, '# earlier step\n');
  assert.equal(appendStepSummary('## mtgate\nPASS\n', 'x', {}), undefined);
  assert.equal(appendStepSummary('## mtgate\nPASS\n', 'x', { GITHUB_STEP_SUMMARY: file }), file);
  assert.equal(readFileSync(file, 'utf8'), '# earlier step\n## mtgate\nPASS\n\n');
  const big = `## a\n${'x'.repeat(600)}\n## b\n${'y'.repeat(600)}\n`;
  const cut = fitStepSummary(big, 'report.md', 800);
  assert.ok(Buffer.byteLength(cut) <= 800);
  assert.ok(cut.startsWith('## a') && !cut.includes('## b') && cut.includes('the full report is report.md'));
});
