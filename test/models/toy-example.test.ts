import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { greedyDecode } from '../../src/decoding/greedy.js';
import { M2M100Formatter } from '../../src/decoding/m2m100.js';
import { onnxRuntimeEngine } from '../../src/engines/onnxruntime.js';
import { detectLayout } from '../../src/models/layouts/detect.js';
import { loadToyTranslator, type ToyTranslator } from '../../src/models/toy/translate.js';
import { dataset, modelDir } from './toy-helpers.js';

let fp32: ToyTranslator;
before(async () => {
  fp32 = await loadToyTranslator(modelDir('fp32'));
});
after(async () => {
  await fp32.release();
});

const SENTENCE = 'The dog sleeps in the house.';

test('hand-checked source ids: [__en__] ▁The ▁dog ▁sleeps ▁in ▁the ▁house . </s>', () => {
  // Checked against tokenizer.json: __en__=1374, ▁The=6, ▁dog=105, ▁sleeps=51, ▁in=61, ▁the=5, ▁house=107, .=4, </s>=2.
  assert.deepEqual(fp32.sourceIds(SENTENCE, 'en'), [1374, 6, 105, 51, 61, 5, 107, 4, 2]);
  assert.deepEqual(
    [1374, 6, 105, 51, 61, 5, 107, 4, 2].map((id) => fp32.tokenizer.id_to_token(id)),
    ['__en__', '▁The', '▁dog', '▁sleeps', '▁in', '▁the', '▁house', '.', '</s>'],
  );
});

test('hand-checked greedy German: forced __de__, then word by word, then </s>', async () => {
  const [ids] = await fp32.generateIds([fp32.sourceIds(SENTENCE, 'en')], 'de');
  // __de__=1373, ▁Die=56, ▁Hund=294, ▁schläft=155, ▁in=61, ▁die=73, ▁Haus=439, .=4, </s>=2
  assert.deepEqual(ids, [1373, 56, 294, 155, 61, 73, 439, 4, 2]);
  assert.deepEqual(
    ids.map((id) => fp32.tokenizer.id_to_token(id)),
    ['__de__', '▁Die', '▁Hund', '▁schläft', '▁in', '▁die', '▁Haus', '.', '</s>'],
  );
  // The model's dictionary German; the reference would say "Der Hund schläft im Haus."
  assert.deepEqual(await fp32.translateAll([SENTENCE], 'en', 'de'), ['Die Hund schläft in die Haus.']);
});

test('the same sentence in the other targets, including Swahili without articles', async () => {
  assert.deepEqual(await fp32.translateAll([SENTENCE, SENTENCE, SENTENCE], 'en', 'fr'), Array(3).fill('Le chien dort dans le maison.'));
  assert.deepEqual(await fp32.translateAll([SENTENCE], 'en', 'es'), ['El perro duerme en el casa.']);
  // Articles come out as the bare "▁" piece, which decodes to nothing.
  const [sw] = await fp32.generateIds([fp32.sourceIds(SENTENCE, 'en')], 'sw');
  assert.equal(fp32.tokenizer.id_to_token(sw[1]), '▁');
  assert.deepEqual(await fp32.translateAll([SENTENCE], 'en', 'sw'), ['mbwa analala katika  nyumba.']);
});

test("the harness's batch-1 greedy loop (ORT engine + M2M-100 formatting) agrees with the batched checker", async () => {
  for (const p of ['fp32', 'int4'] as const) {
    const files = detectLayout(modelDir(p), 'toy test');
    const fmt = new M2M100Formatter(files);
    const { model } = await onnxRuntimeEngine.load(files, {
      device: 'CPU',
      options: { intraOpNumThreads: 1, interOpNumThreads: 1, enableCpuMemArena: true },
    });
    const checker = await loadToyTranslator(modelDir(p));
    try {
      for (const lang of ['de', 'sw'] as const) {
        const lines = dataset(lang).source.slice(0, 25);
        const batched = await checker.generateIds(
          lines.map((l) => checker.sourceIds(l, 'en')),
          lang,
        );
        for (let i = 0; i < lines.length; i++) {
          const src = fmt.sourceIds(lines[i], 'en');
          assert.deepEqual(src, checker.sourceIds(lines[i], 'en'));
          const r = await greedyDecode(model, src, {
            decoderStartTokenId: fmt.generation.decoderStartTokenId,
            eosTokenId: fmt.generation.eosTokenId,
            forcedBosTokenId: fmt.languageId(lang),
            maxLength: fmt.generation.maxLength,
          });
          assert.deepEqual(r.tokenIds, batched[i], `${p} en-${lang}: ${lines[i]}`);
          assert.equal(r.stoppedBy, 'eos');
        }
      }
    } finally {
      await model.dispose();
      await checker.release();
    }
  }
});
