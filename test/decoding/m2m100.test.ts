import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { M2M100Formatter } from '../../src/decoding/m2m100.js';
import { UsageError } from '../../src/errors.js';
import { detectLayout } from '../../src/models/layouts/detect.js';

const files = detectLayout(fileURLToPath(new URL('../../models/toy-m2m100/fp32', import.meta.url)), 'test');
const fmt = new M2M100Formatter(files);

test('M2M-100 source formatting: [__src__] tokens </s>', () => {
  const ids = fmt.sourceIds('The dog sleeps.', 'en');
  assert.equal(ids[0], fmt.languageId('en'));
  assert.equal(ids[ids.length - 1], 2);
  assert.equal(fmt.detokenize(ids), 'The dog sleeps.', 'special tokens are skipped when decoding');
});

test('generation defaults come from generation_config.json', () => {
  assert.equal(fmt.generation.decoderStartTokenId, 2);
  assert.equal(fmt.generation.eosTokenId, 2);
  assert.equal(fmt.generation.padTokenId, 1);
});

test('a language the tokenizer lacks is a usage error naming the token', () => {
  assert.throws(
    () => fmt.languageId('xx'),
    (err: unknown) => err instanceof UsageError && err.message.includes('no language token __xx__'),
  );
});

test('a model directory without a known layout names what is missing', () => {
  const here = fileURLToPath(new URL('.', import.meta.url));
  assert.throws(() => detectLayout(here, 'variant v'), /variant v: no known model layout in .*expected .*encoder_model\.onnx and decoder_model\.onnx/);
});
