import { cashLimitReached, drawerShort } from '#domain/cash.ts';
import type { Station } from '#domain/station.ts';
import { msg } from '#shared/i18n/messages.ts';

/** What a partner is told when a cash guard fails at commit time. */
export const refusals = {
  overCashLimit: (station: Station) => () => cashLimitReached(station),
  drawerShort: (refundFen: number) => () => drawerShort(msg('drawer-short.refund.remitted', { refundFen })),
};
