import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { storedProduct, type Product, type ProductInput } from '#domain/product.ts';
import {
  matchKind,
  normalise,
  planQuery,
  searchOrder,
  searchTerms,
  titlePinyin,
  type PinyinOf,
  type QueryPlan,
  type SearchDoc,
  type Term,
} from '#domain/search.ts';
import { queryTexts } from '#domain/synonyms.ts';
import { NotFoundError } from '#shared/errors.ts';
import { loadPinyin } from '#shared/pinyin.ts';
import { decodeCursor, encodeCursor, cursorRefused } from './cursor.ts';
import { db, tableName } from './db.ts';
import { withoutKeys } from './items.ts';
import * as keys from './keys.ts';
import { queryPage, type Page } from './query.ts';
import * as synonymStore from './synonyms.ts';
import { msg } from '#shared/i18n/messages.ts';

/** A search reads at most this many index items per plan when it must check candidates (a category, or a query that is not itself a term). */
export const candidatesPerPlan = 150;

type Item = Record<string, unknown>;

/** The index entries a product item says it has (`searchTerms`: the kind, then the term). */
function entriesOf(item: Item | undefined): { pk: string; sk: string }[] {
  if (!item || !Array.isArray(item.searchTerms)) return [];
  const order = String(item.searchOrder ?? '');
  return (item.searchTerms as string[]).map((t) => keys.searchEntry(t.slice(1), Number(t[0]), order, String(item.sku)));
}

const sameKey = (a: { pk: string; sk: string }, b: { pk: string; sk: string }) => a.pk === b.pk && a.sk === b.sk;

/** The writes that put `product` and its search index in place of `old` (the product item as read), conditioned on `old` being current. */
export function productWrites(product: Product, old: Item | undefined, pinyinOf: PinyinOf) {
  const doc: SearchDoc = { sku: product.sku, title: product.title, titleEn: product.titleEn, pinyin: titlePinyin(product.title, pinyinOf) };
  const terms: Term[] = searchTerms(doc);
  const order = searchOrder(doc);
  const version = Number(old?.indexVersion ?? 0);
  const entries = terms.map(({ term, kind }) => keys.searchEntry(term, kind, order, product.sku));
  const stale = entriesOf(old).filter((o) => !entries.some((e) => sameKey(e, o)));
  const TableName = tableName();
  return {
    terms,
    transactItems: [
      {
        Put: {
          TableName,
          Item: {
            ...keys.product(product.sku),
            ...keys.productListing(product.title, product.sku, product.category),
            type: 'product',
            ...product,
            pinyin: doc.pinyin,
            searchTerms: terms.map((t) => `${t.kind}${t.term}`),
            searchOrder: order,
            indexVersion: version + 1,
          },
          // Two writers of one product: the one that read an older version retries, so no entry is left behind.
          ...(old
            ? old.indexVersion === undefined
              ? { ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(indexVersion)' }
              : { ConditionExpression: 'indexVersion = :v', ExpressionAttributeValues: { ':v': version } }
            : { ConditionExpression: 'attribute_not_exists(pk)' }),
        },
      },
      ...stale.map((Key) => ({ Delete: { TableName, Key } })),
      ...entries.map((key) => ({ Put: { TableName, Item: { ...key, type: 'search', ...product, pinyin: doc.pinyin } } })),
    ],
  };
}

/** Another writer of the same product got in first (its version condition failed, or the transactions collided). */
export const raced = (error: unknown) => {
  const e = error as { name?: string; CancellationReasons?: { Code?: string }[] };
  return (
    e?.name === 'TransactionCanceledException' &&
    (e.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'TransactionConflict')
  );
};

/** A product's item as stored (its search bookkeeping included), read consistently. */
export async function readItem(sku: string): Promise<Item | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.product(sku), ConsistentRead: true }));
  return Item;
}

/** Runs `attempt` again from a fresh read when another writer of the same product got in first. */
async function withRetries<T>(attempt: () => Promise<T>): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (n >= 5 || !raced(error)) throw error;
      await new Promise((r) => setTimeout(r, 10 * 2 ** n));
    }
  }
}

const docOf = (item: Item): SearchDoc => ({
  sku: String(item.sku),
  title: String(item.title),
  titleEn: item.titleEn === undefined ? undefined : String(item.titleEn),
  pinyin: String(item.pinyin ?? ''),
});

/** What one plan read: the entries kept, and where it stopped when there is more. */
interface PlanPage {
  items: Item[];
  /** The last entry read, when the term's partition holds more to check. */
  more?: { pk: string; sk: string };
}

/**
 * One page of one plan: the term's entries in rank order, checked against the
 * whole query (and category) where needed, within a bounded read. `skip` leaves
 * out entries an earlier text of the same search already answers (a synonym's
 * products that the query itself found).
 */
async function readPlan(
  plan: QueryPlan,
  category: string | undefined,
  limit: number,
  startKey: Item | undefined,
  skip?: (item: Item) => boolean,
): Promise<PlanPage> {
  const exact = !plan.verify && !category && !skip;
  const budget = exact ? limit + 1 : Math.max(candidatesPerPlan, limit + 1);
  const kept: { item: Item; kind: number }[] = [];
  let read = 0;
  let last: Item | undefined;
  const finish = (more: boolean): PlanPage => {
    // Entries are in the order of how they match the term; the query itself may match some better.
    const items = (plan.verify ? [...kept].sort((a, b) => a.kind - b.kind) : kept).map((k) => k.item);
    return more && last ? { items, more: { pk: String(last.pk), sk: String(last.sk) } } : { items };
  };
  for (;;) {
    const out = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.searchTerm(plan.term) },
        ExclusiveStartKey: startKey,
        // First as many as fill a page (most candidates match); more only when some did not.
        Limit: read === 0 ? limit + 1 : Math.min(100, budget - read),
      }),
    );
    for (const item of out.Items ?? []) {
      if (kept.length === limit) return finish(true);
      read++;
      last = item;
      if (category && item.category !== category) continue;
      if (skip?.(item)) continue;
      const kind = plan.verify ? matchKind(docOf(item), plan.q) : Number(String(item.sk)[0]);
      if (kind !== undefined) kept.push({ item, kind });
    }
    if (!out.LastEvaluatedKey) return finish(false);
    if (read >= budget) return finish(true);
    startKey = out.LastEvaluatedKey;
  }
}

/** One text a search looks up (the query, or a synonym's expansion): its plans, tried in turn until one finds something. */
interface Source {
  q: string;
  plans: QueryPlan[];
}

/** A cursor's sort key that means "this text from its start": the page before ended just as the text before it did. */
const fromStart = '-';

/** Where a search goes on: a text (0 the query, then its expansions), and within it a plan's entries after a key. */
interface SearchPosition {
  source: number;
  plan: number;
  key?: { pk: string; sk: string };
}

/**
 * The cursor of a search: the last entry's key, `{pk, sk}` within the query's
 * own terms (as ever), with `src` added within an expansion's; `sk` "-" starts
 * an expansion from its beginning. Refused unless it lies in a partition one of
 * this search's texts reads.
 */
function decodeSearchCursor(cursor: string, sources: readonly Source[]): SearchPosition {
  for (const [source, { plans }] of sources.entries()) {
    for (const [plan, p] of plans.entries()) {
      let key: Record<string, unknown>;
      try {
        key = decodeCursor(cursor, {
          attributes: source === 0 ? { pk: 'S', sk: 'S' } : { pk: 'S', sk: 'S', src: 'N' },
          partition: ['pk', keys.searchTerm(p.term)],
          sortKey: 'sk',
        })!;
      } catch {
        continue;
      }
      if (source > 0 && key.src !== source) continue;
      if (key.sk === fromStart && source > 0) {
        if (plan !== 0) continue;
        return { source, plan };
      }
      return { source, plan, key: { pk: String(key.pk), sk: String(key.sk) } };
    }
  }
  throw cursorRefused();
}

const cursorAt = (source: number, key: { pk: string; sk: string }) => encodeCursor(source === 0 ? key : { ...key, src: source });

export async function find(sku: string): Promise<Product | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.product(sku) }));
  return Item ? storedProduct(withoutKeys<Product>(Item)) : undefined;
}

export async function get(sku: string): Promise<Product> {
  const product = await find(sku);
  if (!product) throw new NotFoundError('product', msg('not-found.product', { sku }));
  return product;
}

/**
 * Creates or replaces a product (PUT semantics: the last write wins; it keeps
 * when it was first created) with its search index, in one transaction: the
 * product, its entries no longer wanted deleted, its entries put. The one
 * write path of a product: an import (shared/store/product-import.ts) writes through the same `productWrites`.
 */
export async function save(sku: string, input: ProductInput, at: string): Promise<{ product: Product; created: boolean; indexEntries: number }> {
  const pinyinOf = await loadPinyin();
  return withRetries(async () => {
    const old = await readItem(sku);
    const product: Product = {
      ...input,
      warrantyDays: input.warrantyDays ?? 0,
      sku,
      createdAt: typeof old?.createdAt === 'string' ? old.createdAt : at,
      updatedAt: at,
    };
    const { transactItems, terms } = productWrites(product, old, pinyinOf);
    await db().send(new TransactWriteCommand({ TransactItems: transactItems }));
    return { product, created: !old, indexEntries: terms.length };
  });
}

/** Deletes a product and its search index in one transaction. */
export async function remove(sku: string): Promise<void> {
  await withRetries(async () => {
    const old = await readItem(sku);
    if (!old) throw new NotFoundError('product', msg('not-found.product', { sku }));
    const TableName = tableName();
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Delete: {
              TableName,
              Key: keys.product(sku),
              ...(old.indexVersion === undefined
                ? { ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(indexVersion)' }
                : { ConditionExpression: 'indexVersion = :v', ExpressionAttributeValues: { ':v': old.indexVersion } }),
            },
          },
          ...entriesOf(old).map((Key) => ({ Delete: { TableName, Key } })),
        ],
      }),
    );
  });
}

/**
 * The catalogue (or one category) by title; with `q`, the best matches first
 * (docs/rules.md "Catalogue search"): looked up in the search index by one
 * term per plan, reading a bounded number of entries whatever the catalogue's
 * size.
 */
export async function search(q: string | undefined, category: string | undefined, limit: number, cursor?: string): Promise<Page<Product>> {
  const page = q === undefined ? await listing(category, limit, cursor) : await searchPage(q, category, limit, cursor);
  return { ...page, items: page.items.map((i) => storedProduct(withoutKeys<Product>(i))) };
}

function listing(category: string | undefined, limit: number, cursor: string | undefined): Promise<Page<Item>> {
  return queryPage({
    ...(category
      ? { index: 'lookup' as const, partition: keys.productsOfCategory(category) }
      : { index: 'collection' as const, partition: keys.productsCollection() }),
    limit,
    cursor,
  });
}

async function searchPage(q: string, category: string | undefined, limit: number, cursor: string | undefined): Promise<Page<Item>> {
  const synonym = await synonymStore.find(normalise(q));
  const sources: Source[] = queryTexts(q, synonym)
    .map((text) => ({ q: normalise(text), plans: planQuery(text) }))
    .filter((s, i) => i === 0 || s.plans.length > 0);
  if (sources.every((s) => s.plans.length === 0)) {
    if (cursor !== undefined) throw cursorRefused();
    return { items: [] };
  }
  let at: SearchPosition = cursor === undefined ? { source: 0, plan: 0 } : decodeSearchCursor(cursor, sources);
  const items: Item[] = [];
  for (let source = at.source; source < sources.length; source++) {
    const { plans } = sources[source]!;
    // A product an earlier text finds is shown there, not again under a synonym.
    const earlier = sources.slice(0, source).map((s) => s.q);
    const skip = earlier.length ? (item: Item) => earlier.some((e) => matchKind(docOf(item), e) !== undefined) : undefined;
    const want = limit - items.length;
    let page: PlanPage = { items: [] };
    if (source === at.source && at.key) page = await readPlan(plans[at.plan]!, category, want, at.key, skip);
    else
      for (const plan of plans) {
        page = await readPlan(plan, category, want, undefined, skip);
        if (page.items.length > 0) break;
      }
    items.push(...page.items);
    if (page.more) return { items, next: cursorAt(source, page.more)! };
    if (items.length === limit) {
      const following = sources.findIndex((s, i) => i > source && s.plans.length > 0);
      return following < 0 ? { items } : { items, next: cursorAt(following, { pk: keys.searchTerm(sources[following]!.plans[0]!.term), sk: fromStart })! };
    }
    at = { source: source + 1, plan: 0 };
  }
  return { items };
}
