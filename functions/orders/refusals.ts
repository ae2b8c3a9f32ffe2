import { ConflictError } from '#shared/errors.ts';
import { msg } from '#shared/i18n/messages.ts';

/** What a partner is told when a cash guard fails at commit time. */
export const refusals = {
  overCashLimit: () => new ConflictError('cash-limit-reached', msg('cash-limit-reached.commit')),
  drawerShort: (refundFen: number) => () => new ConflictError('drawer-short', msg('drawer-short.refund', { refundFen })),
};
