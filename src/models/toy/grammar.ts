/**
 * Sentences as small meaning structures, realized as English source text and
 * as grammatical German, French, Spanish and Swahili references (agreement,
 * case, word order, elision). The toy model translates word by word, so the
 * gap between its output and these references is what keeps BLEU below 100.
 */
import type { Prng } from './prng.js';
import type { Adjective, Adverb, AltNoun, DetKind, Noun, NumberWord, Preposition, Pronoun, SwClass, Target, Verb } from './lexicon.js';

export interface NP {
  det: DetKind;
  num?: NumberWord;
  adj?: Adjective;
  noun: Noun;
  plural: boolean;
}

export type Subject =
  | { kind: 'np'; np: NP }
  | { kind: 'pron'; p: Pronoun }
  | { kind: 'name'; name: string; female: boolean }
  | { kind: 'and'; a: NP | Name; b: NP | Name };

export interface Name {
  name: string;
  female: boolean;
}

const isName = (x: NP | Name): x is Name => 'name' in x;

export type Clause =
  | { t: 'intr'; subj: Subject; verb: Verb; adv?: Adverb; pp?: { prep: Preposition; np: NP } }
  | { t: 'tr'; subj: Subject; verb: Verb; obj: NP; adv?: Adverb }
  | { t: 'cop'; subj: Subject; adj: Adjective; very: boolean };

export type Sentence =
  | { t: 'decl'; clause: Clause; punct: '.' | '!' }
  | { t: 'but'; first: Clause; second: Clause }
  | { t: 'where'; np: NP };

/** Grammatical person/number of a subject: index into [1sg, 3sg, 1pl, 3pl] tables. */
type Person = 0 | 1 | 2 | 3;

function person(s: Subject): Person {
  if (s.kind === 'and') return 3;
  if (s.kind === 'name') return 1;
  if (s.kind === 'np') return s.np.plural ? 3 : 1;
  return ({ I: 0, He: 1, She: 1, We: 2, They: 3 } as const)[s.p];
}

const capitalize = (s: string): string => {
  const i = s.search(/\p{L}/u);
  return i < 0 ? s : s.slice(0, i) + s[i].toUpperCase() + s.slice(i + 1);
};

/** Joins words, attaching punctuation the way each language writes it. */
function join(words: readonly string[], frenchSpacing = false): string {
  let out = '';
  for (const w of words) {
    if (w === '') continue;
    if (out === '' || out.endsWith('¿') || out.endsWith('¡')) out += w;
    else if (/^[.,]$/.test(w) || (/^[?!]$/.test(w) && !frenchSpacing)) out += w;
    else out += ` ${w}`;
  }
  return out;
}

// ---------------------------------------------------------------- English

const EN_DET: Record<Exclude<DetKind, 'num' | 'none'>, string> = {
  the: 'the',
  a: 'a',
  this: 'this',
  my: 'my',
  our: 'our',
  his: 'his',
  her: 'her',
};

function enNP(np: NP): string[] {
  const words = [np.adj?.en ?? '', np.plural ? np.noun.en.pl! : np.noun.en.sg].filter((w) => w !== '');
  let det = np.det === 'num' ? np.num! : np.det === 'none' ? '' : EN_DET[np.det];
  if (det === 'a' && /^[aeiou]/.test(words[0])) det = 'an';
  return det ? [det, ...words] : words;
}

function enSubject(s: Subject): string[] {
  if (s.kind === 'pron') return [s.p === 'I' ? s.p : s.p.toLowerCase()];
  if (s.kind === 'name') return [s.name];
  if (s.kind === 'np') return enNP(s.np);
  const part = (x: NP | Name): string[] => (isName(x) ? [x.name] : enNP(x));
  return [...part(s.a), 'and', ...part(s.b)];
}

function enClause(c: Clause): string[] {
  const p = person(c.subj);
  const subj = enSubject(c.subj);
  if (c.t === 'cop') return [...subj, p === 0 ? 'am' : p === 1 ? 'is' : 'are', ...(c.very ? ['very'] : []), c.adj.en];
  const v = c.verb.en[p === 1 ? 0 : 1];
  if (c.t === 'tr') return [...subj, v, ...enNP(c.obj), ...(c.adv ? [c.adv] : [])];
  return [...subj, v, ...(c.pp ? [c.pp.prep, ...enNP(c.pp.np)] : []), ...(c.adv ? [c.adv] : [])];
}

/** English source words (punctuation as separate items), sentence-initial word capitalized. */
export function englishWords(s: Sentence): string[] {
  let words: string[];
  if (s.t === 'decl') words = [...enClause(s.clause), s.punct];
  else if (s.t === 'but') words = [...enClause(s.first), ',', 'but', ...enClause(s.second), '.'];
  else words = ['where', s.np.plural ? 'are' : 'is', ...enNP(s.np), '?'];
  words[0] = capitalize(words[0]);
  return words;
}

export function english(s: Sentence): string {
  return join(englishWords(s));
}

// ---------------------------------------------------------------- shared helpers

/** A noun in a given language, with an occasional reference synonym. */
interface Picked {
  sg: string;
  pl?: string;
  g?: string;
  v?: boolean;
  el?: boolean;
  c?: SwClass;
}

function pickNoun(n: Noun, lang: Target, rng: Prng): Picked {
  const base: Picked = n[lang];
  const alt: AltNoun | undefined = n.alt?.[lang];
  return alt && rng.chance(0.25) ? { ...base, ...alt } : base;
}

// ---------------------------------------------------------------- German

type Case = 'nom' | 'acc' | 'dat';
const CASES: Record<Case, number> = { nom: 0, acc: 1, dat: 2 };

const DE_THE = { m: ['der', 'den', 'dem'], f: ['die', 'die', 'der'], n: ['das', 'das', 'dem'], pl: ['die', 'die', 'den'] };
const DE_THIS = { m: ['dieser', 'diesen', 'diesem'], f: ['diese', 'diese', 'dieser'], n: ['dieses', 'dieses', 'diesem'], pl: ['diese', 'diese', 'diesen'] };
/** Endings of ein/mein/unser/sein/ihr. */
const DE_EIN_END = { m: ['', 'en', 'em'], f: ['e', 'e', 'er'], n: ['', '', 'em'], pl: ['e', 'e', 'en'] };
const DE_WEAK = { m: ['e', 'en', 'en'], f: ['e', 'e', 'en'], n: ['e', 'e', 'en'], pl: ['en', 'en', 'en'] };
const DE_MIXED = { m: ['er', 'en', 'en'], f: ['e', 'e', 'en'], n: ['es', 'es', 'en'], pl: ['en', 'en', 'en'] };
const DE_STRONG = { m: ['er', 'en', 'em'], f: ['e', 'e', 'er'], n: ['es', 'es', 'em'], pl: ['e', 'e', 'en'] };
const DE_NUM: Record<NumberWord, string> = { two: 'zwei', three: 'drei', four: 'vier', five: 'fünf' };
const DE_POSS: Record<string, string> = { a: 'ein', my: 'mein', our: 'unser', his: 'sein', her: 'ihr' };

function deAttr(a: Adjective, ending: string): string {
  const stem = a.deStem ?? a.de;
  return stem.endsWith('e') ? stem + ending.slice(1) : stem + ending;
}

function deNP(np: NP, c: Case, rng: Prng): string[] {
  const n = pickNoun(np.noun, 'de', rng);
  const key = np.plural ? 'pl' : (n.g as 'm' | 'f' | 'n');
  const i = CASES[c];
  let det = '';
  let endings = DE_STRONG;
  if (np.det === 'the') {
    det = DE_THE[key][i];
    endings = DE_WEAK;
  } else if (np.det === 'this') {
    det = DE_THIS[key][i];
    endings = DE_WEAK;
  } else if (np.det === 'num') {
    det = DE_NUM[np.num!];
  } else if (np.det !== 'none') {
    det = DE_POSS[np.det] + DE_EIN_END[key][i];
    endings = DE_MIXED;
  }
  let noun = np.plural ? n.pl! : n.sg;
  if (np.plural && c === 'dat' && !/[ns]$/.test(noun)) noun += 'n';
  return [det, np.adj ? deAttr(np.adj, endings[key][i]) : '', noun];
}

const DE_PRON: Record<Pronoun, string> = { I: 'ich', He: 'er', She: 'sie', We: 'wir', They: 'sie' };
const DE_PREP: Record<Preposition, string> = { in: 'in', on: 'auf', under: 'unter', near: 'neben', with: 'mit', behind: 'hinter' };
const DE_ADV: Record<Adverb, string> = { today: 'heute', tomorrow: 'morgen', now: 'jetzt', here: 'hier', always: 'immer' };

function deSubject(s: Subject, rng: Prng): string[] {
  if (s.kind === 'pron') return [DE_PRON[s.p]];
  if (s.kind === 'name') return [s.name];
  if (s.kind === 'np') return deNP(s.np, 'nom', rng);
  const part = (x: NP | Name): string[] => (isName(x) ? [x.name] : deNP(x, 'nom', rng));
  return [...part(s.a), 'und', ...part(s.b)];
}

function dePP(prep: Preposition, np: NP, rng: Prng): string[] {
  const words = deNP(np, 'dat', rng);
  // in dem -> im (the contraction German always uses)
  if (prep === 'in' && words[0] === 'dem') return ['im', ...words.slice(1)];
  return [DE_PREP[prep], ...words];
}

function deClause(c: Clause, rng: Prng): string[] {
  const p = person(c.subj);
  const subj = deSubject(c.subj, rng);
  if (c.t === 'cop') return [...subj, ['bin', 'ist', 'sind', 'sind'][p], c.very ? 'sehr' : '', c.adj.de];
  const v = c.verb.de[p];
  // German puts a time adverb before the object.
  if (c.t === 'tr') return [...subj, v, c.adv ? DE_ADV[c.adv] : '', ...deNP(c.obj, 'acc', rng)];
  return [...subj, v, c.adv ? DE_ADV[c.adv] : '', ...(c.pp ? dePP(c.pp.prep, c.pp.np, rng) : [])];
}

function german(s: Sentence, rng: Prng): string {
  if (s.t === 'decl') return capitalize(join([...deClause(s.clause, rng), s.punct]));
  if (s.t === 'but') return capitalize(join([...deClause(s.first, rng), ',', 'aber', ...deClause(s.second, rng), '.']));
  return join(['Wo', s.np.plural ? 'sind' : 'ist', ...deNP(s.np, 'nom', rng), '?']);
}

// ---------------------------------------------------------------- French

const FR_NUM: Record<NumberWord, string> = { two: 'deux', three: 'trois', four: 'quatre', five: 'cinq' };
const vowel = (w: string): boolean => /^[aeiouéèêâîôûœh]/i.test(w);

function frAdj(a: Adjective, g: string, plural: boolean): string {
  return a.fr.forms[(g === 'f' ? 1 : 0) + (plural ? 2 : 0)];
}

/** French NP; `object` selects the partitive (du, de la, des) for a bare object. */
function frNP(np: NP, rng: Prng, opts: { object?: boolean } = {}): string[] {
  const n = pickNoun(np.noun, 'fr', rng);
  const g = n.g!;
  const noun = np.plural ? n.pl! : n.sg;
  const pre = np.adj?.fr.pre ?? false;
  let adjWord = np.adj ? frAdj(np.adj, g, np.plural) : '';
  // vieux/nouveau/beau have a special form before a vowel: un vieil homme.
  if (np.adj && pre && !np.plural && g === 'm' && np.adj.fr.mv && n.v) adjWord = np.adj.fr.mv;
  const body = np.adj ? (pre ? [adjWord, noun] : [noun, adjWord]) : [noun];
  const nextVowel = np.adj && pre ? vowel(adjWord) : n.v!;
  let det: string;
  switch (np.det) {
    case 'the':
      det = np.plural ? 'les' : nextVowel ? "l'" : g === 'f' ? 'la' : 'le';
      break;
    case 'a':
      det = g === 'f' ? 'une' : 'un';
      break;
    case 'this':
      det = np.plural ? 'ces' : g === 'f' ? 'cette' : nextVowel ? 'cet' : 'ce';
      break;
    case 'my':
      det = np.plural ? 'mes' : g === 'f' && !nextVowel ? 'ma' : 'mon';
      break;
    case 'our':
      det = np.plural ? 'nos' : 'notre';
      break;
    case 'his':
    case 'her':
      det = np.plural ? 'ses' : g === 'f' && !nextVowel ? 'sa' : 'son';
      break;
    case 'num':
      det = FR_NUM[np.num!];
      break;
    case 'none':
      det = !opts.object ? '' : np.plural ? 'des' : nextVowel ? "de l'" : g === 'f' ? 'de la' : 'du';
      break;
  }
  if (det.endsWith("'")) return [det + body[0], ...body.slice(1)];
  return [det, ...body].filter((w) => w !== '');
}

const FR_PRON: Record<Pronoun, string> = { I: 'je', He: 'il', She: 'elle', We: 'nous', They: 'ils' };
const FR_ADV: Record<Adverb, string> = { today: "aujourd'hui", tomorrow: 'demain', now: 'maintenant', here: 'ici', always: 'toujours' };

const female = (x: NP | Name, lang: 'fr' | 'es'): boolean => (isName(x) ? x.female : x.noun[lang].g === 'f');

function subjectFemale(s: Subject, lang: 'fr' | 'es'): boolean {
  if (s.kind === 'np') return female(s.np, lang);
  if (s.kind === 'name') return s.female;
  if (s.kind === 'and') return female(s.a, lang) && female(s.b, lang);
  return s.p === 'She';
}

function frGender(s: Subject): string {
  return subjectFemale(s, 'fr') ? 'f' : 'm';
}

function frClause(c: Clause, rng: Prng): string[] {
  const p = person(c.subj);
  let subj: string[];
  const part = (x: NP | Name): string[] => (isName(x) ? [x.name] : frNP(x, rng));
  if (c.subj.kind === 'pron') subj = [FR_PRON[c.subj.p]];
  else if (c.subj.kind === 'name') subj = [c.subj.name];
  else if (c.subj.kind === 'np') subj = frNP(c.subj.np, rng);
  else subj = [...part(c.subj.a), 'et', ...part(c.subj.b)];
  const elide = (verbWord: string): string[] =>
    subj.length === 1 && subj[0] === 'je' && vowel(verbWord) ? [`j'${verbWord}`] : [...subj, verbWord];
  if (c.t === 'cop') {
    const plural = p >= 2;
    return [...elide(['suis', 'est', 'sommes', 'sont'][p]), c.very ? 'très' : '', frAdj(c.adj, frGender(c.subj), plural)];
  }
  const v = c.verb.fr[p];
  if (c.t === 'tr') return [...elide(v), ...frNP(c.obj, rng, { object: true }), c.adv ? FR_ADV[c.adv] : ''];
  let pp: string[] = [];
  if (c.pp) {
    const np = frNP(c.pp.np, rng);
    if (c.pp.prep === 'near') {
      // près de + le/les contract to du/des
      if (np[0] === 'le') pp = ['près', 'du', ...np.slice(1)];
      else if (np[0] === 'les') pp = ['près', 'des', ...np.slice(1)];
      else pp = ['près', 'de', ...np];
    } else {
      pp = [{ in: 'dans', on: 'sur', under: 'sous', with: 'avec', behind: 'derrière' }[c.pp.prep], ...np];
    }
  }
  return [...elide(v), ...pp, c.adv ? FR_ADV[c.adv] : ''];
}

function french(s: Sentence, rng: Prng): string {
  if (s.t === 'decl') return capitalize(join([...frClause(s.clause, rng), s.punct], true));
  if (s.t === 'but') return capitalize(join([...frClause(s.first, rng), ',', 'mais', ...frClause(s.second, rng), '.'], true));
  return join(['Où', s.np.plural ? 'sont' : 'est', ...frNP(s.np, rng), '?'], true);
}

// ---------------------------------------------------------------- Spanish

const ES_NUM: Record<NumberWord, string> = { two: 'dos', three: 'tres', four: 'cuatro', five: 'cinco' };

function esNP(np: NP, rng: Prng): string[] {
  const n = pickNoun(np.noun, 'es', rng);
  const f = n.g === 'f';
  const pl = np.plural;
  const idx = (f ? 1 : 0) + (pl ? 2 : 0);
  const det = {
    the: pl ? (f ? 'las' : 'los') : f && !n.el ? 'la' : 'el',
    a: f && !n.el ? 'una' : 'un',
    this: ['este', 'esta', 'estos', 'estas'][idx],
    my: pl ? 'mis' : 'mi',
    our: ['nuestro', 'nuestra', 'nuestros', 'nuestras'][idx],
    his: pl ? 'sus' : 'su',
    her: pl ? 'sus' : 'su',
    num: np.num ? ES_NUM[np.num] : '',
    none: '',
  }[np.det];
  return [det, pl ? n.pl! : n.sg, np.adj ? np.adj.es.forms[idx] : ''];
}

const ES_PRON: Record<Pronoun, string> = { I: 'yo', He: 'él', She: 'ella', We: 'nosotros', They: 'ellos' };
const ES_ADV: Record<Adverb, string> = { today: 'hoy', tomorrow: 'mañana', now: 'ahora', here: 'aquí', always: 'siempre' };

/** de/a + el contract to del/al. */
function esContract(prep: 'de' | 'a', np: string[]): string[] {
  if (np[0] === 'el') return [prep === 'de' ? 'del' : 'al', ...np.slice(1)];
  return [prep, ...np];
}

function esClause(c: Clause, rng: Prng): string[] {
  const p = person(c.subj);
  let subj: string[];
  const part = (x: NP | Name): string[] => (isName(x) ? [x.name] : esNP(x, rng));
  if (c.subj.kind === 'pron') subj = rng.chance(0.35) ? [ES_PRON[c.subj.p]] : []; // Spanish usually drops subject pronouns
  else if (c.subj.kind === 'name') subj = [c.subj.name];
  else if (c.subj.kind === 'np') subj = esNP(c.subj.np, rng);
  else subj = [...part(c.subj.a), 'y', ...part(c.subj.b)];
  if (c.t === 'cop') {
    const forms = c.adj.es.estar ? ['estoy', 'está', 'estamos', 'están'] : ['soy', 'es', 'somos', 'son'];
    const f = subjectFemale(c.subj, 'es');
    return [...subj, forms[p], c.very ? 'muy' : '', c.adj.es.forms[(f ? 1 : 0) + (p >= 2 ? 2 : 0)]];
  }
  const v = c.verb.es[p];
  if (c.t === 'tr') {
    let obj = esNP(c.obj, rng);
    // Personal "a" before people and animals as direct objects.
    if (c.obj.noun.tags.has('P') || c.obj.noun.tags.has('A')) obj = esContract('a', obj);
    return [...subj, v, ...obj, c.adv ? ES_ADV[c.adv] : ''];
  }
  let pp: string[] = [];
  if (c.pp) {
    const np = esNP(c.pp.np, rng);
    const prep = c.pp.prep;
    if (prep === 'in') pp = ['en', ...np];
    else if (prep === 'on') pp = [rng.chance(0.5) ? 'sobre' : 'en', ...np];
    else if (prep === 'with') pp = ['con', ...np];
    else pp = [{ under: 'debajo', near: 'cerca', behind: 'detrás' }[prep], ...esContract('de', np)];
  }
  return [...subj, v, ...pp, c.adv ? ES_ADV[c.adv] : ''];
}

function spanish(s: Sentence, rng: Prng): string {
  if (s.t === 'decl') {
    const words = esClause(s.clause, rng);
    return s.punct === '!' ? capitalize(join(['¡', ...words, '!'])) : capitalize(join([...words, '.']));
  }
  if (s.t === 'but') return capitalize(join([...esClause(s.first, rng), ',', 'pero', ...esClause(s.second, rng), '.']));
  return join(['¿', 'Dónde', s.np.plural ? 'están' : 'está', ...esNP(s.np, rng), '?']);
}

// ---------------------------------------------------------------- Swahili

/** Concord class (1..10) of a noun used in singular or plural. */
function swConcord(c: SwClass, plural: boolean): number {
  const pair: Record<SwClass, [number, number]> = {
    '1': [1, 2],
    '3': [3, 4],
    '5': [5, 6],
    '5a': [1, 2],
    '6': [6, 6],
    '7': [7, 8],
    '9': [9, 10],
    '9a': [1, 2],
  };
  return pair[c][plural ? 1 : 0];
}

/** Adjectival concord on a stem such as '-kubwa' or '-ekundu'. */
function swAdjective(a: Adjective, cc: number): string {
  if (a.sw.startsWith('enye:')) return `${swPronominal(cc)}${cc === 1 ? 'wenye' : 'enye'} ${a.sw.slice(5)}`.replace(/^wwenye/, 'mwenye');
  if (!a.sw.startsWith('-')) return a.sw;
  const stem = a.sw.slice(1);
  if (cc === 9 || cc === 10) return a.sw9 ?? stem;
  const v = /^[aeiou]/.test(stem);
  const prefix: Record<number, [string, string]> = {
    1: ['m', 'mw'],
    2: ['wa', 'w'],
    3: ['m', 'mw'],
    4: ['mi', 'my'],
    5: [stem.length <= 3 ? 'ji' : '', 'j'],
    6: ['ma', 'm'],
    7: ['ki', 'ch'],
    8: ['vi', 'vy'],
  };
  return prefix[cc][v ? 1 : 0] + stem;
}

/** Pronominal concord (possessives, -enye). */
function swPronominal(cc: number): string {
  return ['', 'w', 'w', 'w', 'y', 'l', 'y', 'ch', 'vy', 'y', 'z'][cc];
}

const SW_THIS = ['', 'huyu', 'hawa', 'huu', 'hii', 'hili', 'haya', 'hiki', 'hivi', 'hii', 'hizi'];
const SW_NUM_STEM: Record<NumberWord, string> = { two: 'wili', three: 'tatu', four: 'nne', five: 'tano' };
const SW_NUM_10: Record<NumberWord, string> = { two: 'mbili', three: 'tatu', four: 'nne', five: 'tano' };
const SW_SUBJECT = ['', 'a', 'wa', 'u', 'i', 'li', 'ya', 'ki', 'vi', 'i', 'zi'];
const SW_LOC = ['', 'yuko', 'wako', 'uko', 'iko', 'liko', 'yako', 'kiko', 'viko', 'iko', 'ziko'];

function swNP(np: NP, rng: Prng): { words: string[]; cc: number } {
  const n = pickNoun(np.noun, 'sw', rng);
  const cc = swConcord(n.c!, np.plural);
  const words = [np.plural ? n.pl! : n.sg];
  const pc = swPronominal(cc);
  if (np.det === 'this') words.push(SW_THIS[cc]);
  if (np.det === 'my') words.push(`${pc}angu`);
  if (np.det === 'our') words.push(`${pc}etu`);
  if (np.det === 'his' || np.det === 'her') words.push(`${pc}ake`);
  if (np.adj) words.push(swAdjective(np.adj, cc));
  if (np.det === 'num') {
    const stem = SW_NUM_STEM[np.num!];
    words.push(cc === 10 ? SW_NUM_10[np.num!] : { 2: 'wa', 4: 'mi', 6: 'ma', 8: 'vi' }[cc as 2 | 4 | 6 | 8] + stem);
  }
  // "the" has no Swahili word; a demonstrative sometimes stands in for it.
  if (np.det === 'the' && rng.chance(0.15)) words.push(SW_THIS[cc]);
  return { words, cc };
}

const SW_PRON: Record<Pronoun, string> = { I: 'mimi', He: 'yeye', She: 'yeye', We: 'sisi', They: 'wao' };
const SW_ADV: Record<Adverb, string> = { today: 'leo', tomorrow: 'kesho', now: 'sasa', here: 'hapa', always: 'daima' };
const SW_PREP: Record<Preposition, string> = { in: 'katika', on: 'juu ya', under: 'chini ya', near: 'karibu na', with: 'na', behind: 'nyuma ya' };

function swClause(c: Clause, rng: Prng): string[] {
  let subj: string[];
  let sc: string;
  if (c.subj.kind === 'pron') {
    subj = rng.chance(0.7) ? [SW_PRON[c.subj.p]] : []; // the verb prefix already says who; the pronoun adds emphasis
    sc = { I: 'ni', He: 'a', She: 'a', We: 'tu', They: 'wa' }[c.subj.p];
  } else if (c.subj.kind === 'name') {
    subj = [c.subj.name];
    sc = 'a';
  } else if (c.subj.kind === 'np') {
    const np = swNP(c.subj.np, rng);
    subj = np.words;
    sc = SW_SUBJECT[np.cc];
  } else {
    const part = (x: NP | Name): string[] => (isName(x) ? [x.name] : swNP(x, rng).words);
    subj = [...part(c.subj.a), 'na', ...part(c.subj.b)];
    sc = 'wa';
  }
  if (c.t === 'cop') {
    let cc = 1;
    if (c.subj.kind === 'np') cc = swConcord(c.subj.np.noun.sw.c, c.subj.np.plural);
    else if (c.subj.kind === 'name') cc = 1;
    else if (c.subj.kind === 'and' || (c.subj.kind === 'pron' && (c.subj.p === 'We' || c.subj.p === 'They'))) cc = 2;
    return [...subj, 'ni', swAdjective(c.adj, cc), c.very ? 'sana' : ''];
  }
  const v = c.verb.sw === 'na' ? `${sc}na` : `${sc}na${c.verb.sw}`;
  if (c.t === 'tr') return [...subj, v, ...swNP(c.obj, rng).words, c.adv ? SW_ADV[c.adv] : ''];
  let pp: string[] = [];
  if (c.pp) {
    const prep = c.pp.prep === 'in' && rng.chance(0.3) ? 'ndani ya' : SW_PREP[c.pp.prep];
    pp = [prep, ...swNP(c.pp.np, rng).words];
  }
  return [...subj, v, ...pp, c.adv ? SW_ADV[c.adv] : ''];
}

function swahili(s: Sentence, rng: Prng): string {
  if (s.t === 'decl') return capitalize(join([...swClause(s.clause, rng), s.punct]));
  if (s.t === 'but') return capitalize(join([...swClause(s.first, rng), ',', 'lakini', ...swClause(s.second, rng), '.']));
  const np = swNP(s.np, rng);
  return capitalize(join([...np.words, SW_LOC[np.cc], 'wapi', '?']));
}

/** The reference translation of a sentence; `rng` draws its free choices (synonyms, dropped pronouns). */
export function reference(s: Sentence, lang: Target, rng: Prng): string {
  switch (lang) {
    case 'de':
      return german(s, rng);
    case 'fr':
      return french(s, rng);
    case 'es':
      return spanish(s, rng);
    case 'sw':
      return swahili(s, rng);
  }
}
