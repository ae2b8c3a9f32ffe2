import type { Balances } from '#domain/ledger.ts';
import type { Station } from '#domain/station.ts';
import { NotFoundError } from '#shared/errors.ts';
import { getMany } from './batch.ts';
import { withoutKeys } from './items.ts';
import { keys } from './keys.ts';
import { balancesOf } from './ledger.ts';

export interface StationCash {
  station: Station;
  balances: Balances;
}

/** The station and its balances in one round trip. */
export async function readStationCash(stationId: string): Promise<StationCash> {
  const lookup = await getMany([keys.station(stationId), keys.cash(stationId)]);
  const station = lookup(keys.station(stationId));
  if (!station) throw new NotFoundError('station');
  return { station: withoutKeys<Station>(station), balances: balancesOf(lookup(keys.cash(stationId))) };
}
