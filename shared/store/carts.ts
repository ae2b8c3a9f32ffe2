import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Cart } from '#domain/cart.ts';
import { ConflictError, NotFoundError } from '#shared/errors.ts';
import type { Write } from './command.ts';
import { db, tableName } from './db.ts';
import { withoutKeys } from './items.ts';
import * as keys from './keys.ts';
import { queryPage, type Page } from './query.ts';
import { msg } from '#shared/i18n/messages.ts';

/** Open carts the partner never placed disappear after a month. */
const openCartLifetimeSeconds = 30 * 24 * 3600;

function item(cart: Cart) {
  return {
    ...keys.cart(cart.stationId, cart.cartId),
    ...keys.cartListing(cart.stationId, cart.status, cart.createdAt, cart.cartId),
    type: 'cart',
    ...(cart.status === 'OPEN' ? { expiresAt: Math.floor(Date.parse(cart.createdAt) / 1000) + openCartLifetimeSeconds } : {}),
    ...cart,
  };
}

export async function get(stationId: string, cartId: string): Promise<Cart> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.cart(stationId, cartId), ConsistentRead: true }));
  if (!Item) throw new NotFoundError('cart');
  return withoutKeys<Cart>(Item);
}

export async function list(stationId: string, status: string, limit: number, cursor?: string): Promise<Page<Cart>> {
  const page = await queryPage({ index: 'collection', partition: keys.cartsOfStatus(stationId, status), limit, cursor, newestFirst: true });
  return { ...page, items: page.items.map((i) => withoutKeys<Cart>(i)) };
}

export function create(cart: Cart): Write {
  return { item: { Put: { TableName: tableName(), Item: item(cart), ConditionExpression: 'attribute_not_exists(pk)' } } };
}

/** The cart becomes an order once: a second placement of it fails with 409. */
export function ordered(cart: Cart): Write {
  return {
    item: {
      Put: {
        TableName: tableName(),
        Item: item(cart),
        ConditionExpression: '#status = :open',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':open': 'OPEN' },
      },
    },
    onConditionFailed: () => new ConflictError('cart-ordered', msg('cart-ordered', { cartNo: cart.cartNo })),
  };
}
