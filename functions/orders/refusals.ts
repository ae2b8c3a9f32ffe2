import { yuan } from '#domain/money.ts';
import { cashLimitReached, drawerShort } from '#domain/cash.ts';
import type { Station } from '#domain/station.ts';

/** What a partner is told when a cash guard fails at commit time. */
export const refusals = {
  overCashLimit: (station: Station) => () => cashLimitReached(station),
  drawerShort: (refundFen: number) => () =>
    drawerShort(
      `The drawer does not hold the ${yuan(refundFen)} to refund (has the cash been remitted?). Count the drawer, or ask ops to refund the villager.`,
    ),
};
