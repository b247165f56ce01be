/**
 * charts/*.png: the report's charts rasterised with resvg (a Rust SVG
 * renderer shipped as prebuilt binaries inside npm packages), for places
 * that cannot show SVG — chat messages, PR comments, slide decks.
 */
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { writeFileAtomic } from '../results/write.js';
import { chartToSvg, type Chart } from './charts.js';

/** 2× for sharp text on high-density screens. */
const SCALE = 2;

export function svgToPng(svg: string): Buffer {
  return new Resvg(svg, { background: 'white', fitTo: { mode: 'zoom', value: SCALE }, font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } }).render().asPng();
}

export async function writeChartPngs(charts: readonly Chart[], folder: string): Promise<string[]> {
  const written: string[] = [];
  for (const chart of charts) {
    const path = join(folder, 'charts', `${chart.id}.png`);
    writeFileAtomic(path, svgToPng(await chartToSvg(chart)));
    written.push(path);
  }
  return written;
}
