/**
 * `mtgate devices`: which engines this machine can run, their versions, and
 * their devices with the properties that identify them. Exits 0 even when an
 * engine is unavailable: saying so (and how to fix it) is the answer.
 */
import type { Argv, CommandModule } from 'yargs';
import type { Engine } from '../../engines/engine.js';
import { ENGINE_NAMES, engineByName } from '../../engines/registry.js';
import { describeError } from '../../errors.js';

export interface EngineDevices {
  engine: string;
  available: boolean;
  version?: string;
  reason?: string;
  /** Device → its fingerprint (runtime_version, device_name, device_architecture, driver_version, ...). */
  devices: Record<string, Record<string, string>>;
}

export async function describeDevices(engines: readonly Engine[]): Promise<EngineDevices[]> {
  const out: EngineDevices[] = [];
  for (const engine of engines) {
    const a = await engine.availability();
    const entry: EngineDevices = { engine: engine.name, available: a.available, devices: {}, ...(a.version ? { version: a.version } : {}), ...(a.reason ? { reason: a.reason } : {}) };
    if (a.available) {
      const names = engine.devices ? await engine.devices() : ['CPU'];
      for (const device of names) {
        try {
          const { runtime_version: _v, device: _d, ...props } = await engine.fingerprint(device);
          entry.devices[device] = props;
        } catch (err) {
          entry.devices[device] = { error: describeError(err) };
        }
      }
    }
    out.push(entry);
  }
  return out;
}

export function formatDevices(report: readonly EngineDevices[]): string {
  const lines: string[] = [];
  for (const e of report) {
    lines.push(e.available ? `${e.engine} ${e.version ?? ''}`.trimEnd() : `${e.engine}: unavailable: ${e.reason ?? 'unknown reason'}`);
    for (const [device, props] of Object.entries(e.devices)) {
      lines.push(`  ${device}`);
      for (const [k, v] of Object.entries(props)) lines.push(`    ${k}: ${v}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

const devicesCommand: CommandModule<object, { json: boolean }> = {
  command: 'devices',
  describe: 'List engines, their versions, devices and device properties (driver, compiler, architecture)',
  builder: (y: Argv) => y.option('json', { type: 'boolean', default: false, describe: 'Print JSON instead of text' }) as Argv<{ json: boolean }>,
  handler: async (args) => {
    const report = await describeDevices(ENGINE_NAMES.map((n) => engineByName(n)!));
    process.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : formatDevices(report));
  },
};

export default devicesCommand;
