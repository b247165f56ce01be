import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderHtml } from '../../src/reports/html.js';
import { escapeHtml } from '../../src/reports/html-escape.js';
import { EVIL, extendedGatesRecord, hostileRecord, smokeRecord } from './fixture.js';

test('escapeHtml makes markup, attributes and entities inert', () => {
  assert.equal(escapeHtml(`<a href="x" onclick='y'>&amp;\`</a>`), '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;&#96;&lt;/a&gt;');
  assert.equal(escapeHtml(42), '42');
  assert.equal(escapeHtml('plain text'), 'plain text');
});

test('a hostile hypothesis and source are escaped in the HTML report; the page has no script at all', async () => {
  const html = await renderHtml(hostileRecord());
  assert.ok(!/<script/i.test(html), 'no <script> anywhere');
  assert.ok(!/<img/i.test(html), 'no <img> anywhere');
  assert.ok(!/\sonerror=/i.test(html.replace(/&quot;|&#39;/g, '')) || !html.includes('<img'), 'no live event handler');
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;'), 'shown as text');
  assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
  assert.ok(!/https?:\/\/(?!www\.w3\.org\/)/.test(html.replace(/xmlns(:xlink)?="[^"]+"/g, '')), 'no network references');
});

test('the HTML report leads with the verdicts, then sign-off, charts as inline SVG, measures and examples', async () => {
  const r = smokeRecord();
  const html = await renderHtml(r);
  const at = (s: string) => {
    const i = html.indexOf(s);
    assert.ok(i >= 0, `has ${s}`);
    return i;
  };
  assert.ok(at('<h2>Gate verdicts</h2>') < at('<h2>Sign-off</h2>'));
  assert.ok(at('<h2>Sign-off</h2>') < at('<h2>Charts</h2>'));
  assert.ok(at('<h2>Charts</h2>') < at('<h2>Checks and evidence</h2>'));
  assert.ok(at('<h2>Checks and evidence</h2>') < at('<h2>Measures</h2>'));
  assert.ok(at('<h2>Measures</h2>') < at('<h2>Worst divergent examples</h2>'));
  for (const id of ['quality-bleu', 'quality-chrf', 'latency-distribution', 'cold-start-phases', 'agreement-heatmap']) {
    assert.match(html, new RegExp(`<figure id="chart-${id}"><figcaption>.*?</figcaption><svg[^>]*>`), `chart ${id} inline`);
  }
  // Every variant × pair BLEU bar is drawn: vega writes one path per bar with its value in aria-label.
  const bleuSvg = html.slice(at('chart-quality-bleu'), at('chart-quality-chrf'));
  assert.equal((bleuSvg.match(/role-mark marks[^>]*aria-roledescription="bar"|aria-roledescription="bar"/g) ?? []).length > 0, true);
  assert.equal((bleuSvg.match(/<path aria-label="language pair: /g) ?? []).length, r.variants.length * 4);
  assert.match(html, /int4-agrees.*?<span class="v v-fail">fail<\/span>/s);
  assert.match(html, /int4 en-sw: 0\.863 &lt; min 0\.950/);
});

test('verdicts and evidence the record adds later (warn, waived, waivers, significance) are shown without code knowing them', async () => {
  const html = await renderHtml(extendedGatesRecord());
  assert.match(html, /<span class="v v-waived">waived<\/span>/);
  assert.match(html, /<span class="v v-warn">warn<\/span>/);
  assert.match(html, /<b>significance<\/b> \{&quot;kind&quot;:&quot;paired-test&quot;/);
  assert.match(html, /<b>waiver<\/b> .*known int4 drift on sw/);
  assert.match(html, /<b>severity<\/b> warn/);
  assert.match(html, /<h2>Waivers<\/h2>/);
  assert.match(html, /<b>expired<\/b> \(no longer waives\)/);
  assert.ok(!html.includes(EVIL), 'the evidence text is escaped too');
});
