/**
 * `requires:` in a suite: minimum runtime, NPU driver and compiler versions.
 * Checked before anything is measured; an older (or absent) one stops the run
 * with exit 2 and says what was found and what to do.
 */
import { UsageError } from '../errors.js';
import { engineByName } from '../engines/registry.js';
import type { Requirements, Suite } from '../suite/types.js';

/** Leading dotted number of a version string: "2026.4.0-20000-abc" → [2026, 4, 0]. */
export function versionNumbers(version: string): number[] | undefined {
  const m = /\d+(\.\d+)*/.exec(version);
  return m ? m[0].split('.').map(Number) : undefined;
}

/** true when `have` is at least `need`, component by component (missing components are 0). */
export function atLeast(have: string, need: string): boolean {
  const h = versionNumbers(have);
  const n = versionNumbers(need) ?? [];
  if (!h) return false;
  for (let i = 0; i < Math.max(h.length, n.length); i++) {
    const a = h[i] ?? 0;
    const b = n[i] ?? 0;
    if (a !== b) return a > b;
  }
  return true;
}

type Reader = () => Promise<{ version?: string; why?: string }>;

async function runtimeVersion(engine: string): Promise<{ version?: string; why?: string }> {
  const e = engineByName(engine);
  if (!e) return { why: `no ${engine} engine in this mtgate` };
  const a = await e.availability();
  return a.available ? { version: a.version } : { why: `${engine} is unavailable: ${a.reason}` };
}

async function npuProperty(key: 'driver_version' | 'compiler_version'): Promise<{ version?: string; why?: string }> {
  const ov = engineByName('openvino');
  const a = await ov?.availability();
  if (!ov || !a?.available) return { why: `OpenVINO is unavailable: ${a?.reason ?? 'no openvino engine'}` };
  try {
    const f = await ov.fingerprint('NPU');
    return f[key] ? { version: f[key] } : { why: `OpenVINO reports no NPU ${key.replace('_', ' ')} (is there an NPU and its driver?)` };
  } catch (err) {
    return { why: `OpenVINO could not read the NPU: ${(err as Error).message}` };
  }
}

const READERS: Record<keyof Requirements, { what: string; read: Reader; fix: string }> = {
  openvino: { what: 'OpenVINO runtime', read: () => runtimeVersion('openvino'), fix: 'install a newer openvino-node and run `mtgate setup openvino`' },
  onnxruntime: { what: 'onnxruntime-node', read: () => runtimeVersion('onnxruntime'), fix: 'upgrade onnxruntime-node' },
  npu_driver: { what: 'NPU driver', read: () => npuProperty('driver_version'), fix: 'update the Intel NPU driver' },
  npu_compiler: { what: 'NPU compiler', read: () => npuProperty('compiler_version'), fix: 'update the Intel NPU driver (it ships the compiler)' },
};

/** Throws UsageError (exit 2) on the first requirement this machine does not meet. */
export async function checkRequirements(suite: Pick<Suite, 'path' | 'requires'>): Promise<void> {
  for (const [key, need] of Object.entries(suite.requires ?? {}) as [keyof Requirements, string][]) {
    const { what, read, fix } = READERS[key];
    const { version, why } = await read();
    if (version === undefined) {
      throw new UsageError(`${suite.path}: requires.${key}: the suite needs ${what} >= ${need}, but ${why}`);
    }
    if (!atLeast(version, need)) {
      throw new UsageError(`${suite.path}: requires.${key}: the suite needs ${what} >= ${need}, this machine has ${version}; ${fix}`);
    }
  }
}
