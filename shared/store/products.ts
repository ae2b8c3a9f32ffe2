import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { searchTextOf, type Product } from '#domain/product.ts';
import { NotFoundError } from '#shared/errors.ts';
import { db, tableName } from './db.ts';
import { withoutKeys } from './items.ts';
import { keys } from './keys.ts';
import { queryPage, type Page } from './query.ts';
import { msg } from '#shared/i18n/messages.ts';

export const productStore = {
  async find(sku: string): Promise<Product | undefined> {
    const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.product(sku) }));
    return Item ? withoutKeys<Product>(Item) : undefined;
  },

  async get(sku: string): Promise<Product> {
    const product = await productStore.find(sku);
    if (!product) throw new NotFoundError('product', msg('not-found.product', { sku }));
    return product;
  },

  /** Creates or replaces (PUT semantics: the last write wins). */
  async put(product: Product): Promise<void> {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...keys.product(product.sku),
          ...keys.productListing(product.title, product.sku, product.category),
          type: 'product',
          searchText: searchTextOf(product),
          ...product,
        },
      }),
    );
  },

  /** The catalogue (or one category) by title; `q` keeps titles or SKUs that contain it. */
  async search(q: string | undefined, category: string | undefined, limit: number, cursor?: string): Promise<Page<Product>> {
    const page = await queryPage({
      ...(category
        ? { index: 'lookup' as const, partition: keys.productsOfCategory(category) }
        : { index: 'collection' as const, partition: keys.productsCollection() }),
      ...(q
        ? {
            filter: {
              FilterExpression: 'contains(#text, :q)',
              ExpressionAttributeNames: { '#text': 'searchText' },
              ExpressionAttributeValues: { ':q': q.trim().toLowerCase() },
            },
          }
        : {}),
      limit,
      cursor,
    });
    return { ...page, items: page.items.map((i) => withoutKeys<Product>(i)) };
  },
};
