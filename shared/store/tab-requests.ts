import type { RequestStatus, TabRequest } from '#domain/tab.ts';
import type { Write } from './command.ts';
import { tableName } from './db.ts';
import { withoutKeys } from './items.ts';
import * as keys from './keys.ts';
import { queryPage, type Page } from './query.ts';
import { read as readKeys, type Read } from './reads.ts';

const requestItem = (r: TabRequest) => ({
  ...keys.tabRequest(r.requestId),
  ...keys.tabRequestListing(r.stationId, r.villagerId, r.status, r.requestedAt, r.requestId),
  type: 'tabRequest',
  ...r,
});

export const read = (requestId: string): Read<TabRequest | undefined> =>
  readKeys([keys.tabRequest(requestId)], (found) => {
    const item = found(keys.tabRequest(requestId));
    return item ? withoutKeys<TabRequest>(item) : undefined;
  });

export function save(r: TabRequest): Write {
  return {
    item: {
      Put: {
        TableName: tableName(),
        Item: requestItem(r),
        ConditionExpression: r.version === 1 ? 'attribute_not_exists(pk)' : 'version = :previous',
        ...(r.version === 1 ? {} : { ExpressionAttributeValues: { ':previous': r.version - 1 } }),
      },
    },
    replanOnConditionFailed: true,
  };
}

/** One villager's requests at a station, newest first: what the partner sees of ops' decisions and their reasons. */
export async function ofVillager(stationId: string, villagerId: string, limit: number, cursor?: string): Promise<Page<TabRequest>> {
  const page = await queryPage({ index: 'lookup', partition: keys.tabRequestsOfVillager(stationId, villagerId), limit, cursor, newestFirst: true });
  return { ...page, items: page.items.map((i) => withoutKeys<TabRequest>(i)) };
}

/** Across stations, one status, oldest first (what ops should decide). */
export async function ofStatus(status: RequestStatus, limit: number, cursor?: string): Promise<Page<TabRequest>> {
  const page = await queryPage({ index: 'collection', partition: keys.tabRequestsOfStatus(status), limit, cursor });
  return { ...page, items: page.items.map((i) => withoutKeys<TabRequest>(i)) };
}
