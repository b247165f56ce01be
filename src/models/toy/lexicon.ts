/**
 * The toy model's world: a small English lexicon with German, French,
 * Spanish and Swahili equivalents, plus the grammatical facts (gender, noun
 * class, conjugation) that the dataset references need. Real words only;
 * the model translates word by word, the references are grammatical.
 */

export const TARGETS = ['de', 'fr', 'es', 'sw'] as const;
export type Target = (typeof TARGETS)[number];

/** Swahili noun-class pairs; `9a`/`5a` are animates that take class 1/2 agreement. */
export type SwClass = '1' | '3' | '5' | '5a' | '6' | '7' | '9' | '9a';

/**
 * Semantic tags that keep generated sentences sensible:
 * P person, A animal, L place one is "in", S surface one is "on",
 * U thing one is "under", T portable thing, F food, D drink,
 * R something read, O something opened, W something written (or loved: music),
 * B something one is behind or near.
 */
export type Tag = 'P' | 'A' | 'L' | 'S' | 'U' | 'T' | 'F' | 'D' | 'R' | 'O' | 'W' | 'B';

export interface Forms {
  sg: string;
  /** Absent for mass nouns. */
  pl?: string;
}

export interface Noun {
  en: Forms;
  de: Forms & { g: 'm' | 'f' | 'n' };
  /** `v`: starts with a vowel sound (elision l', cet, mon). */
  fr: Forms & { g: 'm' | 'f'; v: boolean };
  /** `el`: feminine noun that takes `el` in the singular (el agua). */
  es: Forms & { g: 'm' | 'f'; el: boolean };
  sw: Forms & { c: SwClass };
  tags: ReadonlySet<Tag>;
  /** Occasional reference synonyms, by language. */
  alt?: Partial<Record<Target, AltNoun>>;
}

export interface AltNoun {
  sg: string;
  pl?: string;
  g?: 'm' | 'f' | 'n';
  v?: boolean;
  c?: SwClass;
}

function parseNoun(line: string, alt?: Noun['alt']): Noun {
  const [en, de, fr, es, sw, tags] = line.split('|').map((p) => p.trim().split(/\s+/));
  const pl = (s: string): string | undefined => (s === '-' ? undefined : s);
  return {
    en: { sg: en[0], pl: pl(en[1]) },
    de: { g: de[0] as 'm' | 'f' | 'n', sg: de[1], pl: pl(de[2]) },
    fr: { g: fr[0].replace('v', '') as 'm' | 'f', v: fr[0].includes('v'), sg: fr[1], pl: pl(fr[2]) },
    es: { g: es[0].replace('el', '') as 'm' | 'f', el: es[0].endsWith('el'), sg: es[1], pl: pl(es[2]) },
    sw: { c: sw[0] as SwClass, sg: sw[1], pl: pl(sw[2]) },
    tags: new Set(tags[0].split('') as Tag[]),
    alt,
  };
}

// en sg pl | de gender sg pl | fr gender(+v) sg pl | es gender sg pl | sw class sg pl | tags
const NOUN_LINES: readonly (string | [string, Noun['alt']])[] = [
  'house houses | n Haus Häuser | f maison maisons | f casa casas | 9 nyumba nyumba | LTB',
  'dog dogs | m Hund Hunde | m chien chiens | m perro perros | 9a mbwa mbwa | A',
  'cat cats | f Katze Katzen | m chat chats | m gato gatos | 9a paka paka | A',
  'child children | n Kind Kinder | mv enfant enfants | m niño niños | 1 mtoto watoto | P',
  'man men | m Mann Männer | mv homme hommes | m hombre hombres | 1 mwanamume wanaume | P',
  'woman women | f Frau Frauen | f femme femmes | f mujer mujeres | 1 mwanamke wanawake | P',
  'book books | n Buch Bücher | m livre livres | m libro libros | 7 kitabu vitabu | TROW',
  ['car cars | n Auto Autos | f voiture voitures | m coche coches | 5 gari magari | TO', {
    de: { sg: 'Wagen', pl: 'Wagen', g: 'm' }, es: { sg: 'carro', pl: 'carros', g: 'm' }, sw: { sg: 'motokaa', pl: 'motokaa', c: '9' },
  }],
  'tree trees | m Baum Bäume | mv arbre arbres | m árbol árboles | 3 mti miti | UB',
  'city cities | f Stadt Städte | f ville villes | f ciudad ciudades | 3 mji miji | L',
  'river rivers | m Fluss Flüsse | f rivière rivières | m río ríos | 3 mto mito | L',
  ['friend friends | m Freund Freunde | mv ami amis | m amigo amigos | 9a rafiki rafiki | P', {
    fr: { sg: 'copain', pl: 'copains', g: 'm', v: false },
  }],
  'teacher teachers | m Lehrer Lehrer | m professeur professeurs | m maestro maestros | 1 mwalimu walimu | P',
  ['doctor doctors | m Arzt Ärzte | m médecin médecins | m médico médicos | 5a daktari madaktari | P', {
    de: { sg: 'Doktor', pl: 'Doktoren', g: 'm' }, fr: { sg: 'docteur', pl: 'docteurs', g: 'm', v: false }, es: { sg: 'doctor', pl: 'doctores', g: 'm' },
  }],
  'school schools | f Schule Schulen | fv école écoles | f escuela escuelas | 9 shule shule | LB',
  'table tables | m Tisch Tische | f table tables | f mesa mesas | 9 meza meza | SU',
  'door doors | f Tür Türen | f porte portes | f puerta puertas | 3 mlango milango | OB',
  'window windows | n Fenster Fenster | f fenêtre fenêtres | f ventana ventanas | 5 dirisha madirisha | O',
  'garden gardens | m Garten Gärten | m jardin jardins | m jardín jardines | 9 bustani bustani | LB',
  'street streets | f Straße Straßen | f rue rues | f calle calles | 9 barabara barabara | S',
  'bird birds | m Vogel Vögel | mv oiseau oiseaux | m pájaro pájaros | 9a ndege ndege | A',
  'horse horses | n Pferd Pferde | m cheval chevaux | m caballo caballos | 9a farasi farasi | A',
  'apple apples | m Apfel Äpfel | f pomme pommes | f manzana manzanas | 5 tufaha matufaha | FT',
  'letter letters | m Brief Briefe | f lettre lettres | f carta cartas | 9 barua barua | TROW',
  'chair chairs | m Stuhl Stühle | f chaise chaises | f silla sillas | 7 kiti viti | SUT',
  ['shop shops | m Laden Läden | m magasin magasins | f tienda tiendas | 5 duka maduka | LO', {
    de: { sg: 'Geschäft', pl: 'Geschäfte', g: 'n' }, fr: { sg: 'boutique', pl: 'boutiques', g: 'f', v: false },
  }],
  'room rooms | n Zimmer Zimmer | f chambre chambres | f habitación habitaciones | 7 chumba vyumba | L',
  'market markets | m Markt Märkte | m marché marchés | m mercado mercados | 5 soko masoko | L',
  'village villages | n Dorf Dörfer | m village villages | m pueblo pueblos | 7 kijiji vijiji | L',
  'station stations | m Bahnhof Bahnhöfe | f gare gares | f estación estaciones | 9 stesheni stesheni | LB',
  'mother mothers | f Mutter Mütter | f mère mères | f madre madres | 9a mama mama | P',
  'father fathers | m Vater Väter | m père pères | m padre padres | 9a baba baba | P',
  'girl girls | n Mädchen Mädchen | f fille filles | f niña niñas | 1 msichana wasichana | P',
  'boy boys | m Junge Jungen | m garçon garçons | m chico chicos | 1 mvulana wavulana | P',
  'newspaper newspapers | f Zeitung Zeitungen | m journal journaux | m periódico periódicos | 5 gazeti magazeti | TR',
  'bag bags | f Tasche Taschen | m sac sacs | f bolsa bolsas | 3 mfuko mifuko | TO',
  'lake lakes | m See Seen | m lac lacs | m lago lagos | 5 ziwa maziwa | L',
  'mountain mountains | m Berg Berge | f montagne montagnes | f montaña montañas | 3 mlima milima | S',
  'bed beds | n Bett Betten | m lit lits | f cama camas | 7 kitanda vitanda | SU',
  'hospital hospitals | n Krankenhaus Krankenhäuser | mv hôpital hôpitaux | m hospital hospitales | 9 hospitali hospitali | LB',
  'student students | m Student Studenten | mv étudiant étudiants | m estudiante estudiantes | 1 mwanafunzi wanafunzi | P',
  'farmer farmers | m Bauer Bauern | m fermier fermiers | m campesino campesinos | 1 mkulima wakulima | P',
  'cup cups | f Tasse Tassen | f tasse tasses | f taza tazas | 7 kikombe vikombe | T',
  'egg eggs | n Ei Eier | mv œuf œufs | m huevo huevos | 5 yai mayai | FT',
  'flower flowers | f Blume Blumen | f fleur fleurs | f flor flores | 5 ua maua | T',
  'bread - | n Brot - | m pain - | m pan - | 3 mkate - | F',
  'water - | n Wasser - | fv eau - | fel agua - | 6 maji - | D',
  'milk - | f Milch - | m lait - | f leche - | 6 maziwa - | D',
  'coffee - | m Kaffee - | m café - | m café - | 9 kahawa - | D',
  'tea - | m Tee - | m thé - | m té - | 9 chai - | D',
  'rice - | m Reis - | m riz - | m arroz - | 3 mchele - | F',
  'money - | n Geld - | mv argent - | m dinero - | 9 pesa - | T',
  'soup - | f Suppe - | f soupe - | f sopa - | 9 supu - | F',
  'meat - | n Fleisch - | f viande - | f carne - | 9 nyama - | F',
  'music - | f Musik - | f musique - | f música - | 9 muziki - | W',
];

export const NOUNS: readonly Noun[] = NOUN_LINES.map((l) => (typeof l === 'string' ? parseNoun(l) : parseNoun(l[0], l[1])));

export interface Adjective {
  en: string;
  /** Predicate form; attributive endings are added to `deStem` (defaults to it). */
  de: string;
  deStem?: string;
  /** [m sg, f sg, m pl, f pl]; `pre` adjectives go before the noun; `mv` is the m sg form before a vowel. */
  fr: { forms: readonly [string, string, string, string]; pre: boolean; mv?: string };
  es: { forms: readonly [string, string, string, string]; estar: boolean };
  /** Agreeing stem ('-kubwa'), invariant word ('safi'), or 'enye:<noun>' (mwenye furaha). */
  sw: string;
  /** Class-9/10 form of an agreeing stem when it is irregular (nasal rules). */
  sw9?: string;
  /** Tags of nouns the adjective can describe. */
  of: readonly Tag[];
  /** Used in the Swahili data (some have no simple Swahili adjective). */
  swOk: boolean;
}

function adj(
  en: string,
  de: string,
  fr: string,
  es: string,
  sw: string,
  of: string,
  opts: { deStem?: string; frPre?: boolean; frMv?: string; estar?: boolean; sw9?: string; swOk?: boolean } = {},
): Adjective {
  const four = (s: string): [string, string, string, string] => s.split(' ') as [string, string, string, string];
  return {
    en,
    de,
    deStem: opts.deStem,
    fr: { forms: four(fr), pre: opts.frPre ?? false, mv: opts.frMv },
    es: { forms: four(es), estar: opts.estar ?? false },
    sw,
    sw9: opts.sw9,
    of: of.split('') as Tag[],
    swOk: opts.swOk ?? true,
  };
}

export const ADJECTIVES: readonly Adjective[] = [
  adj('big', 'groß', 'grand grande grands grandes', 'grande grande grandes grandes', '-kubwa', 'LTAOSU', { frPre: true, sw9: 'kubwa' }),
  adj('small', 'klein', 'petit petite petits petites', 'pequeño pequeña pequeños pequeñas', '-dogo', 'LTAPOSU', { frPre: true, sw9: 'ndogo' }),
  adj('old', 'alt', 'vieux vieille vieux vieilles', 'viejo vieja viejos viejas', '-zee', 'PLTA', { frPre: true, frMv: 'vieil', sw9: 'nzee' }),
  adj('new', 'neu', 'nouveau nouvelle nouveaux nouvelles', 'nuevo nueva nuevos nuevas', '-pya', 'LTOSU', { frPre: true, frMv: 'nouvel', sw9: 'mpya' }),
  adj('good', 'gut', 'bon bonne bons bonnes', 'bueno buena buenos buenas', '-zuri', 'PTFDLW', { frPre: true, sw9: 'nzuri' }),
  adj('beautiful', 'schön', 'beau belle beaux belles', 'bonito bonita bonitos bonitas', '-zuri', 'LTAW', { frPre: true, frMv: 'bel', sw9: 'nzuri' }),
  adj('red', 'rot', 'rouge rouge rouges rouges', 'rojo roja rojos rojas', '-ekundu', 'TOSU', { sw9: 'nyekundu' }),
  adj('white', 'weiß', 'blanc blanche blancs blanches', 'blanco blanca blancos blancas', '-eupe', 'TASUO', { sw9: 'nyeupe' }),
  adj('black', 'schwarz', 'noir noire noirs noires', 'negro negra negros negras', '-eusi', 'TASUO', { sw9: 'nyeusi' }),
  adj('green', 'grün', 'vert verte verts vertes', 'verde verde verdes verdes', 'kijani', 'TOSU'),
  adj('blue', 'blau', 'bleu bleue bleus bleues', 'azul azul azules azules', 'bluu', 'TOSU'),
  adj('young', 'jung', 'jeune jeune jeunes jeunes', 'joven joven jóvenes jóvenes', '-changa', 'PA', { frPre: true, sw9: 'changa' }),
  adj('cold', 'kalt', 'froid froide froids froides', 'frío fría fríos frías', 'baridi', 'FDL', { estar: true }),
  adj('hot', 'heiß', 'chaud chaude chauds chaudes', 'caliente caliente calientes calientes', 'moto', 'FD', { estar: true }),
  adj('happy', 'glücklich', 'heureux heureuse heureux heureuses', 'feliz feliz felices felices', 'enye:furaha', 'PA', { estar: true }),
  adj('tired', 'müde', 'fatigué fatiguée fatigués fatiguées', 'cansado cansada cansados cansadas', 'amechoka', 'PA', { estar: true, swOk: false }),
  adj('expensive', 'teuer', 'cher chère chers chères', 'caro cara caros caras', 'ghali', 'TFO', { deStem: 'teur' }),
  adj('clean', 'sauber', 'propre propre propres propres', 'limpio limpia limpios limpias', 'safi', 'TLDSU', { estar: true }),
  adj('strong', 'stark', 'fort forte forts fortes', 'fuerte fuerte fuertes fuertes', 'enye:nguvu', 'PA'),
  adj('sick', 'krank', 'malade malade malades malades', 'enfermo enferma enfermos enfermas', '-gonjwa', 'PA', { estar: true, sw9: 'mgonjwa' }),
];

export interface Verb {
  /** [3rd person singular, base form]. */
  en: readonly [string, string];
  /** Each [1sg, 3sg, 1pl, 3pl]. */
  de: readonly string[];
  fr: readonly string[];
  es: readonly string[];
  /** Root after the subject prefix and tense marker: lala -> analala; 'na' is "have" (no tense marker). */
  sw: string;
  /** Tags of possible subjects; transitive verbs also list their objects. */
  subj: readonly Tag[];
  obj?: readonly Tag[];
}

function verb(en: string, de: string, fr: string, es: string, sw: string, subj: string, obj?: string): Verb {
  const w = (s: string): string[] => s.split(' ');
  return {
    en: w(en) as [string, string],
    de: w(de),
    fr: w(fr),
    es: w(es),
    sw,
    subj: subj.split('') as Tag[],
    obj: obj === undefined ? undefined : (obj.split('') as Tag[]),
  };
}

export const VERBS_INTRANSITIVE: readonly Verb[] = [
  verb('sleeps sleep', 'schlafe schläft schlafen schlafen', 'dors dort dormons dorment', 'duermo duerme dormimos duermen', 'lala', 'PA'),
  verb('runs run', 'laufe läuft laufen laufen', 'cours court courons courent', 'corro corre corremos corren', 'kimbia', 'PA'),
  verb('sings sing', 'singe singt singen singen', 'chante chante chantons chantent', 'canto canta cantamos cantan', 'imba', 'P'),
  verb('works work', 'arbeite arbeitet arbeiten arbeiten', 'travaille travaille travaillons travaillent', 'trabajo trabaja trabajamos trabajan', 'fanya kazi', 'P'),
  verb('waits wait', 'warte wartet warten warten', 'attends attend attendons attendent', 'espero espera esperamos esperan', 'subiri', 'PA'),
  verb('laughs laugh', 'lache lacht lachen lachen', 'ris rit rions rient', 'río ríe reímos ríen', 'cheka', 'P'),
  verb('swims swim', 'schwimme schwimmt schwimmen schwimmen', 'nage nage nageons nagent', 'nado nada nadamos nadan', 'ogelea', 'PA'),
  verb('walks walk', 'gehe geht gehen gehen', 'marche marche marchons marchent', 'camino camina caminamos caminan', 'tembea', 'PA'),
];

export const VERBS_TRANSITIVE: readonly Verb[] = [
  verb('sees see', 'sehe sieht sehen sehen', 'vois voit voyons voient', 'veo ve vemos ven', 'ona', 'PA', 'PATLOR'),
  verb('has have', 'habe hat haben haben', 'ai a avons ont', 'tengo tiene tenemos tienen', 'na', 'P', 'TAFO'),
  verb('reads read', 'lese liest lesen lesen', 'lis lit lisons lisent', 'leo lee leemos leen', 'soma', 'P', 'R'),
  verb('eats eat', 'esse isst essen essen', 'mange mange mangeons mangent', 'como come comemos comen', 'kula', 'PA', 'F'),
  verb('drinks drink', 'trinke trinkt trinken trinken', 'bois boit buvons boivent', 'bebo bebe bebemos beben', 'kunywa', 'PA', 'D'),
  verb('buys buy', 'kaufe kauft kaufen kaufen', 'achète achète achetons achètent', 'compro compra compramos compran', 'nunua', 'P', 'TFDO'),
  verb('loves love', 'liebe liebt lieben lieben', 'aime aime aimons aiment', 'amo ama amamos aman', 'penda', 'P', 'PAW'),
  verb('opens open', 'öffne öffnet öffnen öffnen', 'ouvre ouvre ouvrons ouvrent', 'abro abre abrimos abren', 'fungua', 'P', 'O'),
  verb('finds find', 'finde findet finden finden', 'trouve trouve trouvons trouvent', 'encuentro encuentra encontramos encuentran', 'pata', 'PA', 'TAR'),
  verb('writes write', 'schreibe schreibt schreiben schreiben', 'écris écrit écrivons écrivent', 'escribo escribe escribimos escriben', 'andika', 'P', 'W'),
  verb('sells sell', 'verkaufe verkauft verkaufen verkaufen', 'vends vend vendons vendent', 'vendo vende vendemos venden', 'uza', 'P', 'TFD'),
  verb('carries carry', 'trage trägt tragen tragen', 'porte porte portons portent', 'llevo lleva llevamos llevan', 'beba', 'PA', 'TF'),
  verb('cooks cook', 'koche kocht kochen kochen', 'prépare prépare préparons préparent', 'cocino cocina cocinamos cocinan', 'pika', 'P', 'F'),
  verb('washes wash', 'wasche wäscht waschen waschen', 'lave lave lavons lavent', 'lavo lava lavamos lavan', 'osha', 'P', 'TO'),
];

/** Determiners the grammar uses, with how English spells them. */
export type DetKind = 'the' | 'a' | 'this' | 'my' | 'our' | 'his' | 'her' | 'num' | 'none';
export const NUMBERS = ['two', 'three', 'four', 'five'] as const;
export type NumberWord = (typeof NUMBERS)[number];

export type Pronoun = 'I' | 'He' | 'She' | 'We' | 'They';
export const PRONOUNS: readonly Pronoun[] = ['I', 'He', 'She', 'We', 'They'];

export type Preposition = 'in' | 'on' | 'under' | 'near' | 'with' | 'behind';
/** Which noun tags each preposition takes in the locative template. */
export const PREPOSITIONS: Readonly<Record<Preposition, readonly Tag[]>> = {
  in: ['L'],
  on: ['S'],
  under: ['U'],
  near: ['L', 'B', 'U'],
  with: ['P', 'A'],
  behind: ['B', 'U'],
};

export type Adverb = 'today' | 'tomorrow' | 'now' | 'here' | 'always';
export const ADVERBS: readonly Adverb[] = ['today', 'tomorrow', 'now', 'here', 'always'];

/** Personal names: the same word in every language, third person singular, with a grammatical gender. */
export const NAMES: readonly { name: string; female: boolean }[] = [
  { name: 'Amina', female: true },
  { name: 'Juma', female: false },
  { name: 'Anna', female: true },
  { name: 'Peter', female: false },
  { name: 'Maria', female: true },
  { name: 'David', female: false },
  { name: 'Fatuma', female: true },
  { name: 'Baraka', female: false },
];
