import { SACREBLEU_COMPAT_VERSION } from './version.js';

/**
 * sacreBLEU's `Signature.format()`: `nrefs` first, metric fields in their
 * insertion order, `version` last. nrefs −1 means a variable number of
 * references per segment (sacreBLEU prints `var`).
 */
export function formatSignature(nrefs: number, fields: ReadonlyArray<readonly [string, string | number]>): string {
  const parts = [`nrefs:${nrefs === -1 ? 'var' : nrefs}`];
  for (const [k, v] of fields) parts.push(`${k}:${v}`);
  parts.push(`version:${SACREBLEU_COMPAT_VERSION}`);
  return parts.join('|');
}
