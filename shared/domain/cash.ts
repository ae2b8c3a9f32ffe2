import { ConflictError, RuleError, fieldError, type FieldError } from '#shared/errors.ts';
import { newId } from '#shared/ids.ts';
import { makeEntry, movements, type Balances, type Entry } from './ledger.ts';
import type { Station } from './station.ts';
import type { StatementDelta } from './statement.ts';
import { msg, type Msg } from '#shared/i18n/messages.ts';

/** The cash-limit rule: while the cash it holds (the drawer and remittances ops have not yet confirmed) is above its limit, a station takes no new orders. */
export const isOverCashLimit = (station: Pick<Station, 'cashLimitFen'>, heldFen: number) => heldFen > station.cashLimitFen;

export function cashLimitReached(station: Pick<Station, 'cashLimitFen'>, held?: { drawerFen: number; pendingFen: number }): ConflictError {
  const limitFen = station.cashLimitFen;
  return new ConflictError(
    'cash-limit-reached',
    !held
      ? msg('cash-limit-reached.held', { limitFen })
      : held.pendingFen > 0
        ? msg('cash-limit-reached.pending', { drawerFen: held.drawerFen, pendingFen: held.pendingFen, limitFen })
        : msg('cash-limit-reached', { drawerFen: held.drawerFen, limitFen }),
  );
}

/** The drawer cannot pay out what it does not hold: a state of the drawer (409), which cash coming in can change. */
export const drawerShort = (detail: Msg = msg('drawer-short'), errors?: FieldError[]) => new ConflictError('drawer-short', detail, errors);

export const remittanceStatuses = ['PENDING', 'CONFIRMED', 'REJECTED'] as const;
export type RemittanceStatus = (typeof remittanceStatuses)[number];

/**
 * Cash the partner sent to the platform against a reference (a bank slip, a
 * courier receipt). It leaves the drawer at once, but the platform has it only
 * when ops confirm (docs/rules.md "Remittances"): until then it is in transit,
 * what the station owes has not dropped and the cash limit has not lifted.
 */
export interface Remittance {
  remittanceId: string;
  stationId: string;
  amountFen: number;
  reference: string;
  status: RemittanceStatus;
  remittedAt: string;
  /** The `sub` of the partner who sent it, and of the operator who settled it. */
  remittedBy: string;
  confirmedAt?: string;
  rejectedAt?: string;
  rejectionReason?: string;
  settledBy?: string;
  updatedAt: string;
  version: number;
}

export function remit(
  stationId: string,
  balances: Balances,
  amountFen: number,
  reference: string,
  by: string,
  now: Date,
): { remittance: Remittance; entry: Entry } {
  if (amountFen > balances.drawerFen) {
    throw drawerShort(msg('drawer-short.remit', { drawerFen: balances.drawerFen }), [
      fieldError('body.amountFen', 'field.atMost', { maxFen: balances.drawerFen }),
    ]);
  }
  const at = now.toISOString();
  const remittance: Remittance = {
    remittanceId: newId('remittance', now.getTime()),
    stationId,
    amountFen,
    reference,
    status: 'PENDING',
    remittedAt: at,
    remittedBy: by,
    updatedAt: at,
    version: 1,
  };
  const entry = makeEntry({ stationId, kind: 'REMITTANCE', remittanceId: remittance.remittanceId, reference, at: now }, movements.remitted(amountFen))!;
  return { remittance, entry };
}

function settled(r: Remittance, doing: 'confirm' | 'reject'): ConflictError {
  return new ConflictError('remittance-settled', msg('remittance-settled', { doing, status: r.status }));
}

/** Ops saw the money arrive: what the station owes drops, and the month's statement counts it as remitted. */
export function confirmRemittance(r: Remittance, by: string, now: Date): { remittance: Remittance; entry: Entry; statement: StatementDelta } {
  if (r.status !== 'PENDING') throw settled(r, 'confirm');
  const at = now.toISOString();
  const remittance: Remittance = { ...r, status: 'CONFIRMED', confirmedAt: at, settledBy: by, updatedAt: at, version: r.version + 1 };
  const entry = makeEntry(
    { stationId: r.stationId, kind: 'REMITTANCE_CONFIRMED', remittanceId: r.remittanceId, reference: r.reference, at: now },
    movements.remittanceConfirmed(r.amountFen),
  )!;
  return { remittance, entry, statement: { remittedFen: r.amountFen } };
}

/** The money never arrived (or not all of it): the cash is the drawer's again, and the partner has to remit it anew. */
export function rejectRemittance(r: Remittance, reason: string, by: string, now: Date): { remittance: Remittance; entry: Entry } {
  if (r.status !== 'PENDING') throw settled(r, 'reject');
  const at = now.toISOString();
  const remittance: Remittance = {
    ...r,
    status: 'REJECTED',
    rejectedAt: at,
    rejectionReason: reason,
    settledBy: by,
    updatedAt: at,
    version: r.version + 1,
  };
  const entry = makeEntry(
    { stationId: r.stationId, kind: 'REMITTANCE_REJECTED', remittanceId: r.remittanceId, reference: r.reference, reason, at: now },
    movements.remittanceRejected(r.amountFen),
  )!;
  return { remittance, entry };
}

export interface CashCount {
  countId: string;
  stationId: string;
  expectedFen: number;
  countedFen: number;
  /** counted − expected: negative is a shortage. */
  varianceFen: number;
  /** The station's limit when counted; beyond it (either way) the count is flagged for ops. */
  varianceLimitFen: number;
  flagged: boolean;
  reason?: string;
  at: string;
}

/** End of day: the partner counts the drawer; any difference is recorded, with a reason, as a variance entry. */
export function countDrawer(
  stationId: string,
  balances: Balances,
  countedFen: number,
  reason: string | undefined,
  varianceLimitFen: number,
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
    varianceLimitFen,
    flagged: Math.abs(varianceFen) > varianceLimitFen,
    ...(reason ? { reason } : {}),
    at: now.toISOString(),
  };
  const entry = makeEntry({ stationId, kind: 'CASH_COUNT', at: now, ...(reason ? { reason } : {}) }, movements.counted(varianceFen));
  return { count, ...(entry ? { entry, statement: { varianceFen } } : {}) };
}

/** What a partner is told when a cash guard fails at commit time (a write's `onConditionFailed`). */
export const cashRefusals = {
  overCashLimit: (station: Station) => () => cashLimitReached(station),
  drawerShort: (refundFen: number) => () => drawerShort(msg('drawer-short.refund.remitted', { refundFen })),
};
