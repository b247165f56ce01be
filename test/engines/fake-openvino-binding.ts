/**
 * The FAKE openvino-node as a module, for whole-CLI tests: point
 * MTGATE_OPENVINO_BINDING at this file (child processes inherit it, so cold
 * start runs on the fake too). Options come from MTGATE_FAKE_OPENVINO (JSON).
 */
import { fakeOpenVino, type FakeOpenVinoOptions } from './fake-openvino.js';

const options = JSON.parse(process.env.MTGATE_FAKE_OPENVINO ?? '{}') as FakeOpenVinoOptions;
export const addon = fakeOpenVino(options).ov;
