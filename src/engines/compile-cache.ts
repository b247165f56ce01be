/**
 * Compile-cache folders, for the cold-start measure's cache states and for a
 * variant that asks for one (engine option CACHE_DIR). Where an engine's compile cache lives, keyed so that nothing that changes
 * the compiled result can reuse an old one: the engine, its fingerprint for
 * the device (runtime, device and driver versions), the model's files and the
 * engine options. A changed key is a new folder; old folders are never read.
 *
 * Model files enter the key by size + mtime (nanoseconds) + relative path by
 * default (`cache_key: stat`): hashing the bytes of a 418M fp32 export
 * (~1.9 GB) costs seconds on every run, and any rewrite of a file — the
 * generator, a re-export, a copy without -p — changes its mtime. A copy that
 * preserves mtimes and sizes but not content would fool it; `cache_key:
 * sha256` hashes every byte for those who need that.
 *
 * The root is $MTGATE_CACHE/compile when set (kept across runs), else
 * <run folder>/compile-cache (removed after the measure: optimized models
 * can be as large as the model).
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { ModelFiles } from '../models/layouts/detect.js';
import type { Engine } from './engine.js';

export type CacheKeyMode = 'stat' | 'sha256';

export interface CacheKeyInputs {
  engine: string;
  device: string;
  fingerprint: Record<string, string>;
  options: Record<string, unknown>;
  keyMode: CacheKeyMode;
  /** Relative path → "size:mtimeNs" or "sha256:<hex>". */
  modelFiles: Record<string, string>;
}

export const CACHE_MARKER = 'mtgate-cache.json';

/** JSON with object keys sorted at every level, so equal inputs give equal bytes. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(path));
    else if (entry.isFile()) out.push(path);
  }
  return out.sort();
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export async function modelFilesIdentity(dir: string, mode: CacheKeyMode): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const path of listFiles(dir)) {
    const rel = relative(dir, path);
    if (mode === 'sha256') out[rel] = `sha256:${await sha256File(path)}`;
    else {
      const st = statSync(path, { bigint: true });
      out[rel] = `${st.size}:${st.mtimeNs}`;
    }
  }
  return out;
}

export async function compileCacheKey(
  engine: Engine,
  files: ModelFiles,
  device: string,
  options: Record<string, unknown>,
  keyMode: CacheKeyMode = 'stat',
): Promise<{ key: string; inputs: CacheKeyInputs }> {
  const inputs: CacheKeyInputs = {
    engine: engine.name,
    device,
    fingerprint: await engine.fingerprint(device),
    options,
    keyMode,
    modelFiles: await modelFilesIdentity(files.dir, keyMode),
  };
  return { key: createHash('sha256').update(canonicalJson(inputs)).digest('hex'), inputs };
}

export function compileCacheRoot(runFolder: string | undefined, env: NodeJS.ProcessEnv = process.env): { root: string; persistent: boolean } {
  if (env.MTGATE_CACHE) return { root: join(env.MTGATE_CACHE, 'compile'), persistent: true };
  if (!runFolder) throw new Error('a compile cache needs $MTGATE_CACHE or a run folder');
  return { root: join(runFolder, 'compile-cache'), persistent: false };
}

const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 40);

/**
 * The keyed folder (created): readable engine, runtime version and device,
 * then a key prefix; the marker file holds the full key.
 */
export function compileCacheDir(root: string, inputs: Pick<CacheKeyInputs, 'engine' | 'device' | 'fingerprint'>, key: string): string {
  const version = safe(inputs.fingerprint.runtime_version ?? 'unknown');
  const dir = join(root, `${inputs.engine}-${version}-${safe(inputs.device)}-${key.slice(0, 16)}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Where `CACHE_DIR: true` keeps compiled models: $MTGATE_CACHE/compile, else ~/.cache/mtgate/compile. */
export function defaultCacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env.MTGATE_CACHE ? join(env.MTGATE_CACHE, 'compile') : join(homedir(), '.cache', 'mtgate', 'compile');
}

/**
 * The compile-cache folder a variant asked for with engine option CACHE_DIR
 * (true: the default root; a path: that root, relative to the suite; false or
 * absent: no cache). Keyed by content (sha256): a variant's cache outlives runs.
 */
export async function variantCacheDir(
  engine: Engine,
  device: string,
  files: ModelFiles,
  options: Record<string, unknown>,
  suiteDir: string,
): Promise<string | undefined> {
  const { CACHE_DIR: asked, ...rest } = options;
  if (asked === undefined || asked === false) return undefined;
  const root = typeof asked === 'string' ? (isAbsolute(asked) ? asked : resolve(suiteDir, asked)) : defaultCacheRoot();
  const { key, inputs } = await compileCacheKey(engine, files, device, rest, 'sha256');
  return compileCacheDir(root, inputs, key);
}

/** Whether `dir` holds a cache an engine reported writing for exactly this key. */
export function isPrimed(dir: string, key: string): boolean {
  const marker = join(dir, CACHE_MARKER);
  if (!existsSync(marker)) return false;
  try {
    return (JSON.parse(readFileSync(marker, 'utf8')) as { key?: string }).key === key;
  } catch {
    return false;
  }
}

export function markPrimed(dir: string, key: string, inputs: CacheKeyInputs): void {
  writeFileSync(join(dir, CACHE_MARKER), `${JSON.stringify({ key, inputs, primedAt: new Date().toISOString() }, null, 1)}\n`);
}
