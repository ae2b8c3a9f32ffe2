import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { maxTermsPerProduct } from '#domain/search.ts';
import * as productStore from '#store/products.ts';
import { useApi } from '../support/api.ts';
import { expectOk, productInput } from '../support/fixture.ts';
import { allItems } from '../support/table.ts';
import { demoProducts, demoSynonyms } from '#scripts/local/demo-data.ts';

/** docs/rules.md "Catalogue search", through the API against DynamoDB Local (this file's own table, so only these products). */
const api = useApi();
const station = 'st_7D3M0000000000000000000001';
let ops: string;
let partner: string;
let kiosk: string;

const put = (sku: string, title: string, more: Record<string, unknown> = {}) =>
  expectOk(api.call('PUT', `/v1/products/${sku}`, { token: ops, body: productInput({ title, titleEn: undefined, category: 'appliances', ...more }) }), 201);
const search = async (query: string, token = partner) => {
  const page = await expectOk(api.call('GET', `/v1/products?${query}`, { token }));
  return { skus: page.items.map((p: { sku: string }) => p.sku) as string[], next: page.next as string | undefined, items: page.items };
};
const skus = async (q: string) => (await search(`q=${encodeURIComponent(q)}`)).skus;

beforeAll(async () => {
  ops = await api.token('ops', undefined, 'ops-search');
  partner = await api.token('partner', station, 'partner-search');
  kiosk = await api.token('kiosk', station, 'kiosk-search');
  await put('WM-A', '洗衣机 家用 8公斤');
  await put('WM-B', '美的 滚筒洗衣机', { titleEn: 'Midea front-loading washing machine' });
  await put('WM-C', '小天鹅 洗衣机');
  await put('BX-D', '海尔 三门冰箱', { titleEn: 'Haier fridge' });
  await put('CQ-E', '重庆小面 5袋', { category: 'groceries' });
  await put('BANK-F', '银行卡套 10个', { category: 'household' });
  await put('PHONE-G', '荣耀 X50 手机 8+256G', { titleEn: 'Honor X50 phone', category: 'phones' });
});

describe('each kind of match, best first', () => {
  test('Chinese: a pair, or more; the title that starts with it, then the whole word, then the one that contains it', async () => {
    expect(await skus('洗衣机')).toEqual(['WM-A', 'WM-C', 'WM-B']);
    expect(await skus('洗衣')).toEqual(['WM-A', 'WM-B', 'WM-C']); // a title that starts with it, then titles that contain it (by pinyin)
    expect(await skus('滚筒洗衣机')).toEqual(['WM-B']);
    expect(await skus('冰箱')).toEqual(['BX-D']);
    expect(await skus('海尔冰箱')).toEqual([]); // 三门 stands between
    expect(await skus('海尔 三门冰箱')).toEqual(['BX-D']);
  });

  test('pinyin in full, begun, and by initials, ranked the same way', async () => {
    expect(await skus('xiyiji')).toEqual(['WM-A', 'WM-C', 'WM-B']);
    expect(await skus('XiYiJi')).toEqual(['WM-A', 'WM-C', 'WM-B']);
    expect(await skus('xyj')).toEqual(['WM-A', 'WM-C', 'WM-B']);
    // Pinyin begun is never a whole word: after the title that starts with it, titles that contain it, by title.
    expect(await skus('xiyij')).toEqual(['WM-A', 'WM-B', 'WM-C']);
    expect(await skus('gtxyj')).toEqual(['WM-B']);
    expect(await skus('bingxiang')).toEqual(['BX-D']);
    expect(await skus('smbx')).toEqual(['BX-D']);
    expect(await skus('haier')).toEqual(['BX-D']);
  });

  test('polyphones as read in context: 重庆 chóng, 银行 háng', async () => {
    expect(await skus('chongqing')).toEqual(['CQ-E']);
    expect(await skus('cqxm')).toEqual(['CQ-E']);
    expect(await skus('zhongqing')).toEqual([]);
    expect(await skus('yinhang')).toEqual(['BANK-F']);
    expect(await skus('yinxing')).toEqual([]);
  });

  test('English words of titleEn, whole or begun; Latin tokens and mixed text of the title; full-width letters', async () => {
    expect(await skus('washing')).toEqual(['WM-B']);
    expect(await skus('machine')).toEqual(['WM-B']);
    expect(await skus('fridge')).toEqual(['BX-D']);
    expect(await skus('Frid')).toEqual(['BX-D']); // English words begun, while the title leaves room for them
    expect(await skus('x50')).toEqual(['PHONE-G']);
    expect(await skus('Ｘ５０')).toEqual(['PHONE-G']);
    expect(await skus('x50手机')).toEqual(['PHONE-G']);
    expect(await skus('8公斤')).toEqual(['WM-A']);
    expect(await skus('256g')).toEqual(['PHONE-G']);
  });

  test('SKU prefixes', async () => {
    expect(await skus('WM-')).toEqual(['WM-B', 'WM-A', 'WM-C']); // all alike, then by title as read: mei de, xi yi ji, xiao tian e
    expect(await skus('wm-b')).toEqual(['WM-B']);
    // A SKU that begins with the query ranks as a whole word, after titles that start with it.
    await put('XYJ-K', '烘干机');
    expect(await skus('xyj')).toEqual(['WM-A', 'XYJ-K', 'WM-C', 'WM-B']); // XYJ-K and WM-C alike: by title as read (hong gan ji, xiao tian e)
    await productStore.remove('XYJ-K');
    expect(await skus('PHONE-G')).toEqual(['PHONE-G']);
    expect(await skus('phone-')).toEqual(['PHONE-G']);
  });

  test('nothing found is an empty page; one letter finds nothing rather than everything', async () => {
    expect(await search('q=xyjq')).toEqual({ skus: [], next: undefined, items: [] });
    expect(await skus('米')).toEqual([]);
    expect(await skus('x')).toEqual([]);
    expect(await skus('8')).toEqual([]);
  });

  test('a search within a category', async () => {
    expect((await search(`q=${encodeURIComponent('小面')}&category=groceries`)).skus).toEqual(['CQ-E']);
    expect((await search(`q=${encodeURIComponent('小面')}&category=appliances`)).skus).toEqual([]);
    expect((await search('q=xyj&category=appliances')).skus).toEqual(['WM-A', 'WM-C', 'WM-B']);
  });

  test('partners and the kiosk see the saving and never the cost, in search results too', async () => {
    const [asKiosk] = (await search('q=xyj', kiosk)).items;
    expect(asKiosk.merchantCostFen).toBeUndefined();
    expect(asKiosk.savingFen).toBe(60000);
    const [asOps] = (await search('q=xyj', ops)).items;
    expect(asOps.merchantCostFen).toBe(370000);
  });
});

describe('as villagers say things: one character, one syllable, and the synonyms ops keep (SPEC §3)', () => {
  const demo = ['SHOES-ELDER', 'RICE-WCH-10', 'OIL-PEANUT-5', 'QUILT-COTTON-6', 'FERT-NPK-50', 'FERT-UREA-40', 'RICECOOKER-MD-4', 'JACKET-DOWN', 'SEED-RICE-1'];
  beforeAll(async () => {
    for (const p of demoProducts.filter((x) => demo.includes(x.sku))) {
      const { sku, createdAt: _c, updatedAt: _u, ...input } = p;
      await expectOk(api.call('PUT', `/v1/products/${sku}`, { token: ops, body: input }), 201);
    }
    for (const { word, expandsTo } of demoSynonyms) {
      await expectOk(api.call('PUT', `/v1/search-synonyms/${encodeURIComponent(word)}`, { token: ops, body: { expandsTo } }), 201);
    }
  });

  test('one Chinese character finds every title holding it, those that start with it first', async () => {
    expect(await skus('鞋')).toEqual(['SHOES-ELDER']);
    expect(await skus('米')).toEqual(['RICE-WCH-10']);
    expect(await skus('油')).toEqual(['OIL-PEANUT-5']);
    expect(await skus('被')).toEqual(['QUILT-COTTON-6']);
    expect(await skus('肥')).toEqual(['FERT-NPK-50']);
    // 种子 and 稻 as words: 水稻种子 holds 种 and 稻; a title that starts with the character comes first.
    expect(await skus('杂')).toEqual(['SEED-RICE-1']);
    await put('SOAP-S', '肥皂 4块', { category: 'household' });
    expect(await skus('肥')).toEqual(['SOAP-S', 'FERT-NPK-50']);
    await productStore.remove('SOAP-S');
  });

  test('one pinyin syllable finds the titles with a character read so', async () => {
    expect(await skus('xie')).toEqual(['SHOES-ELDER']);
    expect(await skus('mi')).toContain('RICE-WCH-10'); // and Midea's products, by their English name begun
    expect(await skus('you')).toEqual(['OIL-PEANUT-5']);
    expect(await skus('fei')).toEqual(['FERT-NPK-50']);
  });

  test('a word ops gave synonyms finds what they expand to, in their order, each product once', async () => {
    expect(await skus('化肥')).toEqual(['FERT-NPK-50', 'FERT-UREA-40']);
    expect(await skus('电饭锅')).toEqual(['RICECOOKER-MD-4']);
    expect(await skus('衣服')).toEqual(['JACKET-DOWN']);
    // The query's own matches first: 复合肥 has 肥, and is not shown twice.
    await expectOk(api.call('PUT', `/v1/search-synonyms/${encodeURIComponent('肥')}`, { token: ops, body: { expandsTo: ['复合肥', '尿素'] } }), 201);
    expect(await skus('肥')).toEqual(['FERT-NPK-50', 'FERT-UREA-40']);
    expect(await skus('fei')).toEqual(['FERT-NPK-50']);
    expect((await api.call('DELETE', `/v1/search-synonyms/${encodeURIComponent('肥')}`, { token: ops })).status).toBe(204);
    expect(await skus('肥')).toEqual(['FERT-NPK-50']);
  });

  test('the synonyms are listed for ops, normalised as queries are; a wrong one is refused naming the field', async () => {
    const listed = await expectOk(api.call('GET', '/v1/search-synonyms', { token: ops }));
    expect(listed.items.map((x: { word: string; expandsTo: string[] }) => [x.word, x.expandsTo])).toEqual(
      expect.arrayContaining([
        ['化肥', ['复合肥', '尿素']],
        ['电饭锅', ['电饭煲']],
      ]),
    );
    const changed = await expectOk(
      api.call('PUT', `/v1/search-synonyms/${encodeURIComponent('衣服')}`, { token: ops, body: { expandsTo: [' 上衣', '外套', '羽绒服', 'ＰＯＬＯ'] } }),
    );
    expect(changed.expandsTo).toEqual(['上衣', '外套', '羽绒服', 'polo']);
    const wrong = await api.call('PUT', `/v1/search-synonyms/${encodeURIComponent('衣服')}`, { token: ops, body: { expandsTo: ['衣服', 'x'] } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.expandsTo.0', 'body.expandsTo.1']);
    expect((await api.call('PUT', `/v1/search-synonyms/${encodeURIComponent('衣服')}`, { token: partner, body: { expandsTo: ['上衣'] } })).status).toBe(403);
  });

  test('a query with synonyms pages through its own matches, then each expansion’s, without repeats or gaps', async () => {
    await expectOk(api.call('PUT', `/v1/search-synonyms/${encodeURIComponent('衣服')}`, { token: ops, body: { expandsTo: ['上衣', '外套', '羽绒服'] } }));
    for (let i = 0; i < 5; i++) {
      await put(`PANTS-${i}`, `外套 长款 ${i}号`, { category: 'clothing' });
      await put(`SHIRT-${i}`, `上衣 短袖 ${i}号`, { category: 'clothing' });
    }
    await put('CLOTHES-0', '衣服 收纳袋', { category: 'household' });
    const all: string[] = [];
    let next: string | undefined;
    let pages = 0;
    do {
      const page = await search(`q=${encodeURIComponent('衣服')}&limit=3${next ? `&next=${next}` : ''}`);
      all.push(...page.skus);
      next = page.next;
      pages++;
    } while (next);
    expect(all).toEqual(['CLOTHES-0', ...[0, 1, 2, 3, 4].map((i) => `SHIRT-${i}`), ...[0, 1, 2, 3, 4].map((i) => `PANTS-${i}`), 'JACKET-DOWN']);
    expect(pages).toBe(4);
    // A cursor of an expansion is refused by a search that has no such expansion.
    const { next: into } = await search(`q=${encodeURIComponent('衣服')}&limit=3`);
    const { next: deeper } = await search(`q=${encodeURIComponent('衣服')}&limit=3&next=${into}`);
    expect((await api.call('GET', `/v1/products?q=${encodeURIComponent('上衣')}&next=${deeper}`, { token: partner })).status).toBe(400);
  });
});

describe('the index follows the product, in the same transaction', () => {
  const entriesOf = async (sku: string) =>
    (await allItems())
      .filter((i) => i.type === 'search' && i.sku === sku)
      .map((i) => String(i.pk).replace('SEARCH#', ''))
      .sort();

  test('a PUT writes one entry per term, never more than 48, and the product lists them', async () => {
    const product = (await allItems()).find((i) => i.type === 'product' && i.sku === 'WM-B')!;
    const terms = (product.searchTerms as string[]).map((t) => t.slice(1)).sort();
    expect(await entriesOf('WM-B')).toEqual(terms);
    expect(terms.length).toBeGreaterThan(10);
    expect(terms.length).toBeLessThanOrEqual(maxTermsPerProduct);
  });

  test('changing the title moves the product to its new terms and leaves nothing behind; changing the price shows in results', async () => {
    await put('RENAME-H', '电饭煲 4升');
    expect(await skus('dfb')).toContain('RENAME-H');
    const renamed = await expectOk(
      api.call('PUT', '/v1/products/RENAME-H', { token: ops, body: productInput({ title: '电压力锅 5升', titleEn: undefined, onlinePriceFen: 12345 }) }),
    );
    expect(renamed.title).toBe('电压力锅 5升');
    expect(await skus('dfb')).not.toContain('RENAME-H');
    expect(await skus('电饭煲')).not.toContain('RENAME-H');
    expect(await skus('dylg')).toEqual(['RENAME-H']);
    const [found] = (await search('q=dylg')).items;
    expect(found.onlinePriceFen).toBe(12345);
    const product = (await allItems()).find((i) => i.type === 'product' && i.sku === 'RENAME-H')!;
    expect(await entriesOf('RENAME-H')).toEqual((product.searchTerms as string[]).map((t) => t.slice(1)).sort());
  });

  test('racing writers of one product leave exactly the last one’s entries', async () => {
    await put('RACE-I', '电风扇 落地');
    await Promise.all(
      ['电热毯 双人', '电暖器 家用', '电水壶 1.7升', '电蚊拍'].map((title) =>
        expectOk(api.call('PUT', '/v1/products/RACE-I', { token: ops, body: productInput({ title, titleEn: undefined }) })),
      ),
    );
    const product = (await allItems()).find((i) => i.type === 'product' && i.sku === 'RACE-I')!;
    expect(await entriesOf('RACE-I')).toEqual((product.searchTerms as string[]).map((t) => t.slice(1)).sort());
    expect(await skus(String(product.title).split(' ')[0]!)).toEqual(['RACE-I']);
  });

  test('deleting a product deletes its entries with it (the store’s remove, for ops tools and the import)', async () => {
    await put('GONE-J', '收音机 插卡');
    expect(await skus('syj')).toEqual(['GONE-J']);
    await productStore.remove('GONE-J');
    expect(await entriesOf('GONE-J')).toEqual([]);
    expect(await skus('syj')).toEqual([]);
    await expect(productStore.remove('GONE-J')).rejects.toThrow(/not found/);
  });
});

describe('paging', () => {
  beforeAll(async () => {
    // 30 televisions: 10 whose title starts with 电视, 10 with it as a word, 10 that contain it.
    for (let i = 0; i < 10; i++) {
      const n = String(i).padStart(2, '0');
      await put(`TV-S${n}`, `电视 ${n}号`, { category: 'electronics' });
      await put(`TV-W${n}`, `海信 电视 ${n}号`, { category: 'electronics' });
      await put(`TV-C${n}`, `智能电视 ${n}号`, { category: i % 2 ? 'electronics' : 'baby' });
    }
  });

  test('pages of a search follow the ranking without repeats or gaps, with an opaque cursor', async () => {
    for (const q of ['电视', 'dianshi', 'ds']) {
      const all: string[] = [];
      let next: string | undefined;
      let pages = 0;
      do {
        const page = await search(`q=${q}&limit=7${next ? `&next=${next}` : ''}`);
        expect(page.skus.length).toBeLessThanOrEqual(7);
        all.push(...page.skus);
        next = page.next;
        pages++;
      } while (next);
      expect(pages, q).toBeGreaterThanOrEqual(5);
      const expected = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => String(i).padStart(2, '0'));
      expect(
        all.filter((s) => s.startsWith('TV-')),
        q,
      ).toEqual([...expected.map((n) => `TV-S${n}`), ...expected.map((n) => `TV-W${n}`), ...expected.map((n) => `TV-C${n}`)]);
    }
  });

  test('a search and a category together page through the matches of that category', async () => {
    const all: string[] = [];
    let next: string | undefined;
    do {
      const page = await search(`q=${encodeURIComponent('智能电视')}&category=baby&limit=2${next ? `&next=${next}` : ''}`);
      all.push(...page.skus);
      next = page.next;
    } while (next);
    expect(all).toEqual(['TV-C00', 'TV-C02', 'TV-C04', 'TV-C06', 'TV-C08']);
  });

  test('a category pages through all its products (the kiosk shows 24 at a time)', async () => {
    const all: string[] = [];
    let next: string | undefined;
    let pages = 0;
    do {
      const page = await search(`category=electronics&limit=24${next ? `&next=${next}` : ''}`, kiosk);
      all.push(...page.skus);
      next = page.next;
      pages++;
    } while (next);
    expect(pages).toBe(2);
    expect(all).toHaveLength(25);
    expect(new Set(all).size).toBe(25);
  });

  test('a cursor from another search, another list or made up is refused (400), never followed', async () => {
    const { next } = await search('q=dianshi&limit=3');
    expect(next).toBeDefined();
    const foreign = await api.call('GET', `/v1/products?q=bingxiang&next=${next}`, { token: partner });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors).toMatchObject([{ path: 'query.next', message: expect.stringMatching(/cursor/) }]);
    const { next: listing } = await search('category=electronics&limit=3');
    expect((await api.call('GET', `/v1/products?q=dianshi&next=${listing}`, { token: partner })).status).toBe(400);
    const forged = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');
    for (const cursor of [
      forged({ pk: 'SEARCH#dianshi', sk: 'x'.repeat(1500) }),
      forged({ pk: 'SEARCH#dianshi', sk: '0#', collectionPk: 'PRODUCTS' }),
      forged({ pk: 'SEARCH#dianshi' }),
      forged({ pk: 'PRODUCT#TV-S00', sk: 'PRODUCT' }),
      'not-a-cursor',
    ]) {
      const answer = await api.call('GET', `/v1/products?q=dianshi&next=${cursor}`, { token: partner });
      expect(answer.status, cursor).toBe(400);
    }
    // A cursor in the right partition only moves the start: it can never reach other items.
    const moved = await search(`q=dianshi&next=${forged({ pk: 'SEARCH#dianshi', sk: '2#' })}`);
    expect(moved.skus.every((s) => s.startsWith('TV-C'))).toBe(true);
  });
});

test('any query text (any Unicode, any length up to the limit) is answered 200 or 400, never 500', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(
        fc.string({ unit: 'grapheme', maxLength: 60 }),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }),
        fc.stringMatching(/^[a-z]{1,60}$/),
        fc.constantFrom('洗衣机', 'xyj', 'a'.repeat(60), 'an'.repeat(30), '电'.repeat(60), ' ', '%', '\u0000', '\u{1F600}'.repeat(30)),
      ),
      fc.option(fc.constantFrom('appliances', 'baby')),
      async (q, category) => {
        const query = new URLSearchParams({ q, ...(category ? { category } : {}) });
        const answer = await api.call('GET', `/v1/products?${query}`, { token: partner });
        expect([200, 400], JSON.stringify({ q, answer: answer.body })).toContain(answer.status);
        if (answer.status === 400) expect(answer.body.errors.map((e: { path: string }) => e.path)).toEqual(['query.q']);
      },
    ),
    { numRuns: 80, seed: 15 },
  );
});
