/** Engines by the name a suite uses. Adding an engine = one file + one line here. */
import type { Engine } from './engine.js';
import { onnxRuntimeEngine } from './onnxruntime.js';

const engines: Record<string, Engine> = {
  [onnxRuntimeEngine.name]: onnxRuntimeEngine,
};

export const ENGINE_NAMES = Object.keys(engines);

export function engineByName(name: string): Engine | undefined {
  return engines[name];
}

/** Adds an engine at run time (a plugin, or a fake engine in tests). */
export function registerEngine(engine: Engine): void {
  engines[engine.name] = engine;
}
