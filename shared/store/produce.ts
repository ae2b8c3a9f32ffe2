import { villagerErasedFact } from './facts.ts';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { assertStationAccess, type Principal } from '#domain/access.ts';
import type { Lot, LotStatus, Produce, WeighTicket } from '#domain/produce.ts';
import type { Villager } from '#domain/villager.ts';
import type { Task } from '#domain/delivery/task.ts';
import { ConflictError, NotFoundError, type AppError } from '#shared/errors.ts';
import { msg } from '#shared/i18n/messages.ts';
import { getMany } from './batch.ts';
import type { Write } from './command.ts';
import { db, tableName } from './db.ts';
import { counterUpdate } from './expressions.ts';
import { withoutKeys } from './items.ts';
import { keys } from './keys.ts';
import { queryPage, statusFilter, type Page } from './query.ts';
import { read, type Read } from './reads.ts';

/** Every item of a partition, page by page (a price list, a lot's tickets: small by nature). */
async function queryAll(request: Omit<Parameters<typeof queryPage>[0], 'limit' | 'cursor'>): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let cursor: string | undefined;
  do {
    const page = await queryPage({ ...request, limit: 100, cursor });
    out.push(...page.items);
    cursor = page.next;
  } while (cursor);
  return out;
}

export const produceStore = {
  /** Create or replace a buying price list entry. Tickets copied the old price: nothing else changes. */
  async save(produce: Produce): Promise<void> {
    await db().send(new PutCommand({ TableName: tableName(), Item: { ...keys.produce(produce.code), type: 'produce', ...produce } }));
  },

  async find(code: string): Promise<Produce | undefined> {
    const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.produce(code), ConsistentRead: true }));
    return Item ? withoutKeys<Produce>(Item) : undefined;
  },

  /** Today's buying prices: the whole list, one partition, by code. */
  async list(): Promise<Produce[]> {
    return (await queryAll({ partition: keys.producePartition() })).map((i) => withoutKeys<Produce>(i));
  },

  /** Today's price for one code, in one BatchGetItem round trip (as a quote reads it). */
  async quoteRead(code: string): Promise<Produce | undefined> {
    const r = produceStore.read(code);
    return r.from(await getMany(r.keys));
  },

  read: (code: string): Read<Produce | undefined> =>
    read([keys.produce(code)], (found) => {
      const item = found(keys.produce(code));
      return item ? withoutKeys<Produce>(item) : undefined;
    }),
};

/** The villager a ticket or payout is for, as a command's read (unknown or erased: 404). */
export const villagerRead = (stationId: string, villagerId: string): Read<Villager> =>
  read([keys.villager(stationId, villagerId)], (found) => {
    const item = found(keys.villager(stationId, villagerId));
    if (!item) throw new NotFoundError('villager');
    return withoutKeys<Villager>(item);
  });

/** A pick-up task, if a ticket names one (absent: undefined; the domain says what that means). */
export const taskRead = (stationId: string, taskId: string | undefined): Read<Task | undefined> =>
  read(taskId ? [keys.task(stationId, taskId)] : [], (found) => {
    const item = taskId ? found(keys.task(stationId, taskId)) : undefined;
    return item ? withoutKeys<Task>(item) : undefined;
  });

const villagerExists = (stationId: string, villagerId: string) => ({
  ConditionCheck: { TableName: tableName(), Key: keys.villager(stationId, villagerId), ConditionExpression: 'attribute_exists(pk)' },
});

/** The villager is still there when the transaction commits (an erasure racing a ticket on credit loses, or wins and the ticket plans again). */
export const villagerStillThere = (stationId: string, villagerId: string): Write => ({
  item: villagerExists(stationId, villagerId),
  replanOnConditionFailed: true,
});

/**
 * The villager is registered when the transaction commits. Not read beforehand
 * (an order names its villager only once it is read): if they were erased, the
 * command learns it and plans again without reading anything again.
 */
export const villagerRegistered = (stationId: string, villagerId: string): Write => ({
  item: villagerExists(stationId, villagerId),
  learnsOnConditionFailed: villagerErasedFact(stationId, villagerId),
});

/** A villager's credit: what the station owes them for produce, kept beside the villager and moved with the ledger's entry. */
export const produceCreditStore = {
  read: (stationId: string, villagerId: string): Read<number> =>
    read([keys.produceCredit(stationId, villagerId)], (found) => Number(found(keys.produceCredit(stationId, villagerId))?.creditFen ?? 0)),

  /**
   * Adds to the credit (ADD commutes). Taking from it is on condition it still
   * holds what is taken: the credit is never negative; if another command took
   * some meanwhile, the command plans again from fresh reads.
   */
  add(stationId: string, villagerId: string, deltaFen: number, at: string, notRead?: () => AppError): Write {
    const update = counterUpdate({ creditFen: deltaFen }, { stationId, villagerId, type: 'credit', updatedAt: at });
    return {
      item: {
        Update: {
          TableName: tableName(),
          Key: keys.produceCredit(stationId, villagerId),
          ...update,
          ...(deltaFen < 0
            ? {
                ConditionExpression: '#credit >= :need',
                ExpressionAttributeNames: { ...update.ExpressionAttributeNames, '#credit': 'creditFen' },
                ExpressionAttributeValues: { ...update.ExpressionAttributeValues, ':need': -deltaFen },
              }
            : {}),
        },
      },
      // Read beforehand: plan again from fresh reads. Not read (a payment on an order): the condition is the check.
      ...(deltaFen < 0 ? (notRead ? { onConditionFailed: notRead } : { replanOnConditionFailed: true }) : {}),
    };
  },
};

const lotItem = (lot: Lot) => ({
  ...keys.lot(lot.lotId),
  ...keys.lotListing(lot.stationId, lot.status, lot.openedAt, lot.lotId),
  type: 'lot',
  ...lot,
});

function visibleLot(principal: Principal, item: Record<string, unknown> | undefined): Lot {
  if (!item) throw new NotFoundError('lot');
  const lot = withoutKeys<Lot>(item);
  assertStationAccess(principal, lot.stationId, 'lot');
  return lot;
}

export const lotStore = {
  /** The id of the station's open lot for a produce and grade, if any. */
  openRead: (stationId: string, code: string, grade: string): Read<string | undefined> =>
    read([keys.openLot(stationId, code, grade)], (found) => found(keys.openLot(stationId, code, grade))?.lotId as string | undefined),

  readFor: (principal: Principal, lotId: string): Read<Lot> => read([keys.lot(lotId)], (found) => visibleLot(principal, found(keys.lot(lotId)))),

  /** The lot and every ticket in it (one Query of its partition): each ticket traced to villager, village, weights and time. */
  async getFor(principal: Principal, lotId: string): Promise<{ lot: Lot; tickets: WeighTicket[] }> {
    const items = await queryAll({ partition: keys.lotPartition(lotId) });
    const lot = visibleLot(
      principal,
      items.find((i) => i.sk === 'LOT'),
    );
    const tickets = items.filter((i) => String(i.sk).startsWith(keys.ticketPrefix)).map((i) => withoutKeys<WeighTicket>(i));
    return { lot, tickets };
  },

  /** A new open lot and the station's pointer to it; if another ticket opened one meanwhile, plan again and join that one. */
  open(lot: Lot): Write[] {
    return [
      { item: { Put: { TableName: tableName(), Item: lotItem(lot), ConditionExpression: 'attribute_not_exists(pk)' } } },
      {
        item: {
          Put: {
            TableName: tableName(),
            Item: { ...keys.openLot(lot.stationId, lot.code, lot.grade), type: 'openLot', lotId: lot.lotId },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        replanOnConditionFailed: true,
      },
    ];
  },

  /** The ticket of a new lot (the lot's totals are already its own). */
  putTicket(ticket: WeighTicket): Write {
    return {
      item: {
        Put: {
          TableName: tableName(),
          Item: { ...keys.lotTicket(ticket.lotId, ticket.ticketId), type: 'ticket', ...ticket },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    };
  },

  /** The ticket, and its figures added to its open lot's totals, on condition the lot is still open (else plan again: a new lot). */
  addTicket(ticket: WeighTicket): Write[] {
    const update = counterUpdate({ netGrams: ticket.netGrams, amountFen: ticket.amountFen, feeFen: ticket.feeFen, ticketCount: 1 }, { updatedAt: ticket.at });
    return [
      lotStore.putTicket(ticket),
      {
        item: {
          Update: {
            TableName: tableName(),
            Key: keys.lot(ticket.lotId),
            ...update,
            ConditionExpression: '#status = :open',
            ExpressionAttributeNames: { ...update.ExpressionAttributeNames, '#status': 'status' },
            ExpressionAttributeValues: { ...update.ExpressionAttributeValues, ':open': 'OPEN' },
          },
        },
        replanOnConditionFailed: true,
      },
    ];
  },

  /**
   * Dispatched: the lot replaced on condition it is still open with the tickets
   * that were read (a ticket joining meanwhile makes the command plan again, so
   * the fee earned is its tickets' fee, all of them, once), and the station's
   * pointer removed so the next ticket opens a new lot.
   */
  dispatch(before: Lot, after: Lot): Write[] {
    return [
      {
        item: {
          Put: {
            TableName: tableName(),
            Item: lotItem(after),
            ConditionExpression: '#status = :open AND #count = :count',
            ExpressionAttributeNames: { '#status': 'status', '#count': 'ticketCount' },
            ExpressionAttributeValues: { ':open': 'OPEN', ':count': before.ticketCount },
          },
        },
        replanOnConditionFailed: true,
      },
      {
        item: {
          Delete: {
            TableName: tableName(),
            Key: keys.openLot(before.stationId, before.code, before.grade),
            ConditionExpression: 'attribute_not_exists(pk) OR lotId = :lot',
            ExpressionAttributeValues: { ':lot': before.lotId },
          },
        },
        onConditionFailed: () => new ConflictError('lot-changed', msg('lot-changed')),
      },
    ];
  },

  /** Across stations, one status (the collection index), oldest first: what the trucks should collect. */
  async ofStatus(status: LotStatus, limit: number, cursor?: string): Promise<Page<Lot>> {
    const page = await queryPage({ index: 'collection', partition: keys.lotsOfStatus(status), limit, cursor });
    return { ...page, items: page.items.map((i) => withoutKeys<Lot>(i)) };
  },

  /** One station's lots, newest first (the lookup index), optionally of one status. */
  async ofStation(stationId: string, status: LotStatus | undefined, limit: number, cursor?: string): Promise<Page<Lot>> {
    const page = await queryPage({
      index: 'lookup',
      partition: keys.lotsOfStation(stationId),
      ...statusFilter(status),
      limit,
      cursor,
      newestFirst: true,
    });
    return { ...page, items: page.items.map((i) => withoutKeys<Lot>(i)) };
  },
};
