/**
 * Catalogue search (docs/rules.md "Catalogue search"), the pure part: how text
 * is normalised, which terms a product is found by, how a query is looked up,
 * and how a match ranks.
 *
 * A product is indexed under a bounded set of terms (at most
 * `maxTermsPerProduct`), each one DynamoDB item written in the product's own
 * transaction. A query is looked up by ONE term: the query itself when every
 * product it can match is stored under it ("exact"), otherwise a shorter term
 * that every match must hold (the "anchor"), whose candidates are then checked
 * against the whole query. Either way a search reads a bounded number of items.
 *
 * Pinyin comes from outside (`PinyinOf`): only writing a product needs it, so
 * the read path never loads a pinyin dictionary.
 */

/** A product's terms are written with it in one TransactWriteItems (≤ 100 items): old ones deleted, new ones put, and the product. */
export const maxTermsPerProduct = 48;
/**
 * Shorter queries of letters or digits (one letter) match nothing: every product would be a candidate.
 * One Chinese character is a query of its own (`鞋`, `米`): villagers name things by one.
 */
export const minQueryLength = 2;

/** How a product matches a query, best first: its title starts with it, has it as a whole word, or contains it. */
export const matchKinds = { starts: 0, word: 1, contains: 2 } as const;
export type MatchKind = (typeof matchKinds)[keyof typeof matchKinds];

/** One toneless pinyin syllable per character of a run of Chinese characters (read in context), lower-case, ü written v. */
export type PinyinOf = (han: string) => string[];

/** What a match is decided on: the product's texts and the pinyin of its title (one syllable per Chinese character, in order). */
export interface SearchDoc {
  sku: string;
  title: string;
  titleEn?: string | undefined;
  /** One syllable per Chinese character of the normalised title, separated by spaces. */
  pinyin: string;
}

export interface Term {
  term: string;
  kind: MatchKind;
}

/** How a query is answered: the one term partition to read, and whether candidates must be checked against the whole query. */
export interface QueryPlan {
  /** The query, normalised. */
  q: string;
  term: string;
  verify: boolean;
}

const han = /\p{Script=Han}/u;
const hanRuns = (s: string) => s.match(/\p{Script=Han}+/gu) ?? [];
const latinTokens = (s: string) => s.match(/[a-z0-9]+/g) ?? [];
const isHan = (s: string) => /^\p{Script=Han}+$/u.test(s);
const chars = (s: string) => [...s];
/** A term or a query long enough to look up: two characters or more, or one Chinese character. */
const lookupable = (s: string) => chars(s).length >= minQueryLength || (chars(s).length === 1 && isHan(s));

/** NFKC (full-width letters and digits become ASCII), lower case, ü as v, spaces kept. */
export const normaliseSpaced = (s: string) => s.normalize('NFKC').toLowerCase().replaceAll('ü', 'v');
/** What a query is matched as: `normaliseSpaced` without any white space. */
export const normalise = (s: string) => normaliseSpaced(s).replace(/\s+/gu, '');

/** The pinyin of a title, as `SearchDoc.pinyin` holds it: each run of Chinese characters read in context. */
export function titlePinyin(title: string, pinyinOf: PinyinOf): string {
  const syllables: string[] = [];
  for (const run of hanRuns(normalise(title))) {
    const read = pinyinOf(run);
    chars(run).forEach((_, i) => {
      const s = normaliseSpaced(read[i] ?? '').replace(/[^a-z]/g, '');
      // A character without a reading keeps a place that no query letter matches.
      syllables.push(s || '_');
    });
  }
  return syllables.join(' ');
}

interface Run {
  text: string;
  syllables: string[];
  /** Where the run starts in the compact title. */
  at: number;
}

interface Analysis {
  compact: string;
  compactEn: string;
  sku: string;
  /** Runs of Chinese characters of the compact title (spaces removed, so "海尔 冰箱" is one run). */
  runs: Run[];
  /** Whole words: Chinese runs and Latin tokens between spaces, English words; and the pinyin and initials of each Chinese word. */
  words: Set<string>;
  enWords: string[];
  /** Runs of Chinese characters between spaces, with their pinyin: where words start. */
  spacedRuns: { text: string; syllables: string[] }[];
  titleTokens: string[];
}

const initials = (syllables: string[]) => syllables.map((s) => s[0]).join('');

function analyse(doc: SearchDoc): Analysis {
  const spaced = normaliseSpaced(doc.title);
  const compact = normalise(doc.title);
  const all = doc.pinyin ? doc.pinyin.split(' ') : [];
  let next = 0;
  const runs: Run[] = [];
  for (const m of compact.matchAll(/\p{Script=Han}+/gu)) {
    const n = chars(m[0]).length;
    runs.push({ text: m[0], syllables: all.slice(next, next + n), at: m.index });
    next += n;
  }
  next = 0;
  const spacedRuns = hanRuns(spaced).map((text) => {
    const n = chars(text).length;
    const syllables = all.slice(next, next + n);
    next += n;
    return { text, syllables };
  });
  const enWords = latinTokens(normaliseSpaced(doc.titleEn ?? ''));
  const titleTokens = latinTokens(spaced);
  const words = new Set<string>([...spacedRuns.map((r) => r.text), ...titleTokens, ...enWords]);
  for (const r of spacedRuns) {
    words.add(r.syllables.join(''));
    words.add(initials(r.syllables));
  }
  return { compact, compactEn: normalise(doc.titleEn ?? ''), sku: normalise(doc.sku), runs, words, enWords, spacedRuns, titleTokens };
}

/**
 * How the product matches the normalised query `q`, or undefined when it does not:
 * its title (or English title) starts with `q`, or `q` is its SKU; `q` is a
 * whole word of it (or the pinyin or initials of one), or its SKU begins with
 * `q`; or its title contains `q`, its pinyin or initials contain `q` from the
 * start of a character on, or an English word starts with `q`.
 */
export function matchKind(doc: SearchDoc, q: string): MatchKind | undefined {
  return kindIn(analyse(doc), q);
}

function kindIn(a: Analysis, q: string): MatchKind | undefined {
  if (q.length === 0) return undefined;
  if (a.compact.startsWith(q) || a.compactEn.startsWith(q) || a.sku === q) return matchKinds.starts;
  let best: MatchKind | undefined;
  const better = (k: MatchKind) => {
    if (best === undefined || k < best) best = k;
  };
  if (q.length >= minQueryLength && /^[a-z]+$/.test(q)) {
    for (const run of a.runs) {
      for (let i = 0; i < run.syllables.length; i++) {
        const rest = run.syllables.slice(i);
        if (rest.join('').startsWith(q) || initials(rest).startsWith(q)) better(run.at === 0 && i === 0 ? matchKinds.starts : matchKinds.contains);
      }
    }
  }
  // A SKU that begins with it ranks as a whole word: after titles that start with it.
  if (a.words.has(q) || a.sku.startsWith(q)) better(matchKinds.word);
  if (best === undefined && (a.compact.includes(q) || a.compactEn.includes(q) || a.enWords.some((w) => w.startsWith(q)))) better(matchKinds.contains);
  return best;
}

/** Prefixes of `s` of 2 to 4 characters, and `s` itself. */
const prefixes = (s: string) => {
  const out: string[] = [];
  for (let n = minQueryLength; n <= Math.min(4, s.length); n++) out.push(s.slice(0, n));
  if (s.length >= minQueryLength) out.push(s);
  return out;
};

/**
 * Terms from the `i`-th character of a Chinese word on: the pair of characters,
 * the pinyin of the pair, the initials of the pair and of the triple; and where
 * the word starts, its first 2–4 pinyin letters too.
 */
function fromCharacter(text: string[], syllables: string[], i: number, wordStart: boolean): string[] {
  const out: string[] = [];
  if (i + 1 < text.length) out.push(text[i]! + text[i + 1]!);
  const rest = syllables.slice(i, i + 3);
  if (rest.some((s) => s === '_' || !s)) return out;
  if (wordStart) {
    const full = rest.join('');
    for (let n = minQueryLength; n <= Math.min(4, full.length); n++) out.push(full.slice(0, n));
  }
  if (rest.length >= 2) out.push(rest[0]! + rest[1]!, initials(rest.slice(0, 2)));
  if (rest.length === 3) out.push(initials(rest));
  return out;
}

/**
 * The terms a product is found by (at most `maxTermsPerProduct`), each with how
 * it matches. Kept first: the SKU's prefixes and the English title's words;
 * then the title word by word, in order (titles say what matters first: brand,
 * product, size), each Chinese word from every character on, each Latin token
 * by its prefixes; then each Chinese character of the title on its own (`鞋`,
 * `米`: villagers name things by one), then the pinyin of each (`xie`); then
 * prefixes of English words.
 *
 * Every term a `planQuery` plan reads is one of these for every product that
 * matches the query (unless the product ran out of room).
 */
export function searchTerms(doc: SearchDoc): Term[] {
  const a = analyse(doc);
  const title: string[] = [];
  const syllablesOf = doc.pinyin ? doc.pinyin.split(' ') : [];
  let next = 0;
  for (const [word] of normaliseSpaced(doc.title).matchAll(/\p{Script=Han}+|[a-z0-9]+/gu)) {
    if (!han.test(word)) {
      title.push(...prefixes(word));
      continue;
    }
    const text = chars(word);
    const read = syllablesOf.slice(next, next + text.length);
    next += text.length;
    for (let i = 0; i < text.length; i++) title.push(...fromCharacter(text, read, i, i === 0));
  }
  const sku = prefixes(a.sku);
  const enWords = a.enWords.filter((w) => w.length >= minQueryLength);
  const single = a.runs.flatMap((r) => chars(r.text));
  // A syllable of one letter (e, a, o) is a letter: it finds nothing, like any other.
  const syllable = a.runs.flatMap((r) => r.syllables).filter((s) => s !== '_' && s.length >= minQueryLength);
  const enPrefixes = a.enWords.flatMap(prefixes);

  const terms: Term[] = [];
  const seen = new Set<string>();
  for (const term of [...sku, ...enWords, ...title, ...single, ...syllable, ...enPrefixes]) {
    if (terms.length === maxTermsPerProduct) break;
    if (!lookupable(term) || seen.has(term)) continue;
    seen.add(term);
    const kind = kindIn(a, term);
    if (kind !== undefined) terms.push({ term, kind });
  }
  return terms;
}

/** The order of equal matches: the title as read (Chinese characters by their pinyin), then the SKU. */
export function searchOrder(doc: SearchDoc): string {
  const syllables = doc.pinyin ? doc.pinyin.split(' ') : [];
  let i = 0;
  const read = chars(normaliseSpaced(doc.title).trim())
    .map((c) => (han.test(c) ? `${syllables[i++] ?? c} ` : c))
    .join('');
  return read.replace(/\s+/g, ' ').replaceAll('#', ' ').trim().slice(0, 200);
}

// Pinyin syllables (toneless, ü as v), to read a query typed in pinyin.
const syllables = new Set(
  (
    'a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu ca cai can cang cao ce cen ceng cha chai chan chang chao ' +
    'che chen cheng chi chong chou chu chua chuai chuan chuang chui chun chuo ci cong cou cu cuan cui cun cuo da dai dan dang dao de den deng di ' +
    'dia dian diao die ding diu dong dou du duan dui dun duo e ei en eng er fa fan fang fei fen feng fo fou fu ga gai gan gang gao ge gei gen geng ' +
    'gong gou gu gua guai guan guang gui gun guo ha hai han hang hao he hei hen heng hong hou hu hua huai huan huang hui hun huo ji jia jian ' +
    'jiang jiao jie jin jing jiong jiu ju juan jue jun ka kai kan kang kao ke kei ken keng kong kou ku kua kuai kuan kuang kui kun kuo la lai ' +
    'lan lang lao le lei leng li lia lian liang liao lie lin ling liu long lou lu luan lun luo lv lve ma mai man mang mao me mei men meng mi ' +
    'mian miao mie min ming miu mo mou mu na nai nan nang nao ne nei nen neng ni nian niang niao nie nin ning niu nong nou nu nuan nuo nv nve ' +
    'o ou pa pai pan pang pao pei pen peng pi pian piao pie pin ping po pou pu qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun ' +
    'ran rang rao re ren reng ri rong rou ru ruan rui run ruo sa sai san sang sao se sen seng sha shai shan shang shao she shen sheng shi shou ' +
    'shu shua shuai shuan shuang shui shun shuo si song sou su suan sui sun suo ta tai tan tang tao te teng ti tian tiao tie ting tong tou tu ' +
    'tuan tui tun tuo wa wai wan wang wei wen weng wo wu xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun ya yan yang yao ye yi ' +
    'yin ying yo yong you yu yuan yue yun za zai zan zang zao ze zei zen zeng zha zhai zhan zhang zhao zhe zhen zheng zhi zhong zhou zhu zhua ' +
    'zhuai zhuan zhuang zhui zhun zhuo zi zong zou zu zuan zui zun zuo'
  ).split(' '),
);

/** Every beginning of a syllable ("zh", "zhu", "zhua", …). */
const syllableStarts = new Set([...syllables].flatMap((s) => [...s].map((_, i) => s.slice(0, i + 1))));

/** Whole pinyin syllables at the start of `q`, longest first where that still reads the rest (as pinyin keyboards do). */
export function pinyinSyllables(q: string): string[] | undefined {
  // Positions from which the rest does not read: remembered, so that no query takes exponential time.
  const dead = new Set<number>();
  const read = (at: number): string[] | undefined => {
    if (at === q.length) return [];
    if (dead.has(at)) return undefined;
    for (let n = Math.min(6, q.length - at); n >= 1; n--) {
      const s = q.slice(at, at + n);
      if (!syllables.has(s)) continue;
      const rest = read(at + n);
      if (rest) return [s, ...rest];
    }
    dead.add(at);
    return undefined;
  };
  return /^[a-z]+$/.test(q) ? read(0) : undefined;
}

/** At most the first `n` characters (code points). */
const first = (s: string, n: number) => chars(s).slice(0, n).join('');

/**
 * How a query is looked up: one or more plans, tried in turn until one finds
 * something (each reads a bounded number of items); none when the query can
 * match nothing (one letter or digit, or nothing, after normalising).
 *
 * - Chinese, 1 or 2 characters: exact; longer: anchored on its first pair.
 * - Letters, digits and "-": exact first (up to four characters every pinyin,
 *   initials, SKU, Latin and English prefix of that length from a word's start
 *   is a term; so are two whole pinyin syllables, a whole SKU, an English
 *   word). Then, read as pinyin, anchored on its first two syllables (`xiyij`
 *   → `xiyi`) or on the initials of a syllable and the next one begun (`bingx`
 *   → `bx`); then on its first four characters (`phone` → `phon`); then, for
 *   initials of more than three characters, on the first three (`gtxyj`).
 * - Mixed: anchored on a Chinese pair in it, else on its longest Latin token.
 */
export function planQuery(raw: string): QueryPlan[] {
  const q = normalise(raw);
  if (!lookupable(q)) return [];
  const plans: QueryPlan[] = [];
  // A product under the query itself matches it, and its entry says how; under a shorter term it must be checked.
  const add = (term: string | undefined) => {
    if (term && lookupable(term) && !plans.some((p) => p.term === term)) plans.push({ q, term, verify: term !== q });
  };
  if (isHan(q)) add(first(q, 2));
  else if (/^[a-z0-9-]+$/.test(q)) {
    // As typed: every term of up to four letters is stored, whole pinyin pairs, whole SKUs and English words.
    add(q);
    // As pinyin: the first two syllables, or a syllable and the beginning of the next by their initials (bingx → bx).
    const read = pinyinSyllables(q);
    const head = read ?? readWithTail(q);
    if (head && head.length >= 2) add(head[0]! + head[1]!);
    else if (head?.length === 1 && q.length > head[0]!.length) add(head[0]![0]! + q[head[0]!.length]!);
    // As the beginning of a longer word or SKU: its first four characters (phone → phon).
    add(q.slice(0, 4));
    // As initials of more than three characters (gtxyj): the first three.
    if (!read && /^[a-z]{4,}$/.test(q)) add(q.slice(0, 3));
    // Joined by "-" (15-15-15): its longest token.
    if (q.includes('-')) add(longestToken(q)?.slice(0, 4));
  } else {
    // Mixed: a Chinese pair in it, or its longest Latin token.
    const pair = hanRuns(q).find((r) => chars(r).length >= 2);
    add(pair && first(pair, 2));
    add(longestToken(q)?.slice(0, 4));
  }
  return plans;
}

const longestToken = (q: string) => (q.match(/[a-z0-9]+/g) ?? []).sort((x, y) => y.length - x.length)[0];

/** Whole syllables, then the beginning of one (`xiyij` → xi, yi). */
function readWithTail(q: string): string[] | undefined {
  for (let cut = q.length - 1; cut >= 2; cut--) {
    const head = pinyinSyllables(q.slice(0, cut));
    const tail = q.slice(cut);
    if (head && syllableStarts.has(tail)) return head;
  }
  return undefined;
}
