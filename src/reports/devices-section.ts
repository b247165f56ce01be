/**
 * Report section: where each variant really ran (execution devices, device
 * fallback), its compile cache, what static-shape padding cost, and the
 * device identities (driver, compiler, architecture) the run depended on.
 */
import type { RunRecord } from '../results/record.js';
import { escapeMarkdown as esc, markdownTable, num } from './format.js';

export function devicesSection(r: RunRecord): string[] {
  const loaded = r.variants.filter((v) => v.load);
  const ids = Object.entries(r.environment.devices ?? {});
  if (!loaded.length && !ids.length) return [];
  const out = ['## Devices'];
  const fellBack = loaded.filter((v) => v.load?.fallback?.length);
  if (fellBack.length) {
    out.push('', '**Device fallback** — these variants did not run where the suite asked, so their numbers describe another device:');
    for (const v of fellBack) out.push(`- ${esc(v.id)}: asked for ${esc(v.device)}, ran on ${esc((v.load?.executionDevices ?? []).join(', '))}`);
  }
  if (loaded.length) {
    const rows = loaded.map((v) => [
      esc(v.id),
      esc(v.device),
      esc((v.load?.executionDevices ?? []).join(', ') || '—'),
      v.load?.fallback?.length ? 'FALLBACK' : '',
      v.load?.cache ?? 'off',
      num((v.load?.readMs ?? 0) + (v.load?.compileMs ?? 0), 0),
    ]);
    out.push('', markdownTable(['variant', 'asked', 'ran on', 'fallback', 'compile cache', 'load ms (read + compile)'], rows));
  }
  const padded = r.cells.filter((c) => c.measure === 'translation' && (c.details as { padding?: unknown } | undefined)?.padding);
  if (padded.length) {
    out.push('', 'Static shapes: share of computed positions that were padding.', '');
    for (const c of padded) {
      const p = (c.details as { padding: { paddedFraction: number } }).padding;
      out.push(`- ${esc(c.variant)} · ${esc(c.pair ?? '')}: ${num(p.paddedFraction * 100, 1)}%`);
    }
  }
  for (const [key, props] of ids) {
    const parts = Object.entries(props)
      .filter(([k]) => k !== 'device')
      .map(([k, v]) => `${k} ${esc(v)}`);
    out.push('', `${esc(key)}: ${parts.join(' · ')}`);
  }
  return out;
}
