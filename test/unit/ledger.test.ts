import { expect, test } from 'vitest';
import { balanceDelta, fold, makeEntry, movements, UnbalancedEntryError } from '#domain/ledger.ts';

const at = new Date('2026-11-21T00:00:00Z');

test('an entry nets its movements per account and always sums to zero', () => {
  const e = makeEntry({ stationId: 's', kind: 'HANDOVER', at }, movements.cashReceived(1_000), movements.commissionEarned(30))!;
  expect(e.postings).toEqual([
    { account: 'drawer', amountFen: 1_000 },
    { account: 'dueToPlatform', amountFen: -970 },
    { account: 'commissionEarned', amountFen: -30 },
  ]);
  expect(balanceDelta(e)).toEqual({
    drawerFen: 1_000,
    pendingRemittancesFen: 0,
    dueToPlatformFen: 970,
    commissionEarnedFen: 30,
    varianceFen: 0,
    villagerCreditFen: 0,
  });
});

test('nothing moves: no entry', () => {
  expect(makeEntry({ stationId: 's', kind: 'PAYMENT', at }, movements.cashReceived(0))).toBeUndefined();
});

test('an unbalanced or fractional entry is impossible', () => {
  expect(() => makeEntry({ stationId: 's', kind: 'PAYMENT', at }, [{ account: 'drawer', amountFen: 5 }])).toThrow(UnbalancedEntryError);
  expect(() => makeEntry({ stationId: 's', kind: 'PAYMENT', at }, movements.cashReceived(0.5))).toThrow(UnbalancedEntryError);
});

test('the drawer (and cash in transit) always equals what is owed plus commission plus variance', () => {
  const entries = [
    makeEntry({ stationId: 's', kind: 'PAYMENT', at }, movements.cashReceived(10_000))!,
    makeEntry({ stationId: 's', kind: 'HANDOVER', at }, movements.commissionEarned(300))!,
    makeEntry({ stationId: 's', kind: 'REMITTANCE', at }, movements.remitted(6_000))!,
    makeEntry({ stationId: 's', kind: 'REMITTANCE_CONFIRMED', at }, movements.remittanceConfirmed(6_000))!,
    makeEntry({ stationId: 's', kind: 'CASH_COUNT', at }, movements.counted(-50))!,
  ];
  const b = fold(entries);
  expect(b).toEqual({ drawerFen: 3_950, pendingRemittancesFen: 0, dueToPlatformFen: 3_700, commissionEarnedFen: 300, varianceFen: -50, villagerCreditFen: 0 });
  expect(b.drawerFen + b.pendingRemittancesFen).toBe(b.dueToPlatformFen + b.commissionEarnedFen + b.varianceFen);
});

test('a remittance is in transit until ops settle it: confirmed, what is owed drops; rejected, the drawer has it back', () => {
  const received = makeEntry({ stationId: 's', kind: 'PAYMENT', at }, movements.cashReceived(10_000))!;
  const remitted = makeEntry({ stationId: 's', kind: 'REMITTANCE', at }, movements.remitted(4_000))!;
  expect(fold([received, remitted])).toEqual({
    drawerFen: 6_000,
    pendingRemittancesFen: 4_000,
    dueToPlatformFen: 10_000,
    commissionEarnedFen: 0,
    varianceFen: 0,
    villagerCreditFen: 0,
  });
  const confirmed = makeEntry({ stationId: 's', kind: 'REMITTANCE_CONFIRMED', at }, movements.remittanceConfirmed(4_000))!;
  expect(fold([received, remitted, confirmed])).toMatchObject({ drawerFen: 6_000, pendingRemittancesFen: 0, dueToPlatformFen: 6_000 });
  const rejected = makeEntry({ stationId: 's', kind: 'REMITTANCE_REJECTED', at }, movements.remittanceRejected(4_000))!;
  expect(fold([received, remitted, rejected])).toMatchObject({ drawerFen: 10_000, pendingRemittancesFen: 0, dueToPlatformFen: 10_000 });
});
