/**
 * Produces every file of the toy model and its data sets, in memory and in a
 * fixed order, from one seed. The make-toy-model script writes them; the
 * determinism test regenerates them and compares bytes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PRECISIONS } from '../onnx/linear.js';
import { modelConfig, generationConfig } from './config-json.js';
import { allParallelSets } from './datasets.js';
import { decoderGraph, encoderGraph } from './graphs.js';
import { specialTokensMap, tokenizerConfig, tokenizerJson } from './tokenizer-json.js';
import { buildVocabulary } from './vocabulary.js';
import { buildWeights, type ToyWeights } from './weights.js';

export const TOY_SEED = 20240611;
/** Paths relative to the repository root. */
export const TOY_MODEL_DIR = 'models/toy-m2m100';
export const TOY_DATASET_DIR = 'datasets/toy';

export interface GeneratedFile {
  /** Relative to the repository root. */
  path: string;
  bytes: Uint8Array;
}

const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const json = (o: unknown): Uint8Array => text(`${JSON.stringify(o, null, 2)}\n`);

export interface ToyBuild {
  files: GeneratedFile[];
  weights: ToyWeights;
}

export function buildToy(seed = TOY_SEED): ToyBuild {
  const sets = allParallelSets(seed);
  const files: GeneratedFile[] = [];
  for (const s of sets) {
    files.push({ path: `${TOY_DATASET_DIR}/${s.pair}.en`, bytes: text(`${s.source.join('\n')}\n`) });
    files.push({ path: `${TOY_DATASET_DIR}/${s.pair}.${s.target}`, bytes: text(`${s.reference.join('\n')}\n`) });
  }
  const vocab = buildVocabulary(sets);
  const weights = buildWeights(vocab, seed);
  const shared = [
    { name: 'config.json', bytes: json(modelConfig(vocab.size, weights.decoderFfn.fc1.cols)) },
    { name: 'generation_config.json', bytes: json(generationConfig()) },
    { name: 'special_tokens_map.json', bytes: json(specialTokensMap()) },
    { name: 'tokenizer.json', bytes: json(tokenizerJson(vocab)) },
    { name: 'tokenizer_config.json', bytes: json(tokenizerConfig()) },
  ];
  for (const p of PRECISIONS) {
    const dir = `${TOY_MODEL_DIR}/${p}`;
    files.push({ path: `${dir}/encoder_model.onnx`, bytes: encoderGraph(weights, p) });
    files.push({ path: `${dir}/decoder_model.onnx`, bytes: decoderGraph(weights, p) });
    for (const f of shared) files.push({ path: `${dir}/${f.name}`, bytes: f.bytes });
  }
  return { files, weights };
}

export function writeFiles(root: string, files: readonly GeneratedFile[]): void {
  for (const f of files) {
    const path = join(root, f.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.bytes);
  }
}
