import type { Balances } from '../../shared/domain/ledger.ts';
import type { Station } from '../../shared/domain/station.ts';
import { NotFoundError } from '../../shared/errors.ts';
import { getMany } from '../../shared/store/batch.ts';
import { withoutKeys } from '../../shared/store/items.ts';
import { keys } from '../../shared/store/keys.ts';
import { balancesOf } from '../../shared/store/ledger.ts';

export interface StationCash {
  station: Station;
  balances: Balances;
}

/** The station and its balances in one round trip. */
export async function readStationCash(stationId: string): Promise<StationCash> {
  const lookup = await getMany([keys.station(stationId), keys.cash(stationId)]);
  const station = lookup(keys.station(stationId));
  if (!station) throw new NotFoundError('Station');
  return { station: withoutKeys<Station>(station), balances: balancesOf(lookup(keys.cash(stationId))) };
}

export const balancesView = (station: Station, b: Balances) => ({
  stationId: station.stationId,
  ...b,
  cashLimitFen: station.cashLimitFen,
  overLimit: b.drawerFen > station.cashLimitFen,
});

