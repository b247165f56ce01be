/**
 * `mtgate setup openvino`: gets the OpenVINO runtime that openvino-node needs.
 * openvino-node downloads it in its postinstall script, which mtgate's
 * package.json denies (allowScripts) so that `npm install` never fails
 * offline; this command runs that same script on request, where the network
 * allows, and says plainly what failed where it does not.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { OPENVINO_NODE_MIN_NODE_MAJOR, OPENVINO_NODE_VERSION, openVinoPackageDir } from '../../engines/openvino/binding.js';

export class SetupFailed extends Error {
  readonly exitCode = 3;
}

/** Where openvino-node's script fetches the runtime archive from, for a manual download. */
export function runtimeArchiveUrl(packageDir: string): string | undefined {
  try {
    const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
      version: string;
      binary?: { host: string; remote_path: string; package_name: string; version?: string };
    };
    const b = pkg.binary;
    if (!b) return undefined;
    const path = `${b.remote_path}${b.package_name}`
      .replace(/\{version\}/g, b.version ?? pkg.version)
      .replace(/\{platform\}/g, process.platform)
      .replace(/\{arch\}/g, process.arch)
      .replace(/\{extension\}/g, 'tar.gz');
    return new URL(path, b.host).toString();
  } catch {
    return undefined;
  }
}

function run(cmd: string, args: string[], cwd: string, echo: boolean): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const take = (chunk: Buffer) => {
      output += chunk.toString();
      if (echo) process.stderr.write(chunk);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('error', (err) => resolve({ code: 1, output: `${output}${err.message}` }));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

const lastLine = (text: string) => text.trim().split('\n').filter(Boolean).pop() ?? '';

/** Loads the binding in a fresh process (this one may have cached a failed import) and returns its version. */
async function probe(packageDir: string): Promise<{ ok: boolean; detail: string }> {
  const script = "const {addon}=require(process.argv[1]);const c=new addon.Core();console.log(addon.getOpenvinoVersion().buildNumber+' · devices: '+c.getAvailableDevices().join(', '))";
  const r = await run(process.execPath, ['-e', script, packageDir], packageDir, false);
  return { ok: r.code === 0, detail: lastLine(r.output) };
}

export async function setupOpenVino(echo = true): Promise<string> {
  const major = Number(process.versions.node.split('.')[0]);
  const nodeNote =
    major < OPENVINO_NODE_MIN_NODE_MAJOR
      ? ` Note: openvino-node ${OPENVINO_NODE_VERSION} declares Node >= ${OPENVINO_NODE_MIN_NODE_MAJOR} and this is Node ${process.versions.node}; if the runtime fails to load, use Node 22 LTS.`
      : '';
  const dir = openVinoPackageDir();
  if (!dir) {
    throw new SetupFailed(`openvino-node is not installed; run \`npm install openvino-node@${OPENVINO_NODE_VERSION}\`, then \`mtgate setup openvino\` again.${nodeNote}`);
  }
  const before = await probe(dir);
  if (before.ok) return `OpenVINO is ready: ${before.detail}`;
  const script = join(dir, 'scripts', 'download-runtime.js');
  if (!existsSync(script)) throw new SetupFailed(`${script} is missing; reinstall openvino-node@${OPENVINO_NODE_VERSION}.${nodeNote}`);
  const url = runtimeArchiveUrl(dir);
  if (echo) process.stderr.write(`mtgate: downloading the OpenVINO runtime with openvino-node's script${url ? ` from ${url}` : ''} ...\n`);
  // --force: a half-extracted bin/ from an earlier failed attempt must not be kept.
  const download = await run(process.execPath, [script, '--force'], dir, false);
  if (download.code !== 0) {
    // The script's own one-line reason, not the stack trace Node prints after it.
    const reason = /Failed to download OpenVINO runtime: (.*)/.exec(download.output)?.[1]?.replace(/\.+$/, '') ?? lastLine(download.output);
    throw new SetupFailed(
      `downloading the OpenVINO runtime failed (${reason || `exit ${download.code}`}); ` +
        `on a machine without access, fetch ${url ?? 'the runtime archive'} elsewhere and unpack it into ${join(dir, 'bin')}.${nodeNote}`,
    );
  }
  const after = await probe(dir);
  if (!after.ok) throw new SetupFailed(`the OpenVINO runtime was downloaded but does not load: ${after.detail}.${nodeNote}`);
  return `OpenVINO is ready: ${after.detail}`;
}

const setupCommand: CommandModule<object, { what: string }> = {
  command: 'setup <what>',
  describe: 'Install what an engine needs at run time: `setup openvino` downloads the OpenVINO runtime for openvino-node',
  builder: (y: Argv) => y.positional('what', { choices: ['openvino'], describe: 'What to set up' }) as Argv<{ what: string }>,
  handler: async () => {
    process.stdout.write(`${await setupOpenVino()}\n`);
  },
};

export default setupCommand;
