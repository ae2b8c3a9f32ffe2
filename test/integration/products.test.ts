import { beforeAll, expect, test } from 'vitest';
import { useApi } from '../support/api.ts';
import { buildFixture, expectOk, productInput, unique, type Fixture } from '../support/fixture.ts';

const api = useApi();
let f: Fixture;
beforeAll(async () => {
  f = await buildFixture(api);
});

test('PUT creates (201) then replaces (200), keeping when it was first created', async () => {
  const sku = unique('RICE-').toUpperCase();
  const created = await expectOk(
    api.call('PUT', `/v1/products/${sku}`, { token: f.ops, body: productInput({ title: '五常大米 10公斤', category: 'groceries' }) }),
    201,
  );
  const replaced = await expectOk(
    api.call('PUT', `/v1/products/${sku}`, { token: f.ops, body: productInput({ title: '五常大米 10公斤', category: 'groceries', onlinePriceFen: 8990 }) }),
  );
  expect(replaced.onlinePriceFen).toBe(8990);
  expect(replaced.createdAt).toBe(created.createdAt);
});

test('partners and the kiosk see the saving, never the merchant cost; ops see the cost', async () => {
  const asKiosk = await expectOk(api.call('GET', `/v1/products/${f.sku}`, { token: f.kioskA }));
  expect(asKiosk.merchantCostFen).toBeUndefined();
  expect(asKiosk.savingFen).toBe(60000);
  const asOps = await expectOk(api.call('GET', `/v1/products/${f.sku}`, { token: f.ops }));
  expect(asOps.merchantCostFen).toBe(370000);
});

test('search by text and by category, paged by title without repeats', async () => {
  const tag = unique('Zq').toLowerCase();
  for (const [i, category] of (['health', 'health', 'health', 'baby'] as const).entries()) {
    await expectOk(
      api.call('PUT', `/v1/products/${tag.toUpperCase()}-${i}`, {
        token: f.ops,
        body: productInput({ title: `血压计 ${tag} ${i}`, titleEn: undefined, category }),
      }),
      201,
    );
  }
  const all: string[] = [];
  let next: string | undefined;
  do {
    const page = await expectOk(api.call('GET', `/v1/products?q=${tag}&category=health&limit=2${next ? `&next=${next}` : ''}`, { token: f.partnerA }));
    all.push(...page.items.map((p: { sku: string }) => p.sku));
    next = page.next;
  } while (next);
  expect(all).toEqual([0, 1, 2].map((i) => `${tag.toUpperCase()}-${i}`));
  const any = await expectOk(api.call('GET', `/v1/products?q=${tag.toUpperCase()}`, { token: f.partnerA }));
  expect(any.items).toHaveLength(4);
  const none = await expectOk(api.call('GET', `/v1/products?q=${tag}xyz`, { token: f.partnerA }));
  expect(none).toEqual({ items: [] });
});

test('only ops change the catalogue', async () => {
  for (const token of [f.partnerA, f.kioskA]) {
    const answer = await api.call('PUT', `/v1/products/${f.sku}`, { token, body: productInput() });
    expect(answer.status).toBe(403);
    expect(answer.headers.get('content-type')).toBe('application/problem+json');
  }
});
