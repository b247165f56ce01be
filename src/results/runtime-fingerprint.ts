/**
 * The runtime side of the environment: every engine mtgate knows with its
 * version (or "unavailable: why"), and for each (engine, device) a run used,
 * what the engine can tell about the device: name, architecture, driver and
 * compiler versions (OpenVINO FULL_DEVICE_NAME, DEVICE_ARCHITECTURE,
 * NPU_DRIVER_VERSION, NPU_COMPILER_VERSION).
 */
import { describeError } from '../errors.js';
import { ENGINE_NAMES, engineByName } from '../engines/registry.js';

export interface RuntimeFingerprint {
  /** Engine name → runtime version, or "unavailable: <why>". */
  runtimes: Record<string, string>;
  /** "engine/device" → fingerprint keys (runtime_version, device_name, driver_version, ...). */
  devices: Record<string, Record<string, string>>;
}

export async function captureRuntimeFingerprint(used: readonly { engine: string; device: string }[]): Promise<RuntimeFingerprint> {
  const runtimes: Record<string, string> = {};
  for (const name of ENGINE_NAMES) {
    const a = await engineByName(name)!.availability();
    runtimes[name] = a.available ? (a.version ?? 'unknown') : `unavailable: ${a.reason ?? 'unknown reason'}`;
  }
  const devices: Record<string, Record<string, string>> = {};
  for (const { engine, device } of used) {
    const key = `${engine}/${device}`;
    if (devices[key]) continue;
    try {
      devices[key] = runtimes[engine]?.startsWith('unavailable') ? { error: runtimes[engine] } : await engineByName(engine)!.fingerprint(device);
    } catch (err) {
      devices[key] = { error: describeError(err) };
    }
  }
  return { runtimes, devices };
}
