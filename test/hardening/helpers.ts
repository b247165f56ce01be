/** Small suites and files for the hardening tests, written into fresh temp folders. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const TOY = (p: string) => join(ROOT, 'models/toy-m2m100', p);
export const DATA = (p: string) => join(ROOT, 'datasets/toy', p);

export function tempDir(tag: string): string {
  return mkdtempSync(join(tmpdir(), `mtgate-${tag}-`));
}

export function write(dir: string, name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

export interface SuiteParts {
  variants?: string;
  datasets?: string;
  measures?: string;
  gates?: string;
  extra?: string;
  limit?: number;
}

/** Two variants (fp32 reference, int8), two pairs, absolute paths, quality + agreement by default. */
export function suiteYaml(p: SuiteParts = {}): string {
  const limit = p.limit ?? 20;
  return `name: hardening
${p.extra ?? ''}models:
  fp32: ${TOY('fp32')}
  int8: ${TOY('int8')}
variants:
${
  p.variants ??
  `  - { id: fp32, model: fp32, engine: onnxruntime, device: CPU, engine_options: { intraOpNumThreads: 1 } }
  - { id: int8, model: int8, engine: onnxruntime, device: CPU, engine_options: { intraOpNumThreads: 1 } }`
}
reference: fp32
datasets:
${
  p.datasets ??
  `  - { id: de, pair: en-de, source: ${DATA('en-de.en')}, references: [${DATA('en-de.de')}], limit: ${limit} }
  - { id: sw, pair: en-sw, source: ${DATA('en-sw.en')}, references: [${DATA('en-sw.sw')}], limit: ${limit} }`
}
measures:
${p.measures ?? '  quality: { metrics: [bleu, chrf] }\n  agreement: {}'}
gates:
${p.gates ?? '  - { id: floor, metric: bleu, min: 10 }'}
`;
}
