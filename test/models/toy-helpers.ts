/** Paths and small readers shared by the toy-model tests. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Precision } from '../../src/models/onnx/linear.js';
import { TOY_DATASET_DIR, TOY_MODEL_DIR } from '../../src/models/toy/generate.js';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const TARGET_LANGS = ['de', 'fr', 'es', 'sw'] as const;

export function modelDir(p: Precision): string {
  return join(REPO, TOY_MODEL_DIR, p);
}

export function readLines(path: string): string[] {
  return readFileSync(path, 'utf8').replace(/\n$/, '').split('\n');
}

export function dataset(lang: (typeof TARGET_LANGS)[number]): { source: string[]; reference: string[] } {
  return {
    source: readLines(join(REPO, TOY_DATASET_DIR, `en-${lang}.en`)),
    reference: readLines(join(REPO, TOY_DATASET_DIR, `en-${lang}.${lang}`)),
  };
}
