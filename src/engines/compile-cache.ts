/**
 * Compile-cache folders: one per (engine, runtime version, device, driver and
 * compiler versions, model hash), so a runtime or driver upgrade, or a
 * re-exported model, never reuses an old compiled blob. The key is whatever
 * the engine's fingerprint says about the device plus a hash of the model
 * graph files; the folder name is readable and ends in the key's hash.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import type { ModelFiles } from '../models/layouts/detect.js';
import type { Engine } from './engine.js';

/** Where `CACHE_DIR: true` keeps compiled models: $MTGATE_CACHE_DIR, else ~/.cache/mtgate/compile. */
export function defaultCacheRoot(): string {
  return process.env.MTGATE_CACHE_DIR ?? join(homedir(), '.cache', 'mtgate', 'compile');
}

async function hashFile(hash: ReturnType<typeof createHash>, path: string): Promise<void> {
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
}

/** sha256 over the graph files (IR .xml and its .bin; .onnx and its external data). */
export async function modelHash(files: ModelFiles): Promise<string> {
  const hash = createHash('sha256');
  for (const graph of [files.encoder, files.decoder, files.decoderWithPast]) {
    if (!graph) continue;
    const companions = graph.endsWith('.xml') ? [graph, graph.replace(/\.xml$/, '.bin')] : [graph, `${graph}_data`, `${graph}.data`];
    for (const path of companions) {
      if (!existsSync(path)) continue;
      hash.update(`${path.slice(files.dir.length)}\0`);
      await hashFile(hash, path);
    }
  }
  return hash.digest('hex');
}

const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 40);

/** The folder for one (engine, fingerprint, model hash); a change in any part gives a new folder. */
export function cacheFolder(root: string, engine: string, fingerprint: Record<string, string>, hash: string): string {
  const key = JSON.stringify([engine, Object.entries(fingerprint).sort(([a], [b]) => a.localeCompare(b)), hash]);
  const digest = createHash('sha256').update(key).digest('hex').slice(0, 16);
  const device = safe(fingerprint.device ?? 'device');
  const version = safe(fingerprint.runtime_version ?? 'unknown');
  return join(root, `${engine}-${version}-${device}-${digest}`);
}

/**
 * The compile-cache folder a variant asked for with engine option CACHE_DIR
 * (true: the default root; a path: that root; false/absent: no cache).
 */
export async function variantCacheDir(
  engine: Engine,
  device: string,
  files: ModelFiles,
  options: Record<string, unknown>,
  suiteDir: string,
): Promise<string | undefined> {
  const asked = options.CACHE_DIR;
  if (asked === undefined || asked === false) return undefined;
  const root = typeof asked === 'string' ? (isAbsolute(asked) ? asked : resolve(suiteDir, asked)) : defaultCacheRoot();
  return cacheFolder(root, engine.name, await engine.fingerprint(device), await modelHash(files));
}
