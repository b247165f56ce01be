export type { CorpusMetric, MetricScore, SentenceStatistics } from './types.js';
export { SACREBLEU_COMPAT_VERSION } from './version.js';
export { BLEU, computeBleu, MAX_NGRAM_ORDER, SMOOTH_DEFAULTS, type BLEUOptions, type BLEUScore, type SmoothMethod } from './bleu.js';
export { CHRF, chrfFScore, chrfWords, type CHRFOptions, type CHRFScore } from './chrf.js';
export { TER, type TEROptions, type TERScore } from './ter.js';
export { translationEditRate } from './lib-ter.js';
export { metricByName, METRIC_NAMES, type MetricName } from './factory.js';
export { formatScore, scoreToJson, bleuVerbose, type FormatOptions, type FormattableScore } from './format.js';
export { formatSignature } from './signature.js';
export { pyFixed } from './pyformat.js';
export { sumRows, type RefStreams } from './corpus-input.js';
export {
  getTokenizer,
  BLEU_TOKENIZERS,
  TercomTokenizer,
  type BleuTokenizerName,
  type TercomOptions,
  type Tokenizer,
} from './tokenizers/index.js';
export { syntheticCorpus } from './bench-corpus.js';
export * from './significance.js';
