import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Tokenizer } from '@huggingface/tokenizers';
import { PRECISIONS } from '../../src/models/onnx/linear.js';
import { dataset, modelDir, TARGET_LANGS } from './toy-helpers.js';

const read = (p: string): Record<string, unknown> => JSON.parse(readFileSync(p, 'utf8')) as Record<string, unknown>;
const dir = modelDir('fp32');
const tokenizerJson = read(join(dir, 'tokenizer.json'));
const tokenizer = new Tokenizer(tokenizerJson, read(join(dir, 'tokenizer_config.json')));
const vocabSize = (read(join(dir, 'config.json')) as { vocab_size: number }).vocab_size;

test('M2M-100 special token ids: <s>=0, <pad>=1, </s>=2, <unk>=3', () => {
  assert.deepEqual(
    ['<s>', '<pad>', '</s>', '<unk>'].map((t) => tokenizer.token_to_id(t)),
    [0, 1, 2, 3],
  );
  assert.equal((tokenizerJson.model as { unk_id: number }).unk_id, 3);
});

test('language tokens are special added tokens at the end of the vocabulary, in code order', () => {
  const langs = ['de', 'en', 'es', 'fr', 'sw'];
  const ids = langs.map((l) => tokenizer.token_to_id(`__${l}__`));
  assert.deepEqual(
    ids,
    langs.map((_, i) => vocabSize - langs.length + i),
  );
  const added = tokenizerJson.added_tokens as { content: string; id: number; special: boolean }[];
  for (const l of langs) assert.ok(added.some((t) => t.content === `__${l}__` && t.special), `__${l}__ is a special added token`);
  assert.equal((tokenizerJson.model as { vocab: unknown[] }).vocab.length, vocabSize, 'config vocab_size matches the tokenizer');
  // skip_special_tokens drops them when decoding.
  assert.equal(tokenizer.decode([ids[0]!, 2], { skip_special_tokens: true }), '');
});

test('SentencePiece-style Unigram with Metaspace: whole words are single ▁pieces', () => {
  assert.equal((tokenizerJson.model as { type: string }).type, 'Unigram');
  assert.equal((tokenizerJson.pre_tokenizer as { type: string }).type, 'Metaspace');
  assert.equal((tokenizerJson.decoder as { type: string }).type, 'Metaspace');
  assert.deepEqual(tokenizer.tokenize('The house is big.'), ['▁The', '▁house', '▁is', '▁big', '.']);
  assert.deepEqual(tokenizer.tokenize('Où est la maison ?'), ['▁Où', '▁est', '▁la', '▁maison', '▁?']);
  // Unknown words fall back to single characters, never <unk>, for characters the vocabulary has.
  const pieces = tokenizer.tokenize('The zebra sleeps.');
  assert.ok(pieces.length > 4 && !pieces.includes('<unk>'), pieces.join(' '));
});

test('every data-set line round-trips exactly through encode/decode', () => {
  let lines = 0;
  for (const lang of TARGET_LANGS) {
    const { source, reference } = dataset(lang);
    for (const line of [...source, ...reference]) {
      const { ids } = tokenizer.encode(line, { add_special_tokens: false });
      assert.ok(!ids.includes(3), `<unk> in ${line}`);
      assert.equal(tokenizer.decode(ids, { skip_special_tokens: true }), line);
      lines++;
    }
  }
  assert.ok(lines >= 8 * 150);
});

test('the post-processor appends </s> only (the caller prepends __src__, as M2M100Tokenizer does)', () => {
  const { ids } = tokenizer.encode('The dog sleeps.');
  assert.equal(ids.at(-1), 2);
  assert.notEqual(ids[0], tokenizer.token_to_id('__en__'));
});

test('all precisions ship the same tokenizer and configs', () => {
  for (const f of ['tokenizer.json', 'tokenizer_config.json', 'special_tokens_map.json', 'config.json', 'generation_config.json']) {
    const ref = readFileSync(join(dir, f), 'utf8');
    for (const p of PRECISIONS) assert.equal(readFileSync(join(modelDir(p), f), 'utf8'), ref, `${p}/${f}`);
  }
});

test('config.json and generation_config.json follow M2M-100 conventions', () => {
  const config = read(join(dir, 'config.json'));
  assert.equal(config.model_type, 'm2m_100');
  assert.deepEqual(config.architectures, ['M2M100ForConditionalGeneration']);
  for (const [k, v] of Object.entries({ pad_token_id: 1, bos_token_id: 0, eos_token_id: 2, decoder_start_token_id: 2 })) assert.equal(config[k], v, k);
  for (const k of ['d_model', 'encoder_layers', 'decoder_layers', 'vocab_size', 'max_position_embeddings']) {
    assert.equal(typeof config[k], 'number', k);
  }
  const gen = read(join(dir, 'generation_config.json'));
  assert.equal(gen.decoder_start_token_id, 2);
  assert.equal(gen.eos_token_id, 2);
  assert.equal(gen.num_beams, 1);
  assert.equal(gen.forced_bos_token_id, null);
  assert.ok(typeof gen.max_length === 'number' && gen.max_length <= (config.max_position_embeddings as number));
});
