import type { Balances } from '#domain/ledger.ts';
import type { Station } from '#domain/station.ts';
import { NotFoundError } from '#shared/errors.ts';
import { getMany } from './batch.ts';
import { withoutKeys } from './items.ts';
import * as keys from './keys.ts';
import { balancesOf } from './ledger.ts';
import type { Page } from './query.ts';
import { read, type Read } from './reads.ts';
import * as stationStore from './stations.ts';

export interface StationCash {
  station: Station;
  balances: Balances;
}

/** The station and its balances, as a command's read (fetched with its idempotency record). */
export const stationCashRead = (stationId: string): Read<StationCash> =>
  read([keys.station(stationId), keys.cash(stationId)], (found) => {
    const station = found(keys.station(stationId));
    if (!station) throw new NotFoundError('station');
    return { station: withoutKeys<Station>(station), balances: balancesOf(found(keys.cash(stationId))) };
  });

/**
 * A page of every station (by county and name) with its balances: one Query of
 * the stations' collection, then one BatchGetItem of the page's cash items (a
 * page is at most 100 stations, one batch).
 */
export async function stationCashPage(limit: number, cursor?: string): Promise<Page<StationCash>> {
  const page = await stationStore.list(limit, cursor);
  const found = await getMany(page.items.map((s) => keys.cash(s.stationId)));
  return { ...page, items: page.items.map((station) => ({ station, balances: balancesOf(found(keys.cash(station.stationId))) })) };
}

/** The station and its balances in one round trip. */
export async function readStationCash(stationId: string): Promise<StationCash> {
  const read = stationCashRead(stationId);
  return read.from(await getMany(read.keys));
}
