/** Where a run happened: enough to tell whether two runs are comparable. */
import { cpus, platform, release, totalmem, arch } from 'node:os';

export interface Environment {
  os: string;
  arch: string;
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  /** Engine name → runtime version, for the engines this run used. */
  engines: Record<string, string>;
  /** Every engine mtgate knows → version or "unavailable: why" (src/results/fingerprint.ts). */
  runtimes?: Record<string, string>;
  /** "engine/device" → device identity: name, architecture, driver and compiler versions. */
  devices?: Record<string, Record<string, string>>;
}

export function captureEnvironment(engines: Record<string, string>): Environment {
  const cpuList = cpus();
  return {
    os: `${platform()} ${release()}`,
    arch: arch(),
    cpu: cpuList[0]?.model.trim() ?? 'unknown',
    cores: cpuList.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    engines,
  };
}
