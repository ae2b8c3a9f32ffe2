import type { Balances } from '#domain/ledger.ts';
import type { Station } from '#domain/station.ts';

export const balancesView = (station: Station, b: Balances) => ({
  stationId: station.stationId,
  ...b,
  cashLimitFen: station.cashLimitFen,
  overLimit: b.drawerFen > station.cashLimitFen,
});
