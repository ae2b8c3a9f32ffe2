import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Order, ReturnRecord } from '#domain/order.ts';
import { startOfShanghaiDay, addDays } from '#domain/time.ts';
import { NotFoundError } from '#shared/errors.ts';
import { assertStationAccess, type Principal } from '#domain/access.ts';
import type { Write } from './command.ts';
import { putVersioned } from './versioned.ts';
import { db, tableName } from './db.ts';
import { withoutKeys } from './items.ts';
import * as keys from './keys.ts';
import * as riskStore from './risk.ts';
import { queryPage, type Page } from './query.ts';
import { read, type Read } from './reads.ts';

function item(order: Order) {
  return {
    ...keys.order(order.orderId),
    ...keys.orderListing(order.stationId, order.status, order.placedAt, order.orderId),
    type: 'order',
    ...order,
  };
}

/** What ops' list of locked orders shows of an order: what was true when it locked (a locked order refuses every code, so its tries stay). */
export interface LockedOrder {
  orderId: string;
  stationId: string;
  placedAt: string;
  lockedAt: string;
  wrongCodeAttempts: number;
}

function visible(principal: Principal, order: Order | undefined): Order {
  if (!order) throw new NotFoundError('order');
  assertStationAccess(principal, order.stationId, 'order');
  return order;
}

export async function find(orderId: string): Promise<Order | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.order(orderId), ConsistentRead: true }));
  return Item ? withoutKeys<Order>(Item) : undefined;
}

/** The order, if the caller may see it: another station's order is as absent as an unknown one. */
export async function getFor(principal: Principal, orderId: string): Promise<Order> {
  return visible(principal, await find(orderId));
}

/** The same, as a command's read (fetched with its idempotency record). */
export const readFor = (principal: Principal, orderId: string): Read<Order> =>
  read([keys.order(orderId)], (found) => {
    const item = found(keys.order(orderId));
    return visible(principal, item ? withoutKeys<Order>(item) : undefined);
  });

export function create(order: Order): Write {
  return { item: { Put: { TableName: tableName(), Item: item(order), ConditionExpression: 'attribute_not_exists(pk)' } } };
}

/** Replaced only if still the version that was read. */
export const save = (order: Order): Write => putVersioned(item(order), 'order');

/**
 * Wrong codes tried at one command (a stop may have several orders): each order
 * kept, and counted once in the station's risk view. On the try that locks an
 * order (a locked order refuses every code, so a locked order here has just
 * locked), its entry in ops' list of locked orders joins the same transaction.
 */
export function saveWrongCodes(orders: readonly Order[], now: Date): Write[] {
  if (!orders.length) return [];
  return [...orders.flatMap((o) => saveWrongCode(o)), riskStore.add(orders[0]!.stationId, now, { wrongCodes: orders.length })];
}

export function saveWrongCode(order: Order): Write[] {
  if (!order.lockedForOps) return [save(order)];
  const entry: LockedOrder = {
    orderId: order.orderId,
    stationId: order.stationId,
    placedAt: order.placedAt,
    lockedAt: order.updatedAt,
    wrongCodeAttempts: order.wrongCodeAttempts,
  };
  const listing = { ...keys.lockedOrder(order.orderId), ...keys.lockedOrderListing(entry.lockedAt, order.orderId), type: 'lockedOrder', ...entry };
  return [save(order), { item: { Put: { TableName: tableName(), Item: listing } } }];
}

/** Unlocked: the order, and its entry leaves ops' list (an order locked before the list existed has none; deleting nothing is no error). */
export const saveUnlocked = (order: Order): Write[] => [save(order), { item: { Delete: { TableName: tableName(), Key: keys.lockedOrder(order.orderId) } } }];

/** Every station's locked orders, the latest lock first (ops): one Query, never station by station. */
export async function locked(limit: number, cursor?: string): Promise<Page<LockedOrder>> {
  const page = await queryPage({ index: 'collection', partition: keys.lockedOrders(), limit, cursor, newestFirst: true });
  return { ...page, items: page.items.map((i) => withoutKeys<LockedOrder>(i)) };
}

export function recordReturn(record: ReturnRecord): Write {
  return {
    item: {
      Put: {
        TableName: tableName(),
        Item: { ...keys.orderReturn(record.orderId, record.returnId), type: 'return', ...record },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  };
}

/** Parcels waiting at the station, oldest first (the first to go out), up to `max`. */
export async function waitingAtStation(stationId: string, max: number): Promise<Order[]> {
  const out: Order[] = [];
  let cursor: string | undefined;
  do {
    const page = await queryPage({ index: 'collection', partition: keys.ordersOfStatus(stationId, 'AT_STATION'), limit: 100, cursor });
    out.push(...page.items.map((i) => withoutKeys<Order>(i)));
    cursor = page.next;
  } while (cursor && out.length < max);
  return out.slice(0, max);
}

/** Newest first; by status (collection index) or by local dates (lookup index). */
export async function list(
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
}
