import { RuleError, fieldError } from '#shared/errors.ts';
import { newId } from '#shared/ids.ts';
import { makeEntry, movements, type Balances, type Entry } from './ledger.ts';
import type { StatementDelta } from './statement.ts';
import { msg } from '#shared/i18n/messages.ts';

/** Cash leaves the drawer for the platform against a reference (a bank slip, a courier receipt). */
export function remit(stationId: string, balances: Balances, amountFen: number, reference: string, now: Date): { entry: Entry; statement: StatementDelta } {
  if (amountFen > balances.drawerFen) {
    throw new RuleError('drawer-short', msg('drawer-short.remit', { drawerFen: balances.drawerFen }), [
      fieldError('body.amountFen', 'field.atMost', { maxFen: balances.drawerFen }),
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
    throw new RuleError('reason-needed', msg('reason-needed', { expectedFen: balances.drawerFen, countedFen }), [
      fieldError('body.reason', 'field.reasonNeeded'),
    ]);
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
