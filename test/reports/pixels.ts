/** Pixel statistics of a PNG, for tests that check a picture is not blank. */
import { PNG } from 'pngjs';

/** Share of pixels that are not (near) white, and of those that are coloured (not grey): charts are coloured. */
export function inkOf(png: Buffer): { ink: number; colour: number } {
  const img = PNG.sync.read(png);
  let ink = 0;
  let colour = 0;
  for (let i = 0; i < img.data.length; i += 4) {
    const [r, g, b] = [img.data[i], img.data[i + 1], img.data[i + 2]];
    if (r < 235 || g < 235 || b < 235) ink++;
    if (Math.max(r, g, b) - Math.min(r, g, b) > 40) colour++;
  }
  const n = img.width * img.height;
  return { ink: ink / n, colour: colour / n };
}
