import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { assertStationAccess, type Principal } from '#domain/access.ts';
import type { Remittance, RemittanceStatus } from '#domain/cash.ts';
import { ConflictError, NotFoundError } from '#shared/errors.ts';
import { msg } from '#shared/i18n/messages.ts';
import type { Write } from './command.ts';
import { db, tableName } from './db.ts';
import { withoutKeys } from './items.ts';
import * as keys from './keys.ts';
import { queryPage, statusFilter, type Page } from './query.ts';
import { read, type Read } from './reads.ts';

const item = (r: Remittance) => ({
  ...keys.remittance(r.remittanceId),
  ...keys.remittanceListing(r.stationId, r.status, r.remittedAt, r.remittanceId),
  type: 'remittance',
  ...r,
});

const fromItems = (page: Page<Record<string, unknown>>): Page<Remittance> => ({ ...page, items: page.items.map((i) => withoutKeys<Remittance>(i)) });

function visible(principal: Principal, item: Record<string, unknown> | undefined): Remittance {
  if (!item) throw new NotFoundError('remittance');
  const r = withoutKeys<Remittance>(item);
  assertStationAccess(principal, r.stationId, 'remittance');
  return r;
}

/** The remittance, if the caller may see it: another station's is as absent as an unknown one. */
export async function getFor(principal: Principal, remittanceId: string): Promise<Remittance> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.remittance(remittanceId), ConsistentRead: true }));
  return visible(principal, Item);
}

/** The same, as a command's read (fetched with its idempotency record). */
export const readFor = (principal: Principal, remittanceId: string): Read<Remittance> =>
  read([keys.remittance(remittanceId)], (found) => visible(principal, found(keys.remittance(remittanceId))));

/** Created (version 1), or settled if still the version read: of two operators settling it at once, one wins. */
export function save(r: Remittance): Write {
  return {
    item: {
      Put: {
        TableName: tableName(),
        Item: item(r),
        ConditionExpression: r.version === 1 ? 'attribute_not_exists(pk)' : 'version = :previous',
        ...(r.version === 1 ? {} : { ExpressionAttributeValues: { ':previous': r.version - 1 } }),
      },
    },
    onConditionFailed: () => new ConflictError('changed-meanwhile', msg('changed-meanwhile.remittance')),
  };
}

/** Across stations, one status (the collection index): the queue of PENDING ones oldest first, settled ones newest first. */
export async function ofStatus(status: RemittanceStatus, limit: number, cursor?: string): Promise<Page<Remittance>> {
  return fromItems(await queryPage({ index: 'collection', partition: keys.remittancesOfStatus(status), limit, cursor, newestFirst: status !== 'PENDING' }));
}

/** One station's, newest first (the lookup index), optionally of one status. */
export async function ofStation(stationId: string, status: RemittanceStatus | undefined, limit: number, cursor?: string): Promise<Page<Remittance>> {
  return fromItems(
    await queryPage({
      index: 'lookup',
      partition: keys.remittancesOfStation(stationId),
      ...statusFilter(status),
      limit,
      cursor,
      newestFirst: true,
    }),
  );
}
