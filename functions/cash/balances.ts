import { isOverCashLimit } from '#domain/cash.ts';
import type { Balances } from '#domain/ledger.ts';
import type { Station } from '#domain/station.ts';

export const balancesView = (station: Station, b: Balances) => ({
  stationId: station.stationId,
  ...b,
  cashLimitFen: station.cashLimitFen,
  overLimit: isOverCashLimit(station, b.drawerFen),
});
