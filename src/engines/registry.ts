/** Engines by the name a suite uses. Adding an engine = one file + one line here. */
import type { Engine } from './engine.js';
import { onnxRuntimeEngine } from './onnxruntime.js';
import { openVinoEngine } from './openvino.js';

const engines: Record<string, Engine> = {
  [onnxRuntimeEngine.name]: onnxRuntimeEngine,
  [openVinoEngine.name]: openVinoEngine,
};

export const ENGINE_NAMES = Object.keys(engines);

/**
 * Adds an engine at run time (tests register fault-injecting engines here).
 * Suites still name only the schema's engines; a test sets variant.engine itself.
 */
export function registerEngine(engine: Engine): void {
  engines[engine.name] = engine;
}

export function engineByName(name: string): Engine | undefined {
  return engines[name];
}
