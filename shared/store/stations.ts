import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Station } from '#domain/station.ts';
import { NotFoundError } from '#shared/errors.ts';
import type { Write } from './command.ts';
import { putVersioned } from './versioned.ts';
import { db, tableName } from './db.ts';
import { withoutKeys } from './items.ts';
import * as keys from './keys.ts';
import { queryPage, type Page } from './query.ts';

function item(station: Station) {
  return {
    ...keys.station(station.stationId),
    ...keys.stationListing(station.county, station.name, station.stationId),
    type: 'station',
    ...station,
  };
}

export async function find(stationId: string): Promise<Station | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.station(stationId) }));
  return Item ? withoutKeys<Station>(Item) : undefined;
}

export async function get(stationId: string): Promise<Station> {
  const station = await find(stationId);
  if (!station) throw new NotFoundError('station');
  return station;
}

export async function list(limit: number, cursor?: string): Promise<Page<Station>> {
  const page = await queryPage({ index: 'collection', partition: keys.stationsCollection(), limit, cursor });
  return { ...page, items: page.items.map((i) => withoutKeys<Station>(i)) };
}

export function create(station: Station): Write {
  return { item: { Put: { TableName: tableName(), Item: item(station), ConditionExpression: 'attribute_not_exists(pk)' } } };
}

/** Replaced only if nobody changed it since it was read. */
export const replace = (station: Station): Write => putVersioned(item(station), 'station');
