/**
 * What a comparison between two runs depends on: the machine (CPU model and
 * architecture) and, per variant, the engine, its runtime version and the
 * device (plus any engine fingerprint keys a record carries, e.g. a GPU
 * driver version). Two runs whose fingerprints differ on these keys measure
 * different things; a baseline comparison between them is refused unless the
 * user says otherwise.
 */
import type { Environment } from './environment.js';
import type { RunRecord, VariantInfo } from './record.js';

export interface VariantFingerprint {
  engine: string;
  engineVersion: string;
  device: string;
  /** Engine.fingerprint keys when the record has them (runtime_version, driver_version, device_name, ...). */
  extra?: Record<string, string>;
}

export interface Fingerprint {
  cpu: string;
  arch: string;
  variants: Record<string, VariantFingerprint>;
}

export function variantFingerprint(v: Pick<VariantInfo, 'engine' | 'engineVersion' | 'device'> & { fingerprint?: Record<string, string> }): VariantFingerprint {
  return { engine: v.engine, engineVersion: v.engineVersion, device: v.device, ...(v.fingerprint ? { extra: v.fingerprint } : {}) };
}

export function fingerprintOf(record: { environment: Pick<Environment, 'cpu' | 'arch'>; variants: readonly VariantInfo[] }): Fingerprint {
  return {
    cpu: record.environment.cpu,
    arch: record.environment.arch,
    variants: Object.fromEntries(record.variants.map((v) => [v.id, variantFingerprint(v as VariantInfo & { fingerprint?: Record<string, string> })])),
  };
}

/**
 * Differences on the keys that matter for the given variants (those present
 * in both runs). Machine keys matter only when a compared variant runs a model
 * here; precomputed outputs carry their own device label.
 */
export function fingerprintDifferences(current: Fingerprint, baseline: Fingerprint, variantIds?: readonly string[]): string[] {
  const ids = (variantIds ?? Object.keys(current.variants)).filter((id) => current.variants[id] && baseline.variants[id]);
  const diffs: string[] = [];
  for (const id of ids) {
    const a = current.variants[id];
    const b = baseline.variants[id];
    if (a.device !== b.device) diffs.push(`${id}: device ${b.device} → ${a.device}`);
    if (a.engine !== b.engine) diffs.push(`${id}: engine ${b.engine} → ${a.engine}`);
    else if (a.engineVersion !== b.engineVersion) diffs.push(`${id}: ${a.engine} ${b.engineVersion} → ${a.engineVersion}`);
    for (const key of new Set([...Object.keys(a.extra ?? {}), ...Object.keys(b.extra ?? {})])) {
      if (a.extra?.[key] !== b.extra?.[key]) diffs.push(`${id}: ${key} ${b.extra?.[key] ?? '(none)'} → ${a.extra?.[key] ?? '(none)'}`);
    }
  }
  const runsModels = ids.some((id) => current.variants[id].engine !== 'precomputed');
  if (runsModels && current.cpu !== baseline.cpu) diffs.unshift(`cpu ${baseline.cpu} → ${current.cpu}`);
  if (runsModels && current.arch !== baseline.arch) diffs.unshift(`arch ${baseline.arch} → ${current.arch}`);
  return diffs;
}

export type RecordForFingerprint = Pick<RunRecord, 'environment' | 'variants'>;
