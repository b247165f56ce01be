/**
 * Samples the synthetic parallel test sets: English sentences from a small
 * grammar and their grammatical references, one set per language pair.
 */
import { english, type Clause, type Name, type NP, reference, type Sentence, type Subject } from './grammar.js';
import {
  ADJECTIVES,
  ADVERBS,
  type Adjective,
  type DetKind,
  NAMES,
  type Noun,
  NOUNS,
  NUMBERS,
  PREPOSITIONS,
  type Preposition,
  type Pronoun,
  PRONOUNS,
  type Tag,
  type Target,
  TARGETS,
  type Verb,
  VERBS_INTRANSITIVE,
  VERBS_TRANSITIVE,
} from './lexicon.js';
import { type Prng, stream } from './prng.js';

export const LINES_PER_PAIR = 160;

/** How often each construction appears; Swahili's set leans on constructions without articles. */
interface Style {
  templates: readonly (readonly [Template, number])[];
  determiners: readonly (readonly [DetKind, number])[];
  adjective: number;
  plural: number;
  pronounSubject: number;
  pronouns: readonly (readonly [Pronoun, number])[];
  nameSubject: number;
  /** Share of mass or plural objects left without a determiner ("buys bread"). */
  bareObject: number;
}

type Template = 'intr' | 'tr' | 'cop' | 'loc' | 'where' | 'but' | 'and' | 'excl';

const DEFAULT_STYLE: Style = {
  templates: [
    ['intr', 2],
    ['tr', 3],
    ['cop', 2],
    ['loc', 2],
    ['where', 0.6],
    ['but', 0.5],
    ['and', 0.4],
    ['excl', 0.3],
  ],
  determiners: [
    ['the', 5],
    ['a', 2],
    ['this', 1],
    ['my', 1.5],
    ['our', 1],
    ['his', 0.7],
    ['her', 0.7],
    ['num', 1],
  ],
  adjective: 0.3,
  plural: 0.3,
  pronounSubject: 0.2,
  pronouns: PRONOUNS.map((p) => [p, 1] as const),
  nameSubject: 0.15,
  bareObject: 0.25,
};

const STYLES: Record<Target, Style> = {
  de: { ...DEFAULT_STYLE, nameSubject: 0.25 },
  fr: DEFAULT_STYLE,
  // Spanish references drop most subject pronouns and put adjectives after the noun; fewer of both.
  es: { ...DEFAULT_STYLE, adjective: 0.2, pronounSubject: 0.12, nameSubject: 0.25 },
  sw: {
    ...DEFAULT_STYLE,
    templates: [
      ['intr', 3],
      ['tr', 3],
      ['cop', 1.5],
      ['loc', 1.5],
      ['where', 0],
      ['but', 0.3],
      ['and', 0.4],
      ['excl', 0.2],
    ],
    determiners: [
      ['the', 2.5],
      ['a', 0.5],
      ['this', 0.3],
      ['my', 0.5],
      ['our', 0.25],
      ['his', 0.25],
      ['her', 0.25],
      ['num', 0.3],
    ],
    adjective: 0.12,
    plural: 0.4,
    pronounSubject: 0.35,
    // Swahili marks the subject on the verb; the set favours he/she/they, which the model's verb forms match.
    pronouns: [
      ['He', 1],
      ['She', 1],
      ['They', 1],
      ['I', 0.1],
      ['We', 0.1],
    ],
    nameSubject: 0.45,
    bareObject: 0.8,
  },
};

class Sampler {
  constructor(
    private readonly rng: Prng,
    private readonly style: Style,
    private readonly lang: Target,
  ) {}

  private nounWith(tags: readonly Tag[], countable = false): Noun {
    const pool = NOUNS.filter((n) => tags.some((t) => n.tags.has(t)) && (!countable || n.en.pl));
    return this.rng.pick(pool);
  }

  private adjectiveFor(n: Noun): Adjective | undefined {
    const pool = ADJECTIVES.filter((a) => a.of.some((t) => n.tags.has(t)) && (this.lang !== 'sw' || a.swOk));
    return pool.length > 0 ? this.rng.pick(pool) : undefined;
  }

  np(tags: readonly Tag[], opts: { object?: boolean; adjective?: boolean; countable?: boolean } = {}): NP {
    const noun = this.nounWith(tags, opts.countable);
    const mass = !noun.en.pl;
    const plural = !mass && this.rng.chance(this.style.plural);
    const allowed = this.style.determiners.filter(([d]) => {
      if (d === 'a' || d === 'this') return !mass && !plural;
      if (d === 'num') return plural;
      return true;
    });
    let det: DetKind = this.rng.weighted(allowed);
    // Bare objects: mass nouns and plurals ("buys bread", "reads books").
    if (opts.object && (mass || plural) && this.rng.chance(this.style.bareObject)) det = 'none';
    const np: NP = { det, noun, plural };
    if (det === 'num') np.num = this.rng.pick(NUMBERS);
    if (opts.adjective !== false && this.rng.chance(this.style.adjective)) np.adj = this.adjectiveFor(noun);
    return np;
  }

  subject(tags: readonly Tag[], opts: { adjective?: boolean } = {}): Subject {
    const r = this.rng.next();
    if (tags.includes('P') && r < this.style.pronounSubject) return { kind: 'pron', p: this.rng.weighted(this.style.pronouns) };
    if (tags.includes('P') && r < this.style.pronounSubject + this.style.nameSubject) return { kind: 'name', ...this.rng.pick(NAMES) };
    return { kind: 'np', np: this.np(tags, opts) };
  }

  private nameOrNP(tags: readonly Tag[]): NP | Name {
    return tags.includes('P') && this.rng.chance(this.style.nameSubject) ? this.rng.pick(NAMES) : this.np(tags, { adjective: false });
  }

  private adverb(p: number): (typeof ADVERBS)[number] | undefined {
    return this.rng.chance(p) ? this.rng.pick(ADVERBS) : undefined;
  }

  intransitive(allowPP: boolean): Clause {
    const verb: Verb = this.rng.pick(VERBS_INTRANSITIVE);
    const subj = this.subject(verb.subj);
    if (allowPP) {
      const prep: Preposition = this.rng.pick(Object.keys(PREPOSITIONS) as Preposition[]);
      return { t: 'intr', subj, verb, pp: { prep, np: this.np(PREPOSITIONS[prep], { adjective: true }) } };
    }
    return { t: 'intr', subj, verb, adv: this.adverb(0.5) };
  }

  transitive(): Clause {
    const verb: Verb = this.rng.pick(VERBS_TRANSITIVE);
    return { t: 'tr', subj: this.subject(verb.subj), verb, obj: this.np(verb.obj!, { object: true }), adv: this.adverb(0.3) };
  }

  copula(): Clause {
    const adj = this.rng.pick(ADJECTIVES.filter((a) => this.lang !== 'sw' || a.swOk));
    const subj = this.subject(adj.of, { adjective: false });
    return { t: 'cop', subj, adj, very: this.rng.chance(0.3) };
  }

  sentence(): Sentence {
    const t = this.rng.weighted(this.style.templates);
    switch (t) {
      case 'intr':
        return { t: 'decl', clause: this.intransitive(false), punct: '.' };
      case 'loc':
        return { t: 'decl', clause: this.intransitive(true), punct: '.' };
      case 'tr':
        return { t: 'decl', clause: this.transitive(), punct: '.' };
      case 'cop':
        return { t: 'decl', clause: this.copula(), punct: '.' };
      case 'excl': {
        const c = this.copula();
        return { t: 'decl', clause: c.t === 'cop' ? { ...c, very: true } : c, punct: '!' };
      }
      case 'where':
        return { t: 'where', np: this.np(['P', 'A', 'T', 'L'], { adjective: false }) };
      case 'but':
        return { t: 'but', first: this.intransitive(false), second: this.intransitive(false) };
      case 'and': {
        const verb = this.rng.pick(VERBS_INTRANSITIVE);
        const a = this.nameOrNP(verb.subj);
        let b = this.nameOrNP(verb.subj);
        while ('name' in a && 'name' in b && a.name === b.name) b = this.nameOrNP(verb.subj);
        return { t: 'decl', clause: { t: 'intr', subj: { kind: 'and', a, b }, verb, adv: this.adverb(0.3) }, punct: '.' };
      }
    }
  }
}

export interface ParallelSet {
  pair: `en-${Target}`;
  target: Target;
  source: string[];
  reference: string[];
}

/** One pair's test set: distinct English sentences with their references. */
export function parallelSet(target: Target, seed: number, lines = LINES_PER_PAIR): ParallelSet {
  const sampler = new Sampler(stream(seed, `sentences-${target}`), STYLES[target], target);
  const refRng = stream(seed, `references-${target}`);
  const source: string[] = [];
  const ref: string[] = [];
  const seen = new Set<string>();
  let attempts = 0;
  while (source.length < lines) {
    if (++attempts > lines * 50) throw new Error(`could not sample ${lines} distinct sentences for en-${target}`);
    const s = sampler.sentence();
    const en = english(s);
    if (seen.has(en)) continue;
    seen.add(en);
    source.push(en);
    ref.push(reference(s, target, refRng));
  }
  return { pair: `en-${target}`, target, source, reference: ref };
}

export function allParallelSets(seed: number): ParallelSet[] {
  return TARGETS.map((t) => parallelSet(t, seed));
}
