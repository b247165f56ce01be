/**
 * Fault injection: engines registered through the engine registry that
 * throw on the Nth call, produce NaN logits, never emit eos or emit nothing;
 * cold-start children that crash, hang or print garbage; a corrupt model.
 * Every fault becomes a recorded cell error or flag, and the run goes on.
 */
import assert from 'node:assert/strict';
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Engine, LoadedModel } from '../../src/engines/engine.js';
import { onnxRuntimeEngine } from '../../src/engines/onnxruntime.js';
import { registerEngine } from '../../src/engines/registry.js';
import { coldStartSample } from '../../src/measures/cold-start.js';
import type { ColdStartRequest } from '../../src/measures/cold-start-child.js';
import type { Cell } from '../../src/results/record.js';
import { runSuite } from '../../src/run.js';
import { loadSuite } from '../../src/suite/load.js';
import { tempDir, TOY, write, suiteYaml } from './helpers.js';

const EOS = 2;

/** An engine that runs the real ONNX model and breaks it in one way. */
function faultyEngine(name: string, fault: { throwOnEncode?: (call: number) => boolean; logits?: (l: Float32Array, step: number) => void }): Engine {
  return {
    ...onnxRuntimeEngine,
    name,
    async load(files, opts) {
      const { model, timings } = await onnxRuntimeEngine.load(files, opts);
      let calls = 0;
      const broken: LoadedModel = {
        decodingMode: model.decodingMode,
        encode: async (ids) => {
          calls++;
          if (fault.throwOnEncode?.(calls)) throw new Error(`injected fault on encode call ${calls}`);
          return model.encode(ids);
        },
        startDecoder: (source) => {
          const run = model.startDecoder(source);
          let step = 0;
          return {
            step: async (token) => {
              const logits = new Float32Array(await run.step(token));
              fault.logits?.(logits, step++);
              return logits;
            },
            dispose: () => run.dispose(),
          };
        },
        dispose: () => model.dispose(),
      };
      return { model: broken, timings };
    },
  };
}

registerEngine(faultyEngine('flaky', { throwOnEncode: (n) => n === 12 }));
registerEngine(faultyEngine('dies', { throwOnEncode: (n) => n > 8 }));
registerEngine(faultyEngine('nan', { logits: (l) => (l[7] = Number.NaN) }));
registerEngine(faultyEngine('no-eos', { logits: (l) => (l[EOS] = -1e30) }));
registerEngine(faultyEngine('empty', { logits: (l) => l.fill(-1e30).fill(0, EOS, EOS + 1) }));

const cell = (cells: Cell[], variant: string, dataset: string | undefined, measure: string) =>
  cells.find((c) => c.variant === variant && c.dataset === dataset && c.measure === measure);

test('a throwing model fails only its cells; NaN logits, runaway and empty decodes are flagged; the run goes on', { timeout: 120_000 }, async () => {
  const dir = tempDir('faults');
  const faulty = ['flaky', 'dies', 'nan', 'no-eos', 'empty'];
  const variants = [
    '  - { id: fp32, model: fp32, engine: onnxruntime, device: CPU, engine_options: { intraOpNumThreads: 1 } }',
    ...faulty.map((id) => `  - { id: ${id}, model: fp32, engine: onnxruntime, device: CPU, engine_options: { intraOpNumThreads: 1 } }`),
  ].join('\n');
  const suite = loadSuite(
    write(dir, 'faults.yaml', suiteYaml({
      limit: 8,
      variants,
      extra: 'decoding: { max_length: 12 }\n',
      measures: '  quality: { metrics: [bleu] }\n  agreement: {}\n  latency: { sentences: 2, min_samples: 2, min_time_ms: 0, warmup_samples: 0 }',
    })),
  );
  for (const v of suite.variants) if (faulty.includes(v.id)) v.engine = v.id;
  const record = await runSuite(suite, { reportsDir: join(dir, 'reports') });
  const { cells } = record;

  // flaky: the 12th encode is line 4 of the second dataset — that translation and what needs it fail, nothing else.
  assert.match(cell(cells, 'flaky', 'sw', 'translation')?.error ?? '', /^injected fault on encode call 12$/);
  assert.match(cell(cells, 'flaky', 'sw', 'quality')?.error ?? '', /^translation failed: injected fault/);
  assert.ok(cell(cells, 'flaky', 'de', 'quality')?.values.bleu! > 10);
  assert.ok(cell(cells, 'flaky', 'de', 'latency')?.values['latency.p50_ms']! > 0, 'later cells of the same variant still run');
  // dies: the model breaks during the first latency measurement; translation and quality before it stand.
  assert.match(cell(cells, 'dies', 'de', 'latency')?.error ?? '', /injected fault on encode call 9/);
  assert.ok(cell(cells, 'dies', 'de', 'agreement')?.values['agreement.exact_match'] === 1);
  assert.match(cell(cells, 'dies', 'sw', 'translation')?.error ?? '', /injected fault/);

  const flags = (v: string) => cell(cells, v, 'de', 'translation')?.details as Record<string, number>;
  assert.equal(flags('nan').nonFiniteLogits, 8);
  assert.equal(flags('fp32').nonFiniteLogits, 0);
  assert.equal(flags('no-eos').maxLengthHits, 8);
  assert.equal(flags('empty').emptyOutputs, 8);
  assert.equal(cell(cells, 'empty', 'de', 'quality')?.values.bleu, 0);

  // Gates fail closed on errored cells; the exit code says the run failed.
  assert.equal(record.outcome.exitCode, 3);
  assert.equal(record.outcome.erroredCells, cells.filter((c) => c.error).length);
  assert.equal(record.outcome.erroredCells, 4 + 5); // flaky: sw translation, quality, agreement, latency; dies: de latency + those four
  const floor = record.gates.find((g) => g.id === 'floor')!;
  assert.equal(floor.checks.find((c) => c.variant === 'flaky' && c.pair === 'en-sw')?.status, 'fail');
  assert.equal(floor.checks.find((c) => c.variant === 'fp32' && c.pair === 'en-sw')?.status, 'pass');
});

test('cold start: a corrupt model fails its cold-start and load cells with one line naming the file; other variants run', { timeout: 120_000 }, async () => {
  const dir = tempDir('corrupt');
  const bad = join(dir, 'corrupt-model');
  cpSync(TOY('fp32'), bad, { recursive: true });
  writeFileSync(join(bad, 'encoder_model.onnx'), 'garbage');
  const yaml = suiteYaml({ limit: 4, measures: '  cold_start: { samples: 1, timeout_s: 60 }\n  quality: { metrics: [bleu] }' }).replace(TOY('int8'), bad);
  const record = await runSuite(loadSuite(write(dir, 'c.yaml', yaml)), { reportsDir: join(dir, 'reports') });
  const cold = cell(record.cells, 'int8', undefined, 'cold_start');
  assert.match(cold?.error ?? '', /every cold-start sample failed; first: none sample 1: cold-start child exited with 1: .*corrupt-model\/encoder_model\.onnx: ONNX Runtime cannot load this model/);
  assert.match(cell(record.cells, 'int8', 'de', 'quality')?.error ?? '', /^model failed to load: .*encoder_model\.onnx: ONNX Runtime cannot load/);
  assert.ok(cell(record.cells, 'fp32', undefined, 'cold_start')?.values['cold_start.median_ms']! > 0);
  assert.ok(cell(record.cells, 'fp32', 'sw', 'quality')?.values.bleu! > 10);
  assert.equal(record.outcome.exitCode, 3);
});

test('cold start: a child that crashes, hangs, fails or prints garbage is recorded, and a hang is killed at the timeout', { timeout: 60_000 }, async () => {
  const dir = tempDir('children');
  const req = { engine: 'onnxruntime', modelDir: TOY('fp32'), device: 'CPU', options: {}, maxLength: 8, sentence: 'x', srcLang: 'en', tgtLang: 'de' } as ColdStartRequest;
  const script = (name: string, body: string) => write(dir, `${name}.mjs`, body);
  const fails = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (err) {
      return (err as Error).message;
    }
    return assert.fail('expected the sample to fail');
  };
  assert.match(await fails(coldStartSample(req, 10_000, script('crash', "process.stderr.write('about to crash\\n'); process.kill(process.pid, 'SIGKILL');"))), /^cold-start child crashed \(killed by SIGKILL\): about to crash$/);
  const t0 = Date.now();
  assert.match(await fails(coldStartSample(req, 700, script('hang', 'setInterval(() => {}, 1000);'))), /^cold-start child killed after the 0\.7 s timeout$/);
  assert.ok(Date.now() - t0 < 10_000, 'the hang was cut short');
  assert.match(await fails(coldStartSample(req, 10_000, script('exit', "process.stderr.write('model exploded\\n'); process.exit(7);"))), /^cold-start child exited with 7: model exploded$/);
  assert.match(await fails(coldStartSample(req, 10_000, script('garbage', "process.stdout.write('not json\\n');"))), /^cold-start child printed no result line \(last output: "not json"\)$/);
});
