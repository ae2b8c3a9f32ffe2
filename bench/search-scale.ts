import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { routeTable } from '#functions/registry.ts';
import type { Product } from '#domain/product.ts';
import type { PinyinOf } from '#domain/search.ts';
import { loadPinyin } from '#shared/pinyin.ts';
import { db, tableName } from '#store/db.ts';
import { productWrites } from '#store/products.ts';
import * as synonymStore from '#store/synonyms.ts';
import { keepSynonym } from '#domain/synonyms.ts';
import { demoProducts } from '../scripts/local/demo-data.ts';
import { toHttpApiEvent } from '../scripts/local/event.ts';
import { handlerFor, lambdaContext } from '../scripts/local/handlers.ts';
import { verifyToken } from '../scripts/local/tokens.ts';
import { productionBundles, type Bundle } from './bundles.ts';
import { importOnce, median } from './cold-start.ts';
import type { LocalStack } from './local-stack.ts';

const round2 = (x: number) => Math.round(x * 100) / 100;

/** A catalogue product as a bench loads it (what ops would PUT). */
const product = (sku: string, title: string): Product => ({
  sku,
  title,
  category: 'appliances',
  onlinePriceFen: 159_900,
  localStorePriceFen: 189_900,
  merchantCostFen: 149_000,
  weightGrams: 65_000,
  needsInstallation: false,
  returnWindowDays: 7,
  warrantyDays: 365,
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
});

/**
 * Loads `count` products with exactly the items a PUT writes for them (the
 * store's `productWrites`: the product item and one item per search term),
 * 25 items per BatchWriteItem so that 100,000 products load in minutes rather
 * than as 100,000 transactions.
 */
async function loadProducts(count: number, skuPrefix: string, title: string, pinyinOf: PinyinOf): Promise<number> {
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const { transactItems } = productWrites(product(`${skuPrefix}${i.toString(36).toUpperCase().padStart(4, '0')}`, title), undefined, pinyinOf);
    for (const w of transactItems) if ('Put' in w && w.Put) items.push(w.Put.Item);
  }
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  const worker = async () => {
    for (let batch = batches.pop(); batch; batch = batches.pop()) {
      let pending = batch.map((Item) => ({ PutRequest: { Item } }));
      while (pending.length) {
        const out = await db().send(new BatchWriteCommand({ RequestItems: { [tableName()]: pending } }));
        pending = (out.UnprocessedItems?.[tableName()] ?? []) as typeof pending;
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return items.length;
}

let scanned: number[] | undefined;
/** Sums the items each DynamoDB Query of a piece of work read (its ScannedCount). */
async function itemsRead(run: () => Promise<unknown>): Promise<number> {
  if (!scanned) {
    scanned = [];
    db().middlewareStack.add(
      (next, context) => async (args) => {
        const out = await next(args);
        if (context.commandName === 'QueryCommand') scanned?.push(Number((out.output as { ScannedCount?: number }).ScannedCount ?? 0));
        return out;
      },
      { step: 'initialize', name: 'benchItemsRead' },
    );
  }
  scanned.length = 0;
  await run();
  return scanned.reduce((a, b) => a + b, 0);
}

export interface SearchQueryScale {
  shape: string;
  smallQuery: string;
  largeQuery: string;
  smallP50Ms: number;
  largeP50Ms: number;
  ratio: number;
  smallItemsRead: number;
  largeItemsRead: number;
  found: number;
}

export interface SearchWrites {
  products: number;
  /** Items in the TransactWriteItems of a PUT of a new product (the product and one entry per term). */
  newMin: number;
  newMedian: number;
  newMax: number;
  /** The same, when a product's title changes to another's (entries no longer wanted deleted too). */
  changeMedian: number;
  changeMax: number;
  /** DynamoDB's limit for one TransactWriteItems. */
  limit: number;
}

export interface SearchScale {
  smallProducts: number;
  largeProducts: number;
  itemsLoaded: number;
  loadSeconds: number;
  pageSize: number;
  queries: SearchQueryScale[];
  writes: SearchWrites;
}

/** Items in the one transaction of each demo product's PUT, new and when its title changes to the next product's. */
async function measureWrites(pinyinOf: PinyinOf): Promise<SearchWrites> {
  const fresh = demoProducts.map((p) => productWrites(p, undefined, pinyinOf).transactItems.length);
  const changes = demoProducts.map((p, i) => {
    const [first] = productWrites(p, undefined, pinyinOf).transactItems;
    const before = first && 'Put' in first ? first.Put.Item : undefined;
    const other = demoProducts[(i + 1) % demoProducts.length]!;
    return productWrites({ ...p, title: other.title, titleEn: other.titleEn }, before, pinyinOf).transactItems.length;
  });
  return {
    products: demoProducts.length,
    newMin: Math.min(...fresh),
    newMedian: median(fresh),
    newMax: Math.max(...fresh),
    changeMedian: median(changes),
    changeMax: Math.max(...changes),
    limit: 100,
  };
}

/**
 * docs/quality.md "Flat-cost reads": a catalogue search costs the same at 1,000
 * and at 100,000 products. One table holds both: 1,000 products titled 电冰箱 and
 * 100,000 titled 洗衣机 (the worst case for the large one: every product matches),
 * and each query shape is asked of both, through the handler, interleaved: one
 * character, one syllable, and a word whose synonyms are read in turn among them.
 */
export async function measureSearchScale(stack: LocalStack, small: number, large: number, iterations: number): Promise<SearchScale> {
  const pinyinOf = await loadPinyin();
  const writes = await measureWrites(pinyinOf);
  const t = performance.now();
  let itemsLoaded = await loadProducts(small, 'BXS', '电冰箱', pinyinOf);
  itemsLoaded += await loadProducts(large, 'XYJL', '洗衣机', pinyinOf);
  const loadSeconds = Math.round((performance.now() - t) / 100) / 10;
  // A word with synonyms, for each size: its own term finds nothing, nor does the first expansion; the second fills the page.
  await synonymStore.save(keepSynonym('雪柜', ['冷柜', '电冰箱'], undefined, new Date()));
  await synonymStore.save(keepSynonym('洗衫机', ['洗衫', '洗衣机'], undefined, new Date()));

  const partner = await stack.token({ role: 'partner', stationId: 'st_7D3M0000000000000000000001', sub: 'bench-search' });
  const claims = await verifyToken(partner);
  const spec = routeTable.find((r) => r.operationId === 'listProducts')!;
  const pageSize = 24;
  const search = async (q: string) => {
    const url = new URL(`http://localhost/v1/products?${new URLSearchParams({ q, limit: String(pageSize) })}`);
    const event = toHttpApiEvent({ method: 'GET', url, headers: {}, body: Buffer.alloc(0), sourceIp: '127.0.0.1' }, spec, {}, claims);
    const result = await (await handlerFor('catalog'))(event, lambdaContext('catalog', event.requestContext.requestId));
    if (result.statusCode !== 200) throw new Error(`search ${q}: ${result.statusCode} ${result.body}`);
    return (JSON.parse(result.body ?? '{}') as { items: unknown[] }).items.length;
  };
  const shapes: [string, string, string][] = [
    ['initials (exact term)', 'dbx', 'xyj'],
    ['Chinese pair (exact term)', '冰箱', '洗衣'],
    ['Chinese, 3 characters (anchored on a pair, checked)', '电冰箱', '洗衣机'],
    ['pinyin begun (anchored, checked)', 'dianbingx', 'xiyij'],
    ['one Chinese character (exact term)', '冰', '洗'],
    ['one pinyin syllable (exact term)', 'xiang', 'ji'],
    ['a word with synonyms (its own terms, then each expansion in turn)', '雪柜', '洗衫机'],
  ];
  const queries: SearchQueryScale[] = [];
  for (const [shape, s, l] of shapes) {
    const found = await search(l);
    if (found !== pageSize || (await search(s)) !== pageSize) throw new Error(`${shape}: a full page expected`);
    const smallItemsRead = await itemsRead(() => search(s));
    const largeItemsRead = await itemsRead(() => search(l));
    const smallMs: number[] = [];
    const largeMs: number[] = [];
    for (let i = 0; i < iterations; i++) {
      let t0 = performance.now();
      await search(s);
      smallMs.push(performance.now() - t0);
      t0 = performance.now();
      await search(l);
      largeMs.push(performance.now() - t0);
    }
    const sp = median(smallMs);
    const lp = median(largeMs);
    queries.push({
      shape,
      smallQuery: s,
      largeQuery: l,
      smallP50Ms: round2(sp),
      largeP50Ms: round2(lp),
      ratio: round2(lp / sp),
      smallItemsRead,
      largeItemsRead,
      found,
    });
  }
  return { smallProducts: small, largeProducts: large, itemsLoaded, loadSeconds, pageSize, queries, writes };
}

export interface SideModuleImport {
  name: string;
  bytes: number;
  /** Median import of the file in a fresh Node process: what the first product write of a new Lambda container adds. */
  medianMs: number;
  medianCpuMs: number;
}

/** Each side module imported in fresh processes (the first product write of a new container pays it once). */
export function measureSideModules(bundles: Bundle[] = productionBundles(), rounds = 21): SideModuleImport[] {
  return bundles.flatMap((b) =>
    (b.sideModules ?? []).map((m) => {
      importOnce(m.file);
      const runs = Array.from({ length: rounds }, () => importOnce(m.file));
      return {
        name: `${b.name}: ${m.name}`,
        bytes: m.bytes,
        medianMs: Math.round(median(runs.map((r) => r[0])) * 10) / 10,
        medianCpuMs: Math.round(median(runs.map((r) => r[1])) * 10) / 10,
      };
    }),
  );
}
