/**
 * junit.xml for CI test views: one <testsuite> per gate rule, one <testcase>
 * per scope it checked (variant × pair); a failing check is a <failure> with
 * its evidence, a waived one is <skipped> with the waiver, a warning passes
 * with the warning in <system-out>. Cells that errored are one extra suite of
 * <error> test cases, so a run failure shows even where no gate looked.
 */
import type { RunRecord } from '../results/record.js';
import { CORE_CHECK_FIELDS, extraFields, gatesOf, type LooseCheck } from './record-view.js';

/** XML 1.0 text/attribute escaping; characters XML 1.0 cannot carry at all are replaced with U+FFFD. */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const attrs = (a: Record<string, string | number | undefined>) =>
  Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');

function evidence(c: LooseCheck): string {
  const lines = [
    c.reason ?? '',
    ...(['value', 'referenceValue', 'delta', 'ratio', 'device'] as const).filter((k) => c[k] !== undefined).map((k) => `${k}: ${String(c[k])}`),
    ...extraFields(c, CORE_CHECK_FIELDS).map(([k, v]) => `${k}: ${v}`),
  ];
  return lines.filter(Boolean).join('\n');
}

function testcase(gateId: string, metric: string, c: LooseCheck): string {
  const name = `${c.variant}${c.pair ? ` ${c.pair}` : ''}`;
  const head = `    <testcase${attrs({ classname: `mtgate.gates.${gateId}`, name, time: 0 })}>`;
  const body = escapeXml(evidence(c));
  switch (c.status) {
    case 'pass':
      return `${head}<system-out>${body}</system-out></testcase>`;
    case 'warn':
      return `${head}<system-out>${escapeXml('WARNING: ')}${body}</system-out></testcase>`;
    case 'waived':
      return `${head}<skipped${attrs({ message: `waived: ${c.reason ?? ''}` })}/><system-out>${body}</system-out></testcase>`;
    default:
      return `${head}<failure${attrs({ message: c.reason ?? c.status, type: `${metric} ${c.status}` })}>${body}</failure></testcase>`;
  }
}

export function renderJunit(r: RunRecord): string {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  for (const g of gatesOf(r)) {
    const f = g.checks.filter((c) => !['pass', 'warn', 'waived'].includes(c.status)).length;
    const s = g.checks.filter((c) => c.status === 'waived').length;
    tests += g.checks.length;
    failures += f;
    skipped += s;
    suites.push(
      [
        `  <testsuite${attrs({ name: g.id, tests: g.checks.length, failures: f, errors: 0, skipped: s, timestamp: r.run.startedAt.replace(/Z$/, ''), time: 0 })}>`,
        `    <properties><property${attrs({ name: 'metric', value: g.metric })}/>${g.description ? `<property${attrs({ name: 'description', value: g.description })}/>` : ''}<property${attrs({ name: 'verdict', value: g.status })}/></properties>`,
        ...g.checks.map((c) => testcase(g.id, g.metric, c)),
        '  </testsuite>',
      ].join('\n'),
    );
  }
  const errored = r.cells.filter((c) => c.error);
  if (errored.length) {
    tests += errored.length;
    suites.push(
      [
        `  <testsuite${attrs({ name: 'run errors', tests: errored.length, failures: 0, errors: errored.length, skipped: 0, timestamp: r.run.startedAt.replace(/Z$/, ''), time: 0 })}>`,
        ...errored.map(
          (c) =>
            `    <testcase${attrs({ classname: `mtgate.cells.${c.measure}`, name: `${c.variant}${c.pair ? ` ${c.pair}` : ''}`, time: (c.durationMs / 1000).toFixed(3) })}><error${attrs({ message: c.error, type: 'cell error' })}>${escapeXml(c.error ?? '')}</error></testcase>`,
        ),
        '  </testsuite>',
      ].join('\n'),
    );
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({ name: `mtgate ${r.suite.name} ${r.run.id}`, tests, failures, errors: errored.length, skipped, time: (r.run.durationMs / 1000).toFixed(3) })}>`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
