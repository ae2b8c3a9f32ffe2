import { ConflictError, RuleError, type FieldError } from '#shared/errors.ts';
import { newId } from '#shared/ids.ts';
import { makeEntry, movements, type Balances, type Entry } from './ledger.ts';
import { yuan } from './money.ts';
import type { Station } from './station.ts';
import type { StatementDelta } from './statement.ts';

/** The cash-limit rule: above its limit a station takes no new orders until it remits. */
export const isOverCashLimit = (station: Pick<Station, 'cashLimitFen'>, drawerFen: number) => drawerFen > station.cashLimitFen;

export const cashLimitReached = (station: Pick<Station, 'cashLimitFen'>, drawerFen?: number) =>
  new ConflictError(
    'cash-limit-reached',
    drawerFen === undefined
      ? `The drawer is above this station's limit of ${yuan(station.cashLimitFen)}: remit cash to the platform before taking new orders.`
      : `The drawer holds ${yuan(drawerFen)}, above this station's limit of ${yuan(station.cashLimitFen)}: remit cash to the platform before taking new orders.`,
  );

/** The drawer cannot pay out what it does not hold: a state of the drawer (409), which cash coming in can change. */
export const drawerShort = (detail = 'The drawer does not hold that much cash. Check the cash view and try again.', errors?: FieldError[]) =>
  new ConflictError('drawer-short', detail, errors);

/** Cash leaves the drawer for the platform against a reference (a bank slip, a courier receipt). */
export function remit(stationId: string, balances: Balances, amountFen: number, reference: string, now: Date): { entry: Entry; statement: StatementDelta } {
  if (amountFen > balances.drawerFen) {
    throw drawerShort(`The drawer holds ${yuan(balances.drawerFen)}; you cannot remit more than that.`, [
      { path: 'body.amountFen', message: `At most ${balances.drawerFen} fen.` },
    ]);
  }
  const entry = makeEntry({ stationId, kind: 'REMITTANCE', reference, at: now }, movements.remitted(amountFen))!;
  return { entry, statement: { remittedFen: amountFen } };
}

export interface CashCount {
  countId: string;
  stationId: string;
  expectedFen: number;
  countedFen: number;
  /** counted − expected: negative is a shortage. */
  varianceFen: number;
  reason?: string;
  at: string;
}

/** End of day: the partner counts the drawer; any difference is recorded, with a reason, as a variance entry. */
export function countDrawer(
  stationId: string,
  balances: Balances,
  countedFen: number,
  reason: string | undefined,
  now: Date,
): { count: CashCount; entry?: Entry; statement?: StatementDelta } {
  const varianceFen = countedFen - balances.drawerFen;
  if (varianceFen !== 0 && !reason) {
    throw new RuleError(
      'reason-needed',
      `The drawer should hold ${yuan(balances.drawerFen)} but you counted ${yuan(countedFen)}: say why (a reason is kept with the difference).`,
      [{ path: 'body.reason', message: 'Required when the count differs from what is expected.' }],
    );
  }
  const count: CashCount = {
    countId: newId('count', now.getTime()),
    stationId,
    expectedFen: balances.drawerFen,
    countedFen,
    varianceFen,
    ...(reason ? { reason } : {}),
    at: now.toISOString(),
  };
  const entry = makeEntry({ stationId, kind: 'CASH_COUNT', at: now, ...(reason ? { reason } : {}) }, movements.counted(varianceFen));
  return { count, ...(entry ? { entry, statement: { varianceFen } } : {}) };
}
