/**
 * What OpenVINO says about its devices: the identity properties that go into
 * run records and compile-cache keys, and what "the model ran where it was
 * asked to" means for fallback detection.
 */
import type { OvAny, OvCore } from './binding.js';

/** Property → fingerprint key. Read per physical device; unsupported ones are skipped. */
export const IDENTITY_PROPERTIES: Record<string, string> = {
  FULL_DEVICE_NAME: 'device_name',
  DEVICE_ARCHITECTURE: 'device_architecture',
  NPU_DRIVER_VERSION: 'driver_version',
  NPU_COMPILER_VERSION: 'compiler_version',
  GPU_DRIVER_VERSION: 'driver_version',
};

/** OpenVINO property values as one string (lists joined with commas). */
export function anyToString(value: OvAny | unknown): string {
  if (Array.isArray(value)) return value.map(String).join(',');
  return String(value);
}

/**
 * NPU_COMPILER_VERSION is an integer holding major << 16 | minor; shown as
 * "major.minor" so that it compares like every other version.
 */
export function formatProperty(name: string, value: OvAny | unknown): string {
  if (name === 'NPU_COMPILER_VERSION' && typeof value === 'number' && value > 0xffff) return `${value >>> 16}.${value & 0xffff}`;
  return anyToString(value);
}

export function readProperty(core: OvCore, device: string, name: string): string | undefined {
  try {
    const value = core.getProperty(device, name);
    return value === undefined || value === null || value === '' ? undefined : formatProperty(name, value);
  } catch {
    return undefined;
  }
}

/** Physical devices a device string names: AUTO:NPU,CPU → NPU, CPU; HETERO:GPU.1,CPU → GPU.1, CPU; plain AUTO → all available. */
export function physicalDevices(device: string, available: readonly string[]): string[] {
  const [kind, list] = device.split(':', 2);
  if (['AUTO', 'HETERO', 'MULTI'].includes(kind)) return list ? list.split(',').filter(Boolean) : [...available];
  return [device];
}

/** EXECUTION_DEVICES as a list, whatever shape the binding hands back. */
export function parseExecutionDevices(value: OvAny | unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return String(value)
    .split(/[,\s]+/)
    .filter(Boolean);
}

/** `GPU.0` runs what `GPU` asked for; `CPU` does not run what `NPU` asked for. */
function sameDevice(asked: string, running: string): boolean {
  const a = asked.toUpperCase();
  const r = running.toUpperCase();
  return r === a || r.startsWith(`${a}.`) || a.startsWith(`${r}.`);
}

/**
 * Devices the compiled model runs on that the variant did not ask for.
 * AUTO without a list may pick anything; AUTO:/HETERO:/MULTI: lists and plain
 * devices must be honoured. Empty = no fallback.
 */
export function unexpectedDevices(requested: string, executionDevices: readonly string[]): string[] {
  if (requested === 'AUTO') return [];
  const allowed = physicalDevices(requested, []);
  return executionDevices.filter((d) => !allowed.some((a) => sameDevice(a, d)));
}
