/**
 * The WMT21 showcase's HTML report, opened in headless Chromium (Debian's
 * `chromium`; .ci/run installs it): its inline-SVG charts must render. The
 * proof is a comparison of two screenshots — the page as written and the same
 * page with every <svg> removed — the charts are the coloured marks the second
 * one lacks.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runSuite } from '../../src/run.js';
import { loadSuite } from '../../src/suite/load.js';
import { inkOf } from './pixels.js';

const CHROMIUM = process.env.CHROMIUM ?? 'chromium';
const present = spawnSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).status === 0;

function screenshot(html: string, png: string): Buffer {
  const r = spawnSync(
    CHROMIUM,
    ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--window-size=1280,3000', `--screenshot=${png}`, pathToFileURL(html).href],
    { encoding: 'utf8', timeout: 90_000 },
  );
  assert.equal(r.status, 0, `chromium failed: ${r.stderr}`);
  return readFileSync(png);
}

test('headless Chromium renders the WMT21 report with its charts (screenshot, not blank)', { skip: present ? false : `${CHROMIUM} is not installed (apt-get install chromium; CI installs it)`, timeout: 240_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mtgate-chromium-'));
  const suite = loadSuite(fileURLToPath(new URL('../../suites/wmt21-en-de.yaml', import.meta.url)));
  const record = await runSuite(suite, { reportsDir: dir });
  const html = join(record.run.folder, 'report.html');
  assert.ok(readdirSync(record.run.folder).includes('report.html'));
  const page = readFileSync(html, 'utf8');
  assert.ok((page.match(/<svg/g) ?? []).length >= 3, 'the report holds its charts inline');

  const withCharts = inkOf(screenshot(html, join(dir, 'report.png')));
  const stripped = join(dir, 'no-charts.html');
  writeFileSync(stripped, page.replace(/<svg[\s\S]*?<\/svg>/g, ''));
  const withoutCharts = inkOf(screenshot(stripped, join(dir, 'no-charts.png')));

  assert.ok(withCharts.ink > 0.03, `the page is not blank (ink ${withCharts.ink.toFixed(4)})`);
  assert.ok(
    withCharts.colour > withoutCharts.colour + 0.01,
    `the charts add coloured marks: ${withCharts.colour.toFixed(4)} with, ${withoutCharts.colour.toFixed(4)} without`,
  );
});
