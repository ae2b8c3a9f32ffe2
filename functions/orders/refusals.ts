import { yuan } from '#domain/money.ts';
import { ConflictError } from '#shared/errors.ts';

/** What a partner is told when a cash guard fails at commit time. */
export const refusals = {
  overCashLimit: () =>
    new ConflictError(
      'cash-limit-reached',
      "The cash held (the drawer and remittances ops have not yet confirmed) is above this station's cash limit: remit cash to the platform, and have ops confirm it, before taking new orders.",
    ),
  drawerShort: (refundFen: number) => () =>
    new ConflictError(
      'drawer-short',
      `The drawer does not hold the ${yuan(refundFen)} to refund (has the cash been remitted?). Count the drawer, or ask ops to refund the villager.`,
    ),
};
