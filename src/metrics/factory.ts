/** Metric construction by name, with option checking. */
import { BLEU, type BLEUOptions } from './bleu.js';
import { CHRF, type CHRFOptions } from './chrf.js';
import { TER, type TEROptions } from './ter.js';

export type MetricName = 'bleu' | 'chrf' | 'ter';
export const METRIC_NAMES: readonly MetricName[] = ['bleu', 'chrf', 'ter'];

const OPTION_KEYS: Record<MetricName, readonly string[]> = {
  bleu: ['tokenize', 'lowercase', 'smoothMethod', 'smoothValue', 'effectiveOrder', 'maxNgramOrder', 'trgLang'],
  chrf: ['charOrder', 'wordOrder', 'beta', 'lowercase', 'whitespace', 'epsSmoothing'],
  ter: ['normalized', 'noPunct', 'asianSupport', 'caseSensitive'],
};

export function metricByName(name: 'bleu', opts?: BLEUOptions): BLEU;
export function metricByName(name: 'chrf', opts?: CHRFOptions): CHRF;
export function metricByName(name: 'ter', opts?: TEROptions): TER;
export function metricByName(name: string, opts?: object): BLEU | CHRF | TER;
/**
 * `bleu`, `chrf` or `ter` (case-insensitive; `chrf++` is chrF with wordOrder 2).
 * Unknown option names are rejected, so that a typo cannot silently change a score.
 */
export function metricByName(name: string, opts: object = {}): BLEU | CHRF | TER {
  let key = name.toLowerCase();
  let o: Record<string, unknown> = { ...opts };
  if (key === 'chrf++') {
    key = 'chrf';
    o = { wordOrder: 2, ...o };
  }
  if (!(METRIC_NAMES as readonly string[]).includes(key)) {
    throw new Error(`Unknown metric '${name}'. Available: bleu, chrf, chrf++, ter.`);
  }
  const metric = key as MetricName;
  const allowed = OPTION_KEYS[metric];
  for (const k of Object.keys(o)) {
    if (!allowed.includes(k)) {
      throw new Error(`Unknown ${metric} option '${k}'. Allowed: ${allowed.join(', ')}.`);
    }
  }
  switch (metric) {
    case 'bleu':
      return new BLEU(o as BLEUOptions);
    case 'chrf':
      return new CHRF(o as CHRFOptions);
    case 'ter':
      return new TER(o as TEROptions);
  }
}
