/**
 * Bad input, one case per class: each must be a UsageError (exit 2) whose
 * message is one line naming the file (and line/field where there is one)
 * and saying what to do. The cases are counted in the README (Bad input, faults and interruptions).
 */
import assert from 'node:assert/strict';
import { copyFileSync, cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { UsageError } from '../../src/errors.js';
import { makePlan } from '../../src/plan/plan.js';
import { readDatasetFile } from '../../src/plan/dataset-checks.js';
import { loadSuite } from '../../src/suite/load.js';
import { DATA, suiteYaml, tempDir, TOY, write } from './helpers.js';

async function refusal(run: () => unknown): Promise<string> {
  try {
    await run();
  } catch (err) {
    assert.ok(err instanceof UsageError, `a UsageError, got ${String(err)}`);
    assert.equal(err.message.split('\n').length, 1, `one line: ${err.message}`);
    return err.message;
  }
  assert.fail('expected the input to be refused');
}

const dir = tempDir('bad');
let n = 0;
/** Writes the suite and runs loader + planner (what `mtgate validate` does). */
const check = async (yaml: string) => {
  const file = write(dir, `s${n++}.yaml`, yaml);
  return { file, message: await refusal(async () => makePlan(loadSuite(file))) };
};

const suiteCases: [string, string, RegExp][] = [
  ['YAML syntax error', suiteYaml().replace('reference: fp32', 'reference: [fp32'), /:\d+:\d+: YAML syntax error: .*fix the YAML$/],
  ['tab/bad indentation', suiteYaml().replace('measures:\n', 'measures:\n quality: {}\n'), /:\d+:\d+: YAML/],
  ['duplicate YAML key', suiteYaml().replace('reference: fp32', 'reference: fp32\nreference: int8'), /:\d+:\d+: YAML syntax error: Map keys must be unique/],
  ['unknown key with suggestion', suiteYaml().replace('device: CPU, engine_options', 'devise: CPU, device: CPU, engine_options'), /:6:\d+: variants\[0\]\.devise: unknown field "devise"; did you mean "device"\?$/],
  ['unknown top-level key', suiteYaml({ extra: 'refrence: fp32\n' }), /:2:1: refrence: unknown field "refrence"; did you mean "reference"\?/],
  ['wrong type', suiteYaml({ measures: '  quality: { metrics: bleu }' }), /measures\.quality\.metrics: must be array/],
  ['wrong enum value', suiteYaml().replace('device: CPU, engine_options', 'device: GPUU, engine_options'), /variants\[0\]\.device: "GPUU" is not allowed; did you mean "GPU"\?/],
  ['duplicate variant id', suiteYaml().replace('id: int8, model: int8', 'id: fp32, model: int8'), /:7:\d+: variants\[1\]\.id: duplicate id "fp32" \(also variants\[0\]\)/],
  ['duplicate dataset id', suiteYaml().replace('id: sw,', 'id: de,'), /datasets\[1\]\.id: duplicate id "de"/],
  ['duplicate gate id', suiteYaml({ gates: '  - { id: g, metric: bleu, min: 1 }\n  - { id: g, metric: chrf, min: 1 }' }), /gates\[1\]\.id: duplicate id "g"/],
  ['unknown reference variant', suiteYaml().replace('reference: fp32', 'reference: fp16'), /reference: no variant has id "fp16"; variants: fp32, int8/],
  ['unknown model id', suiteYaml().replace('model: int8', 'model: int9'), /variants\[1\]\.model: unknown model "int9"/],
  ['gate on an unknown metric', suiteYaml({ gates: '  - { id: g, metric: blue, min: 1 }' }), /gates\[0\]\.metric: "blue" is not allowed; did you mean "bleu"\?/],
  ['gate on an unmeasured metric', suiteYaml({ gates: '  - { id: g, metric: latency.p95_ms, max: 10 }' }), /gates\[0\]\.metric: latency\.p95_ms is measured by measures\.latency, which this suite does not run/],
  ['gate on an unmeasured queueing metric', suiteYaml({ gates: '  - { id: g, metric: queueing.n4.wait_p95_ms, max: 10 }' }), /gates\[0\]\.metric: queueing\.n4\.wait_p95_ms is measured by measures\.queueing, which this suite does not run/],
  ['gate on an unmeasured memory metric', suiteYaml({ gates: '  - { id: g, metric: memory.coexist_extra_mib, max: 10 }' }), /gates\[0\]\.metric: memory\.coexist_extra_mib is measured by measures\.memory, which this suite does not run/],
  ['gate on a quality metric not computed', suiteYaml({ gates: '  - { id: g, metric: ter, max: 90 }' }), /ter is not in measures\.quality\.metrics \(bleu, chrf\)/],
  ['gate on an unknown variant', suiteYaml({ gates: '  - { id: g, metric: bleu, min: 1, variants: int9 }' }), /gates\[0\]\.variants: "int9" matches no variant; did you mean "int8"\?/],
  ['gate on an unknown pair', suiteYaml({ gates: '  - { id: g, metric: bleu, min: 1, pairs: [en-de, en-fx] }' }), /gates\[0\]\.pairs\[1\]: "en-fx" matches no pair/],
  ['gate without a bound', suiteYaml({ gates: '  - { id: g, metric: bleu }' }), /a gate needs a bound/],
  ['delta without vs', suiteYaml({ gates: '  - { id: g, metric: bleu, min: 1, min_delta: -1 }' }), /min_delta compares with another run; add "vs: reference"/],
  ['YAML custom tag (code)', suiteYaml().replace('name: hardening', 'name: !!js/function "function () { return 1 }"'), /:1:7: YAML (problem|tag)/],
  ['YAML python tag', suiteYaml().replace('reference: fp32', 'reference: !!python/object/apply:os.system ["echo hi"]'), /YAML (problem|tag)/],
  ['YAML binary tag', suiteYaml().replace('reference: fp32', 'reference: !!binary aGk='), /YAML tag tag:yaml.org,2002:binary is not allowed/],
  ['alias bomb', `a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n`, /YAML could not be read as data|must be|unknown field/],
  ['not a mapping', '- just\n- a list\n', /a suite must be a YAML mapping/],
  ['empty file', '', /a suite must be a YAML mapping/],
  ['bad pair code', suiteYaml().replace('pair: en-de', 'pair: english-german'), /datasets\[0\]\.pair: must match/],
  ['missing dataset file', suiteYaml().replace(DATA('en-de.de'), join(dir, 'nope.de')), /dataset de: cannot read .*nope\.de: no such file; paths are relative to the suite file/],
  ['missing model directory', suiteYaml().replace(TOY('int8'), join(dir, 'no-model')), /variant int8 \(model int8\): model directory .*no-model does not exist/],
  ['language token missing', suiteYaml().replace('pair: en-sw', 'pair: en-xx'), /the tokenizer has no language token __xx__/],
];

test(`suites: ${suiteCases.length} kinds of bad input are one line naming file, line and field`, async () => {
  for (const [name, yaml, expected] of suiteCases) {
    const { file, message } = await check(yaml);
    assert.match(message, expected, name);
    assert.ok(message.startsWith(file) || message.includes(file), `${name}: names ${file}: ${message}`);
  }
});

test('include: merges models, variants, datasets and gates with paths relative to the included file', async () => {
  const d = tempDir('inc');
  mkdirSync(join(d, 'parts'));
  mkdirSync(join(d, 'data'));
  copyFileSync(DATA('en-de.en'), join(d, 'data', 'de.en'));
  copyFileSync(DATA('en-de.de'), join(d, 'data', 'de.de'));
  write(join(d, 'parts'), 'int8.yaml', `models:\n  int8: ${TOY('int8')}\nvariants:\n  - { id: int8, model: int8, engine: onnxruntime, device: CPU }\ndatasets:\n  - { id: de2, pair: en-de, source: ../data/de.en, references: [../data/de.de], limit: 5 }\n`);
  const main = write(d, 'main.yaml', suiteYaml({ extra: 'include: parts/int8.yaml\n' }).replace(`  int8: ${TOY('int8')}\n`, '').replace(/  - \{ id: int8.*\n/, ''));
  const suite = loadSuite(main);
  assert.deepEqual(suite.variants.map((v) => v.id), ['int8', 'fp32']);
  assert.deepEqual(suite.datasets.map((x) => x.id), ['de2', 'de', 'sw']);
  assert.equal(suite.datasets[0].source, join(d, 'data', 'de.en'));
  // The hash covers included files: editing one changes the suite's identity (resume refuses it).
  const before = suite.sha256;
  write(join(d, 'parts'), 'int8.yaml', `models:\n  int8: ${TOY('int8')}\nvariants:\n  - { id: int8, model: int8, engine: onnxruntime, device: CPU, precision: int8 }\n`);
  assert.notEqual(loadSuite(main).sha256, before);

  // Errors inside an included file name that file and its own line and field.
  write(join(d, 'parts'), 'bad.yaml', `variants:\n  - { id: x, model: fp32, engine: onnxruntime, devise: CPU }\n`);
  const bad = write(d, 'bad-main.yaml', suiteYaml({ extra: 'include: [parts/bad.yaml]\n' }));
  assert.match(await refusal(() => loadSuite(bad)), new RegExp(`^${join(d, 'parts', 'bad.yaml')}:2:\\d+: variants\\[0\\]\\.devise: unknown field "devise"; did you mean "device"\\?`));
  // A cross-reference error on a merged item points into the file that wrote it.
  write(join(d, 'parts'), 'dup.yaml', `variants:\n  - { id: fp32, model: fp32, engine: onnxruntime, device: CPU }\n`);
  const dup = write(d, 'dup-main.yaml', suiteYaml({ extra: 'include: parts/dup.yaml\n' }));
  assert.match(await refusal(() => loadSuite(dup)), new RegExp(`^${dup}:\\d+:\\d+: variants\\[0\\]\\.id: duplicate id "fp32"`));
  write(join(d, 'parts'), 'ref.yaml', `reference: int8\n`);
  assert.match(await refusal(() => loadSuite(write(d, 'ref-main.yaml', suiteYaml({ extra: 'include: parts/ref.yaml\n' })))), /parts\/ref\.yaml:1:1: reference: "reference" cannot be set in an included file/);
  write(join(d, 'parts'), 'model-dup.yaml', `models:\n  fp32: ${TOY('fp32')}\n`);
  assert.match(await refusal(() => loadSuite(write(d, 'md-main.yaml', suiteYaml({ extra: 'include: parts/model-dup.yaml\n' })))), /models\.fp32: model id "fp32" is also defined in .*model-dup\.yaml/);
});

test('include: missing and circular includes are named with the chain', async () => {
  const d = tempDir('inc-cycle');
  const missing = write(d, 'missing.yaml', suiteYaml({ extra: 'include: [nowhere.yaml]\n' }));
  assert.match(await refusal(() => loadSuite(missing)), new RegExp(`^${missing}:2:\\d+: include\\[0\\]: cannot read ${join(d, 'nowhere.yaml')} \\(no such file\\)`));
  write(d, 'a.yaml', 'include: b.yaml\n');
  write(d, 'b.yaml', 'include: [a.yaml]\n');
  const main = write(d, 'main.yaml', suiteYaml({ extra: 'include: a.yaml\n' }));
  assert.match(await refusal(() => loadSuite(main)), /b\.yaml:1:\d+: include\[0\]: circular include: .*a\.yaml → .*b\.yaml → .*a\.yaml; remove one/);
  const self = write(d, 'self.yaml', suiteYaml({ extra: 'include: self.yaml\n' }));
  assert.match(await refusal(() => loadSuite(self)), /circular include/);
});

test('datasets: invalid UTF-8 with its line, line-count mismatch, empty file, bad gzip are refused', async () => {
  const d = tempDir('data');
  const latin1 = write(d, 'latin1.en', Buffer.from('fine\nalso fine\ncaf\xe9 au lait\n', 'latin1'));
  assert.match(await refusal(() => readDatasetFile(latin1)), new RegExp(`^${latin1}:3: not valid UTF-8 \\(byte 0xe9 at byte 4 of the line\\); save the file as UTF-8$`));
  const truncated = write(d, 'cut.en', Buffer.from([0x61, 0x0a, 0xe2, 0x82]));
  assert.match(await refusal(() => readDatasetFile(truncated)), /cut\.en:2: not valid UTF-8/);
  const gz = write(d, 'x.en.gz', 'not gzip');
  assert.match(await refusal(() => readDatasetFile(gz)), /x\.en\.gz: not a valid gzip file/);
  assert.deepEqual(readDatasetFile(write(d, 'ok.en.gz', gzipSync('a\nb\n'))).lines, ['a', 'b']);
  const dirAsFile = join(d, 'a-dir');
  mkdirSync(dirAsFile);
  assert.match(await refusal(() => readDatasetFile(dirAsFile)), /is a directory/);

  const short = write(d, 'short.de', 'eins\nzwei\n');
  const src = write(d, 'three.en', 'one\ntwo\nthree\n');
  const empty = write(d, 'empty.en', '');
  const mismatch = suiteYaml({ datasets: `  - { id: m, pair: en-de, source: ${src}, references: [${short}] }` });
  assert.match((await check(mismatch)).message, /dataset m: .*short\.de has 2 lines but .*three\.en has 3; source and references must be line-aligned/);
  const none = suiteYaml({ datasets: `  - { id: e, pair: en-de, source: ${empty}, references: [${empty}] }` });
  assert.match((await check(none)).message, /dataset e: .*empty\.en is empty; a dataset needs at least one line/);
});

test('datasets: BOM stripped, CRLF normalized, empty lines, inner CR and non-NFC text kept with warnings', () => {
  const d = tempDir('warn');
  const file = write(d, 'w.de', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Käse\r\n\r\nCafe\u0301 ist gut\r\na\rb\n', 'utf8')]));
  const { lines, warnings } = readDatasetFile(file);
  assert.deepEqual(lines, ['Käse', '', 'Cafe\u0301 ist gut', 'a\rb']);
  assert.equal(warnings.length, 4, warnings.join('\n'));
  assert.match(warnings[0], /byte-order mark; stripped/);
  assert.match(warnings.join('\n'), /1 lines hold a carriage return .*line 4\)/);
  assert.match(warnings.join('\n'), /1 empty lines \(line 2\); kept, as sacreBLEU keeps them/);
  assert.match(warnings.join('\n'), /1 lines are not in Unicode NFC \(line 3\); kept as written/);
  // A clean file has no warnings, and the shipped data is clean.
  assert.deepEqual(readDatasetFile(DATA('en-de.de')).warnings, []);
});

test('models: unknown layout, missing tokenizer, corrupt ONNX, wrong tensor names, invalid JSON', async () => {
  const d = tempDir('models');
  const model = (name: string) => {
    const m = join(d, name);
    cpSync(TOY('fp32'), m, { recursive: true });
    return m;
  };
  const { detectLayout } = await import('../../src/models/layouts/detect.js');
  const { onnxRuntimeEngine } = await import('../../src/engines/onnxruntime.js');
  const { M2M100Formatter } = await import('../../src/decoding/m2m100.js');

  const empty = join(d, 'empty');
  mkdirSync(empty);
  assert.match(await refusal(() => detectLayout(empty, 'suite.yaml: variant v')), /variant v: no known model layout in .*empty: expected .*or encoder_model\.onnx and decoder_model\.onnx \(optimum ONNX export\)/);
  const noTok = model('no-tokenizer');
  writeFileSync(join(noTok, 'tokenizer.json'), '');
  const { rmSync } = await import('node:fs');
  rmSync(join(noTok, 'tokenizer.json'));
  assert.match(await refusal(() => detectLayout(noTok, 'w')), /tokenizer .*tokenizer\.json is missing from the model directory/);
  const badJson = model('bad-json');
  writeFileSync(join(badJson, 'config.json'), '{ "d_model": ');
  assert.match(await refusal(() => new M2M100Formatter(detectLayout(badJson, 'w'))), /config\.json: not valid JSON .*re-export the model/);

  const corrupt = model('corrupt');
  writeFileSync(join(corrupt, 'decoder_model.onnx'), Buffer.from('this is not a protobuf'));
  const load = (dir: string) => onnxRuntimeEngine.load(detectLayout(dir, 'w'), { device: 'CPU', options: {} });
  assert.match(await refusal(() => load(corrupt)), /decoder_model\.onnx: ONNX Runtime cannot load this model \(.*protobuf.*\); check the file is a complete ONNX export/);
  const halfFile = model('half');
  const { readFileSync } = await import('node:fs');
  const bytes = readFileSync(join(halfFile, 'encoder_model.onnx'));
  writeFileSync(join(halfFile, 'encoder_model.onnx'), bytes.subarray(0, bytes.length >> 1));
  assert.match(await refusal(() => load(halfFile)), /encoder_model\.onnx: ONNX Runtime cannot load this model/);

  const swapped = model('swapped');
  copyFileSync(join(TOY('fp32'), 'encoder_model.onnx'), join(swapped, 'decoder_model.onnx'));
  assert.match(
    await refusal(() => load(swapped)),
    /decoder_model\.onnx: the graph lacks inputs encoder_hidden_states, encoder_attention_mask and has input mtgate does not feed \(attention_mask\) and lacks output logits: it has inputs \[input_ids, attention_mask\]/,
  );
  assert.match(await refusal(() => load(TOY('fp32')).then(() => onnxRuntimeEngine.load(detectLayout(TOY('fp32'), 'w'), { device: 'NPU', options: {} }))), /device NPU is not available on the onnxruntime engine here; use device: CPU/);
});
