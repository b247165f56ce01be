/**
 * Writes a synthetic model directory (one preset × precision × layout × seed)
 * into the model cache: files go to a temporary sibling folder, the manifest
 * is written last, and the folder is renamed into place, so a directory with
 * a manifest is always complete and an interrupted run leaves nothing that
 * looks finished. A complete directory is reused, never rewritten.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { GraphBuilder } from '../onnx/graph-builder.js';
import { decoderGraph, encoderGraph, mergedDecoderGraph } from './graphs.js';
import { PRESETS, type SyntheticPreset } from './presets.js';
import { TensorSink } from './tensor-sink.js';
import { generationConfig, modelConfig, tokenizerConfig, tokenizerJson } from './tokenizer.js';
import { type QuantForm, type SyntheticPrecision, SyntheticWeights, type WeightOptions } from './weights.js';

export type SyntheticLayout = 'optimum' | 'merged';
export const SYNTHETIC_LAYOUTS: readonly SyntheticLayout[] = ['optimum', 'merged'];
/** Bumped when the generator's output changes, so old cache folders are not reused. */
export const GENERATOR_VERSION = 2;
const MANIFEST = 'mtgate-synthetic.json';

/** transformers.js file suffix per precision in the merged layout. */
export const MERGED_SUFFIX: Record<SyntheticPrecision, string> = { fp32: '', int8: '_int8', int4: '_q4' };

export interface SyntheticSpec {
  preset: string;
  precision: SyntheticPrecision;
  layout: SyntheticLayout;
  seed: number;
  int8Form?: QuantForm;
  int4Form?: QuantForm;
  /** Add decoder_attention_mask to the decoders with past, so a static (padded) KV cache can be masked. */
  decoderMask?: boolean;
  /** ONNX external data for every tensor ≥ 64 KiB (default true; false keeps all inside the .onnx files, < 2 GiB only). */
  externalData?: boolean;
}

export interface SyntheticManifest {
  generator: string;
  version: number;
  spec: Required<Omit<SyntheticSpec, 'externalData' | 'decoderMask'>> & { externalData: boolean; decoderMask: boolean };
  files: { path: string; bytes: number }[];
  totalBytes: number;
  generationMs: number;
  createdAt: string;
}

export function presetOf(name: string): SyntheticPreset {
  const p = PRESETS[name];
  if (!p) throw new Error(`unknown synthetic preset ${name}; known: ${Object.keys(PRESETS).join(', ')}`);
  return p;
}

/** The int8 form used when none is named: per-channel DequantizeLinear, except in the merged layout (see fullSpec). */
export function defaultInt8Form(layout: SyntheticLayout): QuantForm {
  return layout === 'merged' ? 'nbits' : 'dq';
}

function fullSpec(spec: SyntheticSpec): SyntheticManifest['spec'] {
  const quantForm = spec.precision === 'int8' ? spec.int8Form : spec.precision === 'int4' ? spec.int4Form : undefined;
  if (spec.layout === 'merged' && quantForm === 'dq') {
    // ONNX Runtime 1.30's DequantizeLinear→MatMulNBits fusion fails on weights in an If's outer scope
    // ("TransposeDQWeightsForMatMulNBits Missing required weight"), so the merged decoder would not load.
    throw new Error(`the merged layout cannot use the dq form (ONNX Runtime 1.30 fails to load DequantizeLinear weights shared by If branches); use the nbits form or the optimum layout`);
  }
  return {
    preset: spec.preset,
    precision: spec.precision,
    layout: spec.layout,
    seed: spec.seed,
    int8Form: spec.int8Form ?? defaultInt8Form(spec.layout),
    int4Form: spec.int4Form ?? 'nbits',
    decoderMask: spec.decoderMask ?? false,
    externalData: spec.externalData ?? true,
  };
}

/** `$MTGATE_CACHE/models` or `~/.cache/mtgate/models`. */
export function modelCacheRoot(): string {
  return join(process.env.MTGATE_CACHE ?? join(homedir(), '.cache', 'mtgate'), 'models');
}

/** The folder name a spec is cached under: <preset>-<precision>-<layout>-s<seed>[-dq]. */
export function cacheKey(spec: SyntheticSpec): string {
  const s = fullSpec(spec);
  const forms = s.precision === 'int8' && s.int8Form !== defaultInt8Form(s.layout) ? `-${s.int8Form}` : s.precision === 'int4' && s.int4Form !== 'nbits' ? `-${s.int4Form}` : '';
  return `${s.preset}-${s.precision}-${s.layout}-s${s.seed}${forms}${s.decoderMask ? '-dmask' : ''}${s.externalData ? '' : '-inline'}`;
}

export function defaultModelDir(spec: SyntheticSpec): string {
  return join(modelCacheRoot(), cacheKey(spec));
}

export function readManifest(dir: string): SyntheticManifest | undefined {
  const path = join(dir, MANIFEST);
  if (!existsSync(path)) return undefined;
  try {
    const m = JSON.parse(readFileSync(path, 'utf8')) as SyntheticManifest;
    return m.version === GENERATOR_VERSION ? m : undefined;
  } catch {
    return undefined;
  }
}

export interface MakeResult {
  dir: string;
  /** False when a complete directory was already there. */
  generated: boolean;
  manifest: SyntheticManifest;
}

const json = (o: unknown) => `${JSON.stringify(o, null, 2)}\n`;

export function makeSyntheticModel(spec: SyntheticSpec, outDir: string = defaultModelDir(spec), progress: (message: string) => void = () => {}): MakeResult {
  const s = fullSpec(spec);
  const preset = presetOf(s.preset);
  const existing = readManifest(outDir);
  if (existing && JSON.stringify(existing.spec) === JSON.stringify(s)) return { dir: outDir, generated: false, manifest: existing };
  if (!existing && existsSync(outDir) && readdirSync(outDir).length > 0 && !existsSync(join(outDir, MANIFEST))) {
    // Never overwrite a folder this generator did not write.
    throw new Error(`${outDir} exists and is not a synthetic model folder; choose another --out`);
  }
  const t0 = performance.now();
  const tmp = `${outDir}.partial-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  const onnxDir = s.layout === 'merged' ? join(tmp, 'onnx') : tmp;
  mkdirSync(onnxDir, { recursive: true });
  const sink = new TensorSink(onnxDir, s.externalData ? 65536 : Infinity);
  let lastReport = 0;
  const report = (what: string, force = false) => {
    const now = performance.now();
    if (!force && now - lastReport < 1000) return;
    lastReport = now;
    progress(`${what}: ${(sink.bytesWritten / 2 ** 30).toFixed(2)} GiB of weights written, ${((now - t0) / 1000).toFixed(0)} s`);
  };
  const opts: WeightOptions = { preset, seed: s.seed, precision: s.precision, int8Form: s.int8Form, int4Form: s.int4Form, decoderMask: s.decoderMask, sink };
  const write = (name: string, build: (w: SyntheticWeights) => Uint8Array, location: string) => {
    report(`${s.preset} ${s.precision} ${s.layout}: ${name}`, true);
    const w = new SyntheticWeights(opts, new GraphBuilder(name.replace(/\.onnx$/, '')), location);
    writeFileSync(join(onnxDir, name), build(w));
  };
  try {
    if (s.layout === 'optimum') {
      write('encoder_model.onnx', encoderGraph, 'encoder_model.onnx_data');
      // Both decoders reference one data file: the weights are the same tensors.
      write('decoder_model.onnx', (w) => decoderGraph(w, 'no-past'), 'decoder_model.onnx_data');
      write('decoder_with_past_model.onnx', (w) => decoderGraph(w, 'with-past'), 'decoder_model.onnx_data');
    } else {
      const suffix = MERGED_SUFFIX[s.precision];
      write(`encoder_model${suffix}.onnx`, encoderGraph, `encoder_model${suffix}.onnx_data`);
      write(`decoder_model_merged${suffix}.onnx`, mergedDecoderGraph, `decoder_model_merged${suffix}.onnx_data`);
    }
  } finally {
    sink.close();
  }
  writeFileSync(join(tmp, 'config.json'), json(modelConfig(preset, s.seed)));
  writeFileSync(join(tmp, 'generation_config.json'), json(generationConfig()));
  writeFileSync(join(tmp, 'tokenizer.json'), JSON.stringify(tokenizerJson(preset.vocabSize)));
  writeFileSync(join(tmp, 'tokenizer_config.json'), json(tokenizerConfig()));
  const files = listFiles(tmp).map((path) => ({ path, bytes: statSync(join(tmp, path)).size }));
  const manifest: SyntheticManifest = {
    generator: 'mtgate synthetic M2M-100',
    version: GENERATOR_VERSION,
    spec: s,
    files,
    totalBytes: files.reduce((a, f) => a + f.bytes, 0),
    generationMs: performance.now() - t0,
    createdAt: new Date().toISOString(),
  };
  writeFileSync(join(tmp, MANIFEST), json(manifest));
  mkdirSync(dirname(outDir), { recursive: true });
  rmSync(outDir, { recursive: true, force: true });
  renameSync(tmp, outDir);
  report(`${s.preset} ${s.precision} ${s.layout}: done`, true);
  return { dir: outDir, generated: true, manifest };
}

function listFiles(root: string, dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(root, join(dir, e.name)) : [relative(root, join(dir, e.name))]))
    .sort();
}
