import { isOverCashLimit } from '#domain/cash.ts';
import { cashHeld, type Balances } from '#domain/ledger.ts';
import type { Station } from '#domain/station.ts';

export const balancesView = (station: Station, b: Balances) => ({
  stationId: station.stationId,
  ...b,
  cashLimitFen: station.cashLimitFen,
  /** The drawer and what is in transit: the limit lifts only when ops confirm a remittance. */
  overLimit: isOverCashLimit(station, cashHeld(b)),
});
