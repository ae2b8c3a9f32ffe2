import { assertStationAccess, type Principal } from '#domain/access.ts';
import type { Lot, LotStatus, WeighTicket } from '#domain/produce.ts';
import { ConflictError, NotFoundError } from '#shared/errors.ts';
import { msg } from '#shared/i18n/messages.ts';
import type { Write } from './command.ts';
import { tableName } from './db.ts';
import { counterUpdate } from './expressions.ts';
import { withoutKeys } from './items.ts';
import * as keys from './keys.ts';
import { queryAll, queryPage, statusFilter, type Page } from './query.ts';
import { read, type Read } from './reads.ts';

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

/** The id of the station's open lot for a produce and grade, if any. */
export const openRead = (stationId: string, code: string, grade: string): Read<string | undefined> =>
  read([keys.openLot(stationId, code, grade)], (found) => found(keys.openLot(stationId, code, grade))?.lotId as string | undefined);

export const readFor = (principal: Principal, lotId: string): Read<Lot> => read([keys.lot(lotId)], (found) => visibleLot(principal, found(keys.lot(lotId))));

/** The lot and every ticket in it (one Query of its partition): each ticket traced to villager, village, weights and time. */
export async function getFor(principal: Principal, lotId: string): Promise<{ lot: Lot; tickets: WeighTicket[] }> {
  const items = await queryAll({ partition: keys.lotPartition(lotId) });
  const lot = visibleLot(
    principal,
    items.find((i) => i.sk === 'LOT'),
  );
  const tickets = items.filter((i) => String(i.sk).startsWith(keys.ticketPrefix)).map((i) => withoutKeys<WeighTicket>(i));
  return { lot, tickets };
}

/** A new open lot and the station's pointer to it; if another ticket opened one meanwhile, plan again and join that one. */
export function open(lot: Lot): Write[] {
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
}

/** The ticket of a new lot (the lot's totals are already its own). */
export function putTicket(ticket: WeighTicket): Write {
  return {
    item: {
      Put: {
        TableName: tableName(),
        Item: { ...keys.lotTicket(ticket.lotId, ticket.ticketId), type: 'ticket', ...ticket },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  };
}

/** The ticket, and its figures added to its open lot's totals, on condition the lot is still open (else plan again: a new lot). */
export function addTicket(ticket: WeighTicket): Write[] {
  const update = counterUpdate({ netGrams: ticket.netGrams, amountFen: ticket.amountFen, feeFen: ticket.feeFen, ticketCount: 1 }, { updatedAt: ticket.at });
  return [
    putTicket(ticket),
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
}

/**
 * Dispatched: the lot replaced on condition it is still open with the tickets
 * that were read (a ticket joining meanwhile makes the command plan again, so
 * the fee earned is its tickets' fee, all of them, once), and the station's
 * pointer removed so the next ticket opens a new lot.
 */
export function dispatch(before: Lot, after: Lot): Write[] {
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
}

/** Across stations, one status (the collection index), oldest first: what the trucks should collect. */
export async function ofStatus(status: LotStatus, limit: number, cursor?: string): Promise<Page<Lot>> {
  const page = await queryPage({ index: 'collection', partition: keys.lotsOfStatus(status), limit, cursor });
  return { ...page, items: page.items.map((i) => withoutKeys<Lot>(i)) };
}

/** One station's lots, newest first (the lookup index), optionally of one status. */
export async function ofStation(stationId: string, status: LotStatus | undefined, limit: number, cursor?: string): Promise<Page<Lot>> {
  const page = await queryPage({
    index: 'lookup',
    partition: keys.lotsOfStation(stationId),
    ...statusFilter(status),
    limit,
    cursor,
    newestFirst: true,
  });
  return { ...page, items: page.items.map((i) => withoutKeys<Lot>(i)) };
}
