/**
 * Harness benchmark on the shipped toy model: greedy-decode throughput per
 * precision, and the decode loop's overhead (loop wall time ÷ summed model
 * run time; 1.00 means the harness adds nothing).
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { M2M100Formatter } from '../src/decoding/m2m100.js';
import { Translator } from '../src/decoding/translator.js';
import { onnxRuntimeEngine } from '../src/engines/onnxruntime.js';
import { summarize } from '../src/measures/stats.js';
import { detectLayout } from '../src/models/layouts/detect.js';
import { readLines } from '../src/plan/datasets.js';

const root = (p: string) => fileURLToPath(new URL(`../${p}`, import.meta.url));

export async function benchHarness(): Promise<void> {
  const sources = readLines(root('datasets/toy/en-de.en'), 'bench');
  console.log(`\n== harness: greedy decoding of ${sources.length} toy en-de sentences, ONNX Runtime CPU, 1 thread ==`);
  console.log('precision  sentences/s  tokens/s  p50 ms  p95 ms  loop overhead');
  for (const precision of ['fp32', 'int8', 'int4']) {
    const files = detectLayout(root(`models/toy-m2m100/${precision}`), 'bench');
    const { model } = await onnxRuntimeEngine.load(files, { device: 'CPU', options: { intraOpNumThreads: 1 } });
    const translator = new Translator(model, new M2M100Formatter(files), 64);
    for (const s of sources.slice(0, 10)) await translator.translate(s, 'en', 'de'); // warm-up
    const wall: number[] = [];
    let modelMs = 0;
    let loopMs = 0;
    let tokens = 0;
    for (const s of sources) {
      const out = await translator.translate(s, 'en', 'de');
      wall.push(out.wallMs);
      loopMs += out.wallMs;
      modelMs += out.encodeMs + out.stepMs.reduce((a, b) => a + b, 0);
      tokens += out.tokenIds.length;
    }
    const st = summarize(wall);
    const total = wall.reduce((a, b) => a + b, 0) / 1000;
    console.log(
      `${precision.padEnd(9)}  ${(sources.length / total).toFixed(1).padStart(11)}  ${(tokens / total).toFixed(0).padStart(8)}  ${st.p50.toFixed(2).padStart(6)}  ${st.p95.toFixed(2).padStart(6)}  ${(loopMs / modelMs).toFixed(3).padStart(13)}`,
    );
    await model.dispose();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await benchHarness();
