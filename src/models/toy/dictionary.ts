/**
 * The word-for-word dictionary the toy model implements: every English
 * source word (including sentence-initial capitals and punctuation) maps to
 * exactly one target word per language. Its choices are the plain
 * dictionary forms (German "die", French masculine singular adjectives,
 * Swahili class-9 adjectives), which the grammatical references often do
 * not use; that gap is the model's "translation error".
 */
import { ADJECTIVES, ADVERBS, NAMES, NOUNS, PRONOUNS, type Target, TARGETS, VERBS_INTRANSITIVE, VERBS_TRANSITIVE } from './lexicon.js';

export type WordGroup = 'function' | 'adverb' | 'noun' | 'adjective' | 'verb' | 'punctuation' | 'eos';

export interface DictionaryEntry {
  /** English surface form: a word, a punctuation mark, or `</s>`. */
  en: string;
  to: Record<Target, string>;
  group: WordGroup;
}

let group: WordGroup = 'function';
const row = (en: string, de: string, fr: string, es: string, sw: string): DictionaryEntry => ({ en, to: { de, fr, es, sw }, group });

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Function words, each with a capitalized sentence-initial twin where sentences can start with it. */
const FUNCTION_WORDS: readonly (readonly [string, string, string, string, string, boolean])[] = [
  // en, de, fr, es, sw, also capitalized
  // Swahili has no articles: the model emits the bare word-boundary piece "▁", which decodes to nothing.
  ['the', 'die', 'le', 'el', '', true],
  ['a', 'ein', 'un', 'un', '', true],
  ['an', 'ein', 'un', 'un', '', true],
  ['this', 'diese', 'ce', 'este', 'hii', true],
  ['my', 'mein', 'mon', 'mi', 'yangu', true],
  ['our', 'unser', 'notre', 'nuestro', 'yetu', true],
  ['his', 'sein', 'son', 'su', 'yake', true],
  ['her', 'ihr', 'sa', 'su', 'yake', true],
  ['two', 'zwei', 'deux', 'dos', 'mbili', true],
  ['three', 'drei', 'trois', 'tres', 'tatu', true],
  ['four', 'vier', 'quatre', 'cuatro', 'nne', true],
  ['five', 'fünf', 'cinq', 'cinco', 'tano', true],
  ['is', 'ist', 'est', 'es', 'ni', false],
  ['are', 'sind', 'sont', 'son', 'ni', false],
  ['am', 'bin', 'suis', 'soy', 'ni', false],
  ['in', 'in', 'dans', 'en', 'katika', false],
  ['on', 'auf', 'sur', 'sobre', 'juu', false],
  ['under', 'unter', 'sous', 'bajo', 'chini', false],
  ['near', 'neben', 'près', 'cerca', 'karibu', false],
  ['with', 'mit', 'avec', 'con', 'na', false],
  ['behind', 'hinter', 'derrière', 'detrás', 'nyuma', false],
  ['very', 'sehr', 'très', 'muy', 'sana', false],
  ['and', 'und', 'et', 'y', 'na', false],
  ['but', 'aber', 'mais', 'pero', 'lakini', false],
];

const PRONOUN_WORDS: Record<(typeof PRONOUNS)[number], readonly [string, string, string, string]> = {
  I: ['ich', 'je', 'yo', 'mimi'],
  He: ['er', 'il', 'él', 'yeye'],
  She: ['sie', 'elle', 'ella', 'yeye'],
  We: ['wir', 'nous', 'nosotros', 'sisi'],
  They: ['sie', 'ils', 'ellos', 'wao'],
};

const ADVERB_WORDS: Record<(typeof ADVERBS)[number], readonly [string, string, string, string]> = {
  today: ['heute', "aujourd'hui", 'hoy', 'leo'],
  tomorrow: ['morgen', 'demain', 'mañana', 'kesho'],
  now: ['jetzt', 'maintenant', 'ahora', 'sasa'],
  here: ['hier', 'ici', 'aquí', 'hapa'],
  always: ['immer', 'toujours', 'siempre', 'daima'],
};

/** Swahili form of an adjective the model uses: class 1 (m-) for adjectives of people, else class 9, or the head word. */
function swAdjectiveWord(sw: string, sw9: string | undefined, ofPeople: boolean): string {
  if (sw.startsWith('enye:')) return sw.slice(5);
  if (!sw.startsWith('-')) return sw;
  const stem = sw.slice(1);
  if (ofPeople) return /^[aeiou]/.test(stem) ? `mw${stem}` : `m${stem}`;
  return sw9 ?? stem;
}

/** Swahili verb as the model says it: a-/wa- (he/she, they) + na + root; first word only. */
function swVerb(root: string, plural: boolean): string {
  const sc = plural ? 'wa' : 'a';
  return root === 'na' ? `${sc}na` : `${sc}na${root.split(' ')[0]}`;
}

let cached: DictionaryEntry[] | undefined;

/** All source entries in a fixed order; `</s>` is last. An empty target word stands for the piece "▁" alone. */
export function dictionary(): readonly DictionaryEntry[] {
  if (cached) return cached;
  const out: DictionaryEntry[] = [];
  group = 'function';
  for (const [en, de, fr, es, sw, capital] of FUNCTION_WORDS) {
    out.push(row(en, de, fr, es, sw));
    if (capital) out.push(row(cap(en), cap(de), cap(fr), cap(es), cap(sw)));
  }
  // Sentence-initial pronouns, and (except I) their lowercase forms after "and"/"but".
  for (const p of PRONOUNS) out.push(row(p, ...(PRONOUN_WORDS[p].map(cap) as [string, string, string, string])));
  for (const p of PRONOUNS) if (p !== 'I') out.push(row(p.toLowerCase(), ...PRONOUN_WORDS[p]));
  out.push(row('Where', 'Wo', 'Où', 'Dónde', 'Wapi'));
  for (const { name } of NAMES) out.push(row(name, name, name, name, name));
  group = 'adverb';
  for (const a of ADVERBS) out.push(row(a, ...ADVERB_WORDS[a]));
  group = 'noun';
  for (const n of NOUNS) {
    out.push(row(n.en.sg, n.de.sg, n.fr.sg, n.es.sg, n.sw.sg));
    if (n.en.pl) out.push(row(n.en.pl, n.de.pl!, n.fr.pl!, n.es.pl!, n.sw.pl!));
  }
  group = 'adjective';
  for (const a of ADJECTIVES) {
    const de = (a.deStem ?? a.de).endsWith('e') ? (a.deStem ?? a.de) : `${a.deStem ?? a.de}e`;
    out.push(row(a.en, de, a.fr.forms[0], a.es.forms[0], swAdjectiveWord(a.sw, a.sw9, a.of.includes('P'))));
  }
  group = 'verb';
  for (const v of [...VERBS_INTRANSITIVE, ...VERBS_TRANSITIVE]) {
    out.push(row(v.en[0], v.de[1], v.fr[1], v.es[1], swVerb(v.sw, false)));
    out.push(row(v.en[1], v.de[3], v.fr[3], v.es[3], swVerb(v.sw, true)));
  }
  group = 'punctuation';
  for (const p of ['.', ',', '?', '!']) out.push(row(p, p, p, p, p));
  group = 'eos';
  out.push(row('</s>', '</s>', '</s>', '</s>', '</s>'));
  const seen = new Set<string>();
  for (const e of out) {
    if (seen.has(e.en)) throw new Error(`dictionary: English word ${e.en} listed twice`);
    seen.add(e.en);
  }
  for (const t of TARGETS) for (const e of out) if (/\s/.test(e.to[t])) throw new Error(`dictionary: ${t} "${e.to[t]}" is not one word`);
  cached = out;
  return out;
}
