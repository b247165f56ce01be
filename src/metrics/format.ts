/** sacreBLEU's text output for scores (`Score.format`). */
import type { MetricScore } from './types.js';
import type { BLEUScore } from './bleu.js';
import { pyFixed } from './pyformat.js';

export interface FormatOptions {
  /** Decimals of the score (sacreBLEU's `--width`, default 2). */
  width?: number;
  /** Prefix the name with the signature: `BLEU|nrefs:1|…|version:2.6.0 = 31.26 …`. */
  signature?: boolean;
  /** Only the number (sacreBLEU's `--score-only`). */
  scoreOnly?: boolean;
}

/** A score, optionally with a bootstrap mean and 95% CI half-width (printed as `μ = … ± …`). */
export type FormattableScore = MetricScore & { signature?: string; mean?: number; ci?: number };

function isBleu(s: FormattableScore): s is BLEUScore {
  return s.name === 'BLEU' && Array.isArray((s as BLEUScore).precisions);
}

/** The part sacreBLEU prints after a BLEU score. */
export function bleuVerbose(s: BLEUScore): string {
  const prec = s.precisions.map((p) => pyFixed(p, 1)).join('/');
  return (
    `${prec} (BP = ${pyFixed(s.bp, 3)} ratio = ${pyFixed(s.ratio, 3)} ` +
    `hyp_len = ${Math.trunc(s.sysLen)} ref_len = ${Math.trunc(s.refLen)})`
  );
}

/**
 * `BLEU = 31.26 64.3/38.2/24.8/16.9 (BP = 1.000 ratio = 1.008 hyp_len = 28186 ref_len = 27970)`,
 * `chrF2 = 60.65`, `TER = 57.23`.
 */
export function formatScore(score: FormattableScore, opts: FormatOptions = {}): string {
  const width = opts.width ?? 2;
  let sc = pyFixed(score.score, width);
  if (score.mean !== undefined && score.mean > 0 && score.ci !== undefined) {
    sc += ` (μ = ${pyFixed(score.mean, width)} ± ${pyFixed(score.ci, width)})`;
  }
  if (opts.scoreOnly) return sc;
  const head = opts.signature && score.signature ? `${score.name}|${score.signature}` : score.name;
  let line = `${head} = ${sc}`;
  if (isBleu(score)) line += ` ${bleuVerbose(score)}`;
  return line;
}

/** sacreBLEU's JSON output object (`--format json`), before `json.dumps`. */
export function scoreToJson(score: FormattableScore, width = 2): Record<string, string | number> {
  const sig = score.signature ?? '';
  const d: Record<string, string | number> = {
    name: score.name,
    score: Number(pyFixed(score.score, width)),
    signature: sig,
  };
  if (score.mean !== undefined && score.mean > 0 && score.ci !== undefined) {
    const m = pyFixed(score.mean, width);
    const v = pyFixed(score.ci, width);
    d.confidence_mean = Number(m);
    d.confidence_var = Number(v);
    d.confidence = `μ = ${m} ± ${v}`;
  }
  if (isBleu(score)) d.verbose_score = bleuVerbose(score);
  if (sig) {
    for (const part of sig.split('|')) {
      const k = part.indexOf(':');
      d[part.slice(0, k)] = part.slice(k + 1);
    }
  }
  return d;
}
