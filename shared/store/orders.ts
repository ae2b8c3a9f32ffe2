import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Order, ReturnRecord } from '#domain/order.ts';
import { startOfShanghaiDay, addDays } from '#domain/time.ts';
import { ConflictError, NotFoundError } from '#shared/errors.ts';
import { assertStationAccess, type Principal } from '#domain/access.ts';
import type { Write } from './command.ts';
import { db, tableName } from './db.ts';
import { withoutKeys } from './items.ts';
import { keys } from './keys.ts';
import { queryPage, type Page } from './query.ts';
import { msg } from '#shared/i18n/messages.ts';

function item(order: Order) {
  return {
    ...keys.order(order.orderId),
    ...keys.orderListing(order.stationId, order.status, order.placedAt, order.orderId),
    type: 'order',
    ...order,
  };
}

export const orderStore = {
  async find(orderId: string): Promise<Order | undefined> {
    const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.order(orderId), ConsistentRead: true }));
    return Item ? withoutKeys<Order>(Item) : undefined;
  },

  /** The order, if the caller may see it: another station's order is as absent as an unknown one. */
  async getFor(principal: Principal, orderId: string): Promise<Order> {
    const order = await orderStore.find(orderId);
    if (!order) throw new NotFoundError('order');
    assertStationAccess(principal, order.stationId, 'order');
    return order;
  },

  create(order: Order): Write {
    return { item: { Put: { TableName: tableName(), Item: item(order), ConditionExpression: 'attribute_not_exists(pk)' } } };
  },

  /** Replaces the order if it is still the version that was read: of two racing changes, one wins and the other gets 409. */
  save(order: Order): Write {
    return {
      item: {
        Put: {
          TableName: tableName(),
          Item: item(order),
          ConditionExpression: 'version = :previous',
          ExpressionAttributeValues: { ':previous': order.version - 1 },
        },
      },
      onConditionFailed: () => new ConflictError('changed-meanwhile', msg('changed-meanwhile.order')),
    };
  },

  recordReturn(record: ReturnRecord): Write {
    return {
      item: {
        Put: {
          TableName: tableName(),
          Item: { ...keys.orderReturn(record.orderId, record.returnId), type: 'return', ...record },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    };
  },

  /** Parcels waiting at the station, oldest first (the first to go out), up to `max`. */
  async waitingAtStation(stationId: string, max: number): Promise<Order[]> {
    const out: Order[] = [];
    let cursor: string | undefined;
    do {
      const page = await queryPage({ index: 'collection', partition: keys.ordersOfStatus(stationId, 'AT_STATION'), limit: 100, cursor });
      out.push(...page.items.map((i) => withoutKeys<Order>(i)));
      cursor = page.next;
    } while (cursor && out.length < max);
    return out.slice(0, max);
  },

  /** Newest first; by status (collection index) or by local dates (lookup index). */
  async list(
    stationId: string,
    filter: { status?: string | undefined; from?: string | undefined; to?: string | undefined },
    limit: number,
    cursor?: string,
  ): Promise<Page<Order>> {
    const between: [string, string] | undefined =
      filter.from || filter.to
        ? [filter.from ? startOfShanghaiDay(filter.from).toISOString() : '0', filter.to ? addDays(startOfShanghaiDay(filter.to), 1).toISOString() : '9']
        : undefined;
    const page = filter.status
      ? await queryPage({
          index: 'collection',
          partition: keys.ordersOfStatus(stationId, filter.status),
          ...(between ? { sortBetween: between } : {}),
          limit,
          cursor,
          newestFirst: true,
        })
      : await queryPage({
          index: 'lookup',
          partition: keys.ordersOfStation(stationId),
          ...(between ? { sortBetween: between } : {}),
          limit,
          cursor,
          newestFirst: true,
        });
    return { ...page, items: page.items.map((i) => withoutKeys<Order>(i)) };
  },
};
