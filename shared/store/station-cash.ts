import type { Balances } from '#domain/ledger.ts';
import type { Station } from '#domain/station.ts';
import { NotFoundError } from '#shared/errors.ts';
import { getMany } from './batch.ts';
import { withoutKeys } from './items.ts';
import { keys } from './keys.ts';
import { balancesOf } from './ledger.ts';
import { read, type Read } from './reads.ts';

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

/** The station and its balances in one round trip. */
export async function readStationCash(stationId: string): Promise<StationCash> {
  const read = stationCashRead(stationId);
  return read.from(await getMany(read.keys));
}
