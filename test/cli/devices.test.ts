/** `mtgate devices`: engines, versions, devices and properties; exit 0 without OpenVINO. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeDevices, formatDevices } from '../../src/cli/commands/devices.js';
import { runtimeArchiveUrl } from '../../src/cli/commands/setup.js';
import { openVinoPackageDir } from '../../src/engines/openvino/binding.js';
import { onnxRuntimeEngine } from '../../src/engines/onnxruntime.js';
import { createOpenVinoEngine, openVinoEngine } from '../../src/engines/openvino.js';
import { mtgate } from '../e2e/cli.js';
import { fakeOpenVino } from '../engines/fake-openvino.js';

test('devices lists each OpenVINO device with its identity properties (FAKE openvino-node)', async () => {
  const { ov } = fakeOpenVino({
    devices: ['CPU', 'NPU'],
    properties: { NPU: { FULL_DEVICE_NAME: 'Intel(R) AI Boost', NPU_DRIVER_VERSION: '1688', NPU_COMPILER_VERSION: (7 << 16) | 21 }, CPU: { FULL_DEVICE_NAME: 'Some CPU' } },
  });
  const report = await describeDevices([onnxRuntimeEngine, createOpenVinoEngine(async () => ov)]);
  assert.equal(report[1].version, '2026.4.0-fake');
  assert.deepEqual(Object.keys(report[1].devices), ['CPU', 'NPU']);
  assert.equal(report[1].devices.NPU.compiler_version, '7.21');
  const text = formatDevices(report);
  assert.match(text, /^onnxruntime \d+\.\d+/);
  assert.match(text, /openvino 2026\.4\.0-fake\n {2}CPU\n {4}device_name: Some CPU/);
  assert.match(text, / {2}NPU\n {4}device_name: Intel\(R\) AI Boost\n {4}driver_version: 1688\n {4}compiler_version: 7\.21/);
});

test('mtgate devices exits 0 and says why OpenVINO is unavailable when its runtime is absent', async (t) => {
  if ((await openVinoEngine.availability()).available) return t.skip('the OpenVINO runtime is installed here');
  const r = mtgate(['devices']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^onnxruntime \d/m);
  assert.match(r.stdout, /^openvino: unavailable: .*mtgate setup openvino/m);
  const json = JSON.parse(mtgate(['devices', '--json']).stdout) as { engine: string; available: boolean }[];
  assert.deepEqual(json.map((e) => [e.engine, e.available]), [['onnxruntime', true], ['openvino', false]]);
});

test('setup openvino points at the archive openvino-node’s own script downloads', () => {
  const dir = openVinoPackageDir();
  assert.ok(dir, 'openvino-node (devDependency) is installed');
  const url = runtimeArchiveUrl(dir);
  assert.equal(url, `https://storage.openvinotoolkit.org/repositories/openvino/nodejs_bindings/2026.4.0/${process.platform}/openvino_nodejs_bindings_${process.platform}_2026.4.0_${process.arch}.tar.gz`);
});
