/** The sacreBLEU release whose behaviour this module reproduces; written into every signature. */
export const SACREBLEU_COMPAT_VERSION = '2.6.0';
