import fc from 'fast-check';
import { pinyin } from 'pinyin-pro';
import { describe, expect, test } from 'vitest';
import {
  matchKind,
  matchKinds,
  maxTermsPerProduct,
  normalise,
  pinyinSyllables,
  planQuery,
  searchOrder,
  searchTerms,
  titlePinyin,
  type SearchDoc,
} from '#domain/search.ts';
import { keepSynonym, maxExpansions, queryTexts } from '#domain/synonyms.ts';
import { InputError } from '#shared/errors.ts';
import { demoProducts } from '#scripts/local/demo-data.ts';

// The same reading the store loads (shared/pinyin.ts), imported eagerly here.
const pinyinOf = (han: string) => pinyin(han, { toneType: 'none', type: 'array', v: true });
const doc = (title: string, titleEn?: string, sku = 'TEST-1'): SearchDoc => ({ sku, title, titleEn, pinyin: titlePinyin(title, pinyinOf) });
const termsOf = (d: SearchDoc) => new Map(searchTerms(d).map((t) => [t.term, t.kind]));

/** Whether `q` finds `d` through the first plan that finds it: exact plans by the term alone, anchored ones by the term and the check. */
function found(d: SearchDoc, q: string): boolean {
  const terms = termsOf(d);
  return planQuery(q).some((p) => terms.has(p.term) && (!p.verify || matchKind(d, p.q) !== undefined));
}

describe('pinyin in context (pinyin-pro)', () => {
  test('polyphones are read as the word wants: 重庆 chóng, 银行 háng, 长虹 cháng, 重量 zhòng, 行李 xíng', () => {
    expect(titlePinyin('重庆小面', pinyinOf)).toBe('chong qing xiao mian');
    expect(titlePinyin('中国银行 银行卡', pinyinOf)).toBe('zhong guo yin hang yin hang ka');
    expect(titlePinyin('长虹电视', pinyinOf)).toBe('chang hong dian shi');
    expect(titlePinyin('重量', pinyinOf)).toBe('zhong liang');
    expect(titlePinyin('行李箱', pinyinOf)).toBe('xing li xiang');
  });

  test('the terms carry the reading in context, never the other one', () => {
    const cq = termsOf(doc('重庆小面'));
    expect(cq.has('chongqing')).toBe(true);
    expect(cq.has('cq')).toBe(true);
    expect(cq.has('zhongqing')).toBe(false);
    expect(cq.has('zq')).toBe(false);
    const bank = termsOf(doc('银行卡'));
    expect(bank.has('yinhang')).toBe(true);
    expect(bank.has('yh')).toBe(true);
    expect(bank.has('hk')).toBe(true);
    expect(bank.has('yinxing')).toBe(false);
    expect(found(doc('中国银行 储蓄卡'), 'yinhang')).toBe(true);
    expect(found(doc('中国银行 储蓄卡'), 'yinxing')).toBe(false);
  });

  test('ü is typed v, as on pinyin keyboards', () => {
    expect(titlePinyin('绿茶', pinyinOf)).toBe('lv cha');
    expect(found(doc('绿茶 500克'), 'lvcha')).toBe(true);
    expect(normalise('LÜ')).toBe('lv');
  });
});

describe('terms', () => {
  const washer = doc('美的 8公斤 滚筒洗衣机', 'Midea 8 kg washing machine', 'WASHER-MD-8');

  test('every pair of Chinese characters, the pinyin and initials from each character, from where a word starts', () => {
    const t = termsOf(washer);
    for (const pair of ['美的', '公斤', '滚筒', '筒洗', '洗衣', '衣机']) expect(t.has(pair), pair).toBe(true);
    for (const p of ['meide', 'gongjin', 'guntong', 'tongxi', 'xiyi', 'yiji']) expect(t.has(p), p).toBe(true);
    for (const i of ['md', 'gj', 'gt', 'gtx', 'tx', 'txy', 'xy', 'xyj', 'yj']) expect(t.has(i), i).toBe(true);
    // A word's first pinyin letters (2–4), for a query typed letter by letter.
    for (const p of ['me', 'mei', 'meid', 'gu', 'gun', 'gunt']) expect(t.has(p), p).toBe(true);
    // Nothing across a space: 的8 or 斤滚 are not words.
    expect(t.has('斤滚')).toBe(false);
    // No single letters or digits; single Chinese characters only.
    expect([...t.keys()].every((term) => [...term].length >= 2 || /^\p{Script=Han}$/u.test(term))).toBe(true);
  });

  test('each Chinese character on its own, and its pinyin: a villager says 鞋 or 米, a partner types xie', () => {
    const shoes = termsOf(doc('老人健步鞋', 'Walking shoes for elders', 'SHOES-ELDER'));
    for (const c of ['老', '人', '健', '步', '鞋']) expect(shoes.has(c), c).toBe(true);
    for (const s of ['lao', 'ren', 'jian', 'bu', 'xie']) expect(shoes.has(s), s).toBe(true);
    expect(shoes.get('老')).toBe(matchKinds.starts);
    expect(shoes.get('鞋')).toBe(matchKinds.contains);
    expect(shoes.get('xie')).toBe(matchKinds.contains);
    const rice = doc('五常大米 10公斤', 'Wuchang rice, 10 kg', 'RICE-WCH-10');
    for (const q of ['米', 'mi', '大', '斤', 'jin']) expect(found(rice, q), q).toBe(true);
    for (const q of ['面', 'mian']) expect(found(rice, q), q).toBe(false);
    // One letter or digit is still nothing: every product would be a candidate.
    expect(termsOf(rice).has('1')).toBe(false);
  });

  test('the SKU by its prefixes, English words whole and by their prefixes, Latin tokens of the title', () => {
    const t = termsOf(washer);
    for (const s of ['wa', 'was', 'wash', 'washer-md-8']) expect(t.has(s), s).toBe(true);
    for (const w of ['midea', 'kg', 'washing', 'machine']) expect(t.has(w), w).toBe(true);
    // English prefixes come last: a short title keeps them.
    const fan = termsOf(doc('电风扇', 'Midea floor fan', 'FAN-MD-16'));
    for (const w of ['mi', 'mid', 'mide', 'flo', 'floo']) expect(fan.has(w), w).toBe(true);
    const phone = termsOf(doc('荣耀 X50 手机 8+256G', 'Honor X50 phone', 'PHONE-HONOR-X50'));
    for (const w of ['x50', '256g', 'x5', '25']) expect(phone.has(w), w).toBe(true);
  });

  test('each term says how it matches: the title starts with it, it is a whole word, or the title contains it', () => {
    const t = termsOf(washer);
    expect(t.get('美的')).toBe(matchKinds.starts);
    expect(t.get('md')).toBe(matchKinds.starts);
    expect(t.get('wash')).toBe(matchKinds.word); // the SKU begins with it: ranked as a whole word
    expect(t.get('washer-md-8')).toBe(matchKinds.starts); // the SKU itself
    expect(t.get('公斤')).toBe(matchKinds.word);
    expect(t.get('gj')).toBe(matchKinds.word);
    expect(t.get('machine')).toBe(matchKinds.word);
    expect(t.get('洗衣')).toBe(matchKinds.contains);
    expect(t.get('xyj')).toBe(matchKinds.contains);
    expect(termsOf(doc('洗衣机 家用'))?.get('xyj')).toBe(matchKinds.starts);
  });

  test('full-width letters and digits are read as ASCII (NFKC), upper case as lower', () => {
    const wide = doc('ＴＣＬ　５５英寸　电视', 'ＴＣＬ ５５" TV');
    const t = termsOf(wide);
    expect(t.has('tcl')).toBe(true);
    expect(t.has('55')).toBe(true);
    expect(t.has('电视')).toBe(true);
    expect(found(wide, 'ＴＣＬ')).toBe(true);
    expect(found(wide, '５５英寸')).toBe(true);
    expect(normalise(' Ａ Ｂ１ ')).toBe('ab1');
  });

  test('mixed Chinese, digits and Latin', () => {
    const rice = doc('五常大米 10公斤', 'Wuchang rice, 10 kg', 'RICE-WCH-10');
    expect(found(rice, '大米')).toBe(true);
    expect(found(rice, '10公斤')).toBe(true);
    expect(found(rice, '大米 10')).toBe(true);
    expect(found(rice, 'wcdm')).toBe(true);
    expect(found(rice, 'dami')).toBe(true);
    expect(found(rice, 'rice-w')).toBe(true);
    expect(found(rice, '11公斤')).toBe(false);
    const fert = doc('复合肥 15-15-15 50公斤', 'NPK fertiliser 15-15-15, 50 kg', 'FERT-NPK-50');
    expect(found(fert, '15-15-15')).toBe(true);
    expect(found(fert, 'fert-npk')).toBe(true);
    expect(found(fert, 'fertil')).toBe(true);
  });

  test('at most 48 terms, whatever the title; the words it starts with are kept first', () => {
    const long = doc('海尔 滚筒洗衣机 10公斤 变频 家用全自动 大容量 除菌 节能 静音 官方旗舰 正品保障 送货上门 以旧换新', 'Haier front-loading washing machine');
    const terms = searchTerms(long);
    expect(terms).toHaveLength(maxTermsPerProduct);
    const t = new Map(terms.map((x) => [x.term, x.kind]));
    expect(t.has('海尔')).toBe(true);
    expect(t.has('haier')).toBe(true);
    // The title word by word: brand, product and size before the marketing words at the end.
    for (const term of ['洗衣', 'xiyi', 'xyj', '公斤', 'bp']) expect(t.has(term), term).toBe(true);
    expect(t.has('以旧')).toBe(false);
    // The SKU and English words come first.
    for (const term of ['test-1', 'haier', 'washing', 'machine']) expect(t.has(term), term).toBe(true);
    for (const title of demoProducts.map((p) => p.title)) expect(searchTerms(doc(title)).length).toBeLessThanOrEqual(maxTermsPerProduct);
  });

  test('the order of equal matches is the title as read: Chinese characters by pinyin', () => {
    expect(searchOrder(doc('冰箱 A'))).toBe('bing xiang a');
    const titles = ['洗衣机', '冰箱', '电视', '空调'];
    const sorted = [...titles].sort((a, b) => searchOrder(doc(a)).localeCompare(searchOrder(doc(b))));
    expect(sorted).toEqual(['冰箱', '电视', '空调', '洗衣机']);
  });
});

describe('queries', () => {
  test('partners type pinyin: whole (xiyiji), by initials (xyj), or begun (xiyij, xiy); brands and words too', () => {
    const washer = doc('美的 8公斤 滚筒洗衣机', 'Midea 8 kg washing machine', 'WASHER-MD-8');
    for (const q of [
      'xiyiji',
      'xyj',
      'xiyij',
      'xiy',
      'XYJ',
      'gtxyj',
      'guntongxiyiji',
      'meide',
      'md',
      '洗衣机',
      '滚筒洗衣机',
      '美的 8公斤',
      'midea',
      'washing machine',
      'machine',
      'WASHER-MD',
      'wash',
    ])
      expect(found(washer, q), q).toBe(true);
    for (const q of ['xyjx', 'bingxiang', '冰箱', 'phone', '洗衣粉', 'x', '美的滚筒']) expect(found(washer, q), q).toBe(false);
  });

  test('a query is normalised: NFKC, lower case, no spaces', () => {
    expect(planQuery(' Ｘ Ｙ Ｊ ')).toEqual([{ q: 'xyj', term: 'xyj', verify: false }]);
    expect(planQuery('XiYiJi').map((p) => p.term)).toEqual(['xiyiji', 'xiyi']);
    expect(planQuery('洗衣机')).toEqual([{ q: '洗衣机', term: '洗衣', verify: true }]);
  });

  test('one letter or digit, or nothing to look up by, plans nothing; one Chinese character is looked up as it is', () => {
    for (const q of ['x', '1', ' ', '!!', '。。', '\u200b']) expect(planQuery(q), q).toEqual([]);
    expect(planQuery(' 米 ')).toEqual([{ q: '米', term: '米', verify: false }]);
    expect(planQuery('xie')).toEqual([{ q: 'xie', term: 'xie', verify: false }]);
  });

  test('pinyin is read as keyboards read it, longest syllable first where the rest still reads', () => {
    expect(pinyinSyllables('xiyiji')).toEqual(['xi', 'yi', 'ji']);
    expect(pinyinSyllables('changan')).toEqual(['chang', 'an']);
    expect(pinyinSyllables('dianbingxiang')).toEqual(['dian', 'bing', 'xiang']);
    expect(pinyinSyllables('xyj')).toBeUndefined();
    // A long string that does not read is refused quickly (no exponential backtracking).
    const t = performance.now();
    expect(pinyinSyllables(`${'anananan'.repeat(7)}q`)).toBeUndefined();
    expect(performance.now() - t).toBeLessThan(100);
  });

  test('any text up to the limit plans at most four reads of terms a product can hold, and never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (q) => {
        const plans = planQuery(q);
        expect(plans.length).toBeLessThanOrEqual(4);
        for (const p of plans) {
          expect([...p.term].length >= 2 || /^\p{Script=Han}$/u.test(p.term), p.term).toBe(true);
          expect(Buffer.byteLength(`SEARCH#${p.term}`)).toBeLessThan(2048);
        }
      }),
      { numRuns: 500, seed: 15 },
    );
  });

  test('whatever a title holds, every word of it finds the product (round trip through terms and plans)', () => {
    const word = fc.oneof(
      fc.constantFrom('洗衣机', '冰箱', '电视', '重庆', '银行卡', '大米', '手机', '空调', '化肥', '老人机', '太阳能热水器'),
      fc.stringMatching(/^[a-z][a-z0-9]{1,7}$/),
    );
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 4 }), fc.nat(3), (words, pick) => {
        const d = doc(words.join(' '));
        const w = words[pick % words.length]!;
        expect(found(d, w), `${w} in ${d.title}`).toBe(true);
      }),
      { numRuns: 300, seed: 15 },
    );
  });

  test('every demo product is found by each Chinese character of its title', () => {
    for (const p of demoProducts) {
      const d = doc(p.title, p.titleEn, p.sku);
      for (const c of p.title.match(/\p{Script=Han}/gu) ?? []) expect(found(d, c), `${c} in ${p.title}`).toBe(true);
    }
  });

  test('every demo product is found by its title, its SKU and the initials of its first word', () => {
    for (const p of demoProducts) {
      const d = doc(p.title, p.titleEn, p.sku);
      expect(found(d, p.title), p.title).toBe(true);
      expect(found(d, p.sku), p.sku).toBe(true);
      const firstWord = p.title.split(' ')[0]!;
      const read = titlePinyin(firstWord, pinyinOf).split(' ');
      if (/^\p{Script=Han}{2,3}$/u.test(firstWord)) expect(found(d, read.map((s) => s[0]).join('')), `${p.title} ${read}`).toBe(true);
    }
  });
});

describe('synonyms', () => {
  test('ops keep a word and what it expands to, normalised as queries are; a query reads itself first, then each', () => {
    const at = new Date('2026-11-20T02:00:00Z');
    const kept = keepSynonym(' 化肥 ', ['复合肥', ' 尿素', 'ＮＰＫ'], undefined, at);
    expect(kept).toEqual({ word: '化肥', expandsTo: ['复合肥', '尿素', 'npk'], createdAt: at.toISOString(), updatedAt: at.toISOString() });
    expect(queryTexts('化肥', kept)).toEqual(['化肥', '复合肥', '尿素', 'npk']);
    expect(queryTexts('化肥', undefined)).toEqual(['化肥']);
    const later = keepSynonym('化肥', ['尿素'], kept, new Date('2026-11-21T02:00:00Z'));
    expect(later.createdAt).toBe(kept.createdAt);
  });

  test('a word or an expansion a search cannot look up, the word itself, or one twice: each named', () => {
    const refused = (() => {
      try {
        keepSynonym('x', ['y', '化肥', '尿素', '尿素'], undefined, new Date());
      } catch (error) {
        return error as InputError;
      }
    })()!;
    expect(refused).toBeInstanceOf(InputError);
    expect(refused.errors!.map((e) => [e.path, e.message.key])).toEqual([
      ['path.word', 'field.searchWord'],
      ['body.expandsTo.0', 'field.searchWord'],
      ['body.expandsTo.3', 'field.synonymRepeated'],
    ]);
    expect(() => keepSynonym('化肥', ['化 肥'], undefined, new Date())).toThrow(InputError);
    expect(queryTexts('q', { word: 'q', expandsTo: ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7'], createdAt: '', updatedAt: '' })).toHaveLength(1 + maxExpansions);
  });
});
