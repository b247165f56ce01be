/**
 * Regenerates the shipped toy M2M-100 model (fp32, int8, int4) and its toy
 * data sets from the deterministic generator in src/models/toy/.
 *
 *   npm run make-toy-model                 # write into the repository
 *   npm run make-toy-model -- --out DIR    # write under another root
 *   npm run make-toy-model -- --seed N     # another seed (for experiments; the shipped files use the default)
 *   npm run make-toy-model -- --report     # also translate the test sets and print the README's BLEU table
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bleuTableMarkdown, evaluateToy } from '../src/models/toy/evaluate.js';
import { buildToy, writeFiles } from '../src/models/toy/generate.js';

const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const root = outAt >= 0 && args[outAt + 1] ? resolve(args[outAt + 1]) : join(dirname(fileURLToPath(import.meta.url)), '..');
const seedAt = args.indexOf('--seed');
const seed = seedAt >= 0 ? Number(args[seedAt + 1]) : undefined;
if (seed !== undefined && !Number.isInteger(seed)) throw new Error('--seed takes an integer');
const started = Date.now();
const { files } = buildToy(seed);
writeFiles(root, files);
const bytes = files.reduce((s, f) => s + f.bytes.length, 0);
console.log(`wrote ${files.length} files (${(bytes / 1e6).toFixed(2)} MB) under ${root} in ${Date.now() - started} ms`);

if (args.includes('--report')) console.log(bleuTableMarkdown(await evaluateToy(root)));
