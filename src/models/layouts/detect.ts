/**
 * Detects a model directory's export layout. Layouts are tried in order
 * (most specific first); the first that recognises the directory wins.
 */
import { existsSync, statSync } from 'node:fs';
import { UsageError } from '../../errors.js';
import type { LayoutDetector, ModelFiles } from './layout.js';
import { onnxMerged } from './onnx-merged.js';
import { optimumOnnx } from './optimum-onnx.js';
import { optimumOnnxWithPast } from './optimum-onnx-with-past.js';
import { openvinoIrStateful } from './openvino-ir-stateful.js';
import { openvinoIrStateless } from './openvino-ir-stateless.js';

export type { LayoutName, ModelFiles, ModelFormat } from './layout.js';

/** Add a layout: write its detector file and list it here. */
export const LAYOUTS: LayoutDetector[] = [openvinoIrStateful, openvinoIrStateless, optimumOnnxWithPast, onnxMerged, optimumOnnx];

export function detectLayout(dir: string, where: string, options?: { suffix?: string }): ModelFiles {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new UsageError(`${where}: model directory ${dir} does not exist; export the model there or fix the path`);
  }
  for (const layout of LAYOUTS) {
    const files = layout.detect(dir, where, options);
    if (files) return files;
  }
  throw new UsageError(
    `${where}: no known model layout in ${dir}: expected ${LAYOUTS.map((l) => l.expects).join(', or ')}`,
  );
}
