import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { RoadDistances } from '#domain/delivery/distance.ts';
import { db, tableName } from './db.ts';
import * as keys from './keys.ts';
import { queryPage } from './query.ts';

/** All of a station's entered road distances (a few dozen at most), keyed as the planner wants them. */
export async function get(stationId: string): Promise<RoadDistances> {
  const out: Record<string, number> = {};
  let cursor: string | undefined;
  do {
    const page = await queryPage({ partition: keys.station(stationId).pk, sortPrefix: keys.roadPrefix, limit: 100, cursor });
    for (const item of page.items) out[String(item.pair)] = Number(item.km);
    cursor = page.next;
  } while (cursor);
  return out;
}

/** One distance, one item: two partners entering different roads never overwrite each other. */
export async function set(stationId: string, pair: string, km: number, now: Date): Promise<void> {
  await db().send(
    new PutCommand({ TableName: tableName(), Item: { ...keys.road(stationId, pair), type: 'road', stationId, pair, km, updatedAt: now.toISOString() } }),
  );
}
