/**
 * Finds and loads openvino-node lazily. It is a devDependency (for its
 * typings) and never a runtime dependency: its postinstall downloads the
 * OpenVINO runtime from Intel's servers, and releases from 2024.6 on declare
 * Node >= 21. So nothing here runs until an OpenVINO variant or
 * `mtgate devices`/`mtgate setup openvino` asks, and every failure becomes a
 * sentence that says what is missing and what to do.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { addon as OvAddon } from 'openvino-node';

/** openvino-node's native addon as its own .d.ts describes it. */
export type OpenVino = typeof OvAddon;
export type OvCore = InstanceType<OpenVino['Core']>;
export type OvModel = Awaited<ReturnType<OvCore['readModel']>>;
export type OvCompiledModel = Awaited<ReturnType<OvCore['compileModel']>>;
export type OvInferRequest = ReturnType<OvCompiledModel['createInferRequest']>;
export type OvTensor = InstanceType<OpenVino['Tensor']>;
export type OvAny = ReturnType<OvCore['getProperty']>;

/** The openvino-node release whose typings this engine is written against (package.json devDependencies). */
export const OPENVINO_NODE_VERSION = '2026.4.0';
/** Releases from 2024.6 on declare this in their package.json `engines`. */
export const OPENVINO_NODE_MIN_NODE_MAJOR = 21;

export type BindingLoader = () => Promise<OpenVino>;

export class OpenVinoUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OpenVinoUnavailable';
  }
}

/** Directory of the installed openvino-node package, or undefined when it is not installed. */
export function openVinoPackageDir(): string | undefined {
  try {
    return dirname(createRequire(import.meta.url).resolve('openvino-node/package.json'));
  } catch {
    return undefined;
  }
}

function nodeNote(): string {
  const major = Number(process.versions.node.split('.')[0]);
  return major < OPENVINO_NODE_MIN_NODE_MAJOR
    ? ` (note: openvino-node ${OPENVINO_NODE_VERSION} declares Node >= ${OPENVINO_NODE_MIN_NODE_MAJOR}; this is Node ${process.versions.node}; if it fails to load, use Node 22 LTS)`
    : '';
}

/** Why the binding did not load, as one actionable sentence. */
export function explainLoadFailure(err: unknown): string {
  const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
  const code = (err as { code?: string } | null)?.code;
  if (!openVinoPackageDir() || (code === 'ERR_MODULE_NOT_FOUND' && /openvino-node/.test(message) && !/ov_node_addon/.test(message))) {
    return `openvino-node is not installed; run \`npm install openvino-node@${OPENVINO_NODE_VERSION}\` and then \`mtgate setup openvino\`${nodeNote()}`;
  }
  if (/ov_node_addon\.node/.test(message)) {
    return `openvino-node is installed but its OpenVINO runtime was not downloaded (its install script is off by default); run \`mtgate setup openvino\`${nodeNote()}`;
  }
  return `openvino-node failed to load: ${message}; run \`mtgate setup openvino\` to re-download the runtime${nodeNote()}`;
}

let cached: Promise<OpenVino> | undefined;

/**
 * Set to a module path, this module's `addon` is used instead of openvino-node.
 * For tests only (the fake binding in test/engines/); its version says FAKE.
 */
export const BINDING_OVERRIDE_ENV = 'MTGATE_OPENVINO_BINDING';

/** The real binding, imported once. Rejects with OpenVinoUnavailable (reason + fix). */
export const loadOpenVino: BindingLoader = () => {
  cached ??= (async () => {
    try {
      const override = process.env[BINDING_OVERRIDE_ENV];
      const mod = (await import(override ? pathToFileURL(override).href : 'openvino-node')) as { addon?: OpenVino; default?: { addon?: OpenVino } };
      const addon = mod.addon ?? mod.default?.addon;
      if (!addon?.Core) throw new Error('openvino-node exported no addon.Core');
      return addon;
    } catch (err) {
      throw new OpenVinoUnavailable(explainLoadFailure(err));
    }
  })();
  return cached;
};
