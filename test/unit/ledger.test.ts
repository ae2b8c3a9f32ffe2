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
  expect(balanceDelta(e)).toEqual({ drawerFen: 1_000, dueToPlatformFen: 970, commissionEarnedFen: 30, varianceFen: 0 });
});

test('nothing moves: no entry', () => {
  expect(makeEntry({ stationId: 's', kind: 'PAYMENT', at }, movements.cashReceived(0))).toBeUndefined();
});

test('an unbalanced or fractional entry is impossible', () => {
  expect(() => makeEntry({ stationId: 's', kind: 'PAYMENT', at }, [{ account: 'drawer', amountFen: 5 }])).toThrow(UnbalancedEntryError);
  expect(() => makeEntry({ stationId: 's', kind: 'PAYMENT', at }, movements.cashReceived(0.5))).toThrow(UnbalancedEntryError);
});

test('the drawer always equals what is owed plus commission plus variance', () => {
  const entries = [
    makeEntry({ stationId: 's', kind: 'PAYMENT', at }, movements.cashReceived(10_000))!,
    makeEntry({ stationId: 's', kind: 'HANDOVER', at }, movements.commissionEarned(300))!,
    makeEntry({ stationId: 's', kind: 'REMITTANCE', at }, movements.remitted(6_000))!,
    makeEntry({ stationId: 's', kind: 'CASH_COUNT', at }, movements.counted(-50))!,
  ];
  const b = fold(entries);
  expect(b).toEqual({ drawerFen: 3_950, dueToPlatformFen: 3_700, commissionEarnedFen: 300, varianceFen: -50 });
  expect(b.drawerFen).toBe(b.dueToPlatformFen + b.commissionEarnedFen + b.varianceFen);
});
