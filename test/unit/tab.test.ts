import fc from 'fast-check';
import { expect, test } from 'vitest';
import { tabFold } from '#domain/ledger.ts';
import {
  assertCanSell,
  checkDueDate,
  daysPast,
  heldOn,
  remindersDue,
  repay,
  sellOnTab,
  statusOf,
  suggestLimit,
  tabBook,
  writeOff,
  type Tab,
} from '#domain/tab.ts';
import { AppError } from '#shared/errors.ts';

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof AppError) return { status: e.status, code: e.code };
    throw e;
  }
  throw new Error('not refused');
};

const at = (iso: string) => new Date(iso);
const openTab = (limitFen = 100_000): Tab => ({
  stationId: 'st_1',
  villagerId: 'vl_1',
  limitFen,
  status: 'ACTIVE',
  owedFen: 0,
  sales: [],
  soldFen: 0,
  repaidFen: 0,
  writtenOffFen: 0,
  heldFen: 0,
  earnedFen: 0,
  forfeitedFen: 0,
  consent: { requestId: 'treq_1', confirmationId: 'tc_1', text: '', version: 'v', at: '' },
  approvedBy: 'ops',
  createdAt: '',
  updatedAt: '',
  version: 1,
});

test('a sale at 23:30 in Shanghai is on that local day: a due date of the same local day is refused, the next day taken', () => {
  // 2026-11-30 23:30 in Shanghai is 15:30 UTC the same day.
  const lateEvening = at('2026-11-30T15:30:00Z');
  expect(refusal(() => checkDueDate('2026-11-30', lateEvening))).toMatchObject({ status: 422, code: 'tab-due-date' });
  expect(() => checkDueDate('2026-12-01', lateEvening)).not.toThrow();
  // Half an hour later it is December 1st in Shanghai (still November 30th in UTC).
  const afterMidnight = at('2026-11-30T16:30:00Z');
  expect(refusal(() => checkDueDate('2026-12-01', afterMidnight))).toMatchObject({ code: 'tab-due-date' });
});

test('a due date at most 180 days ahead, counted in local days across month ends', () => {
  const now = at('2026-08-31T15:30:00Z'); // 2026-08-31 23:30 local
  expect(() => checkDueDate('2027-02-27', now)).not.toThrow();
  expect(refusal(() => checkDueDate('2027-02-28', now))).toMatchObject({ code: 'tab-due-date' });
});

test('frozen from the local day after the due date, across a month end', () => {
  const tab = sellOnTab(openTab(), { orderId: 'ord_1', amountFen: 10_000, heldFen: 300, dueDate: '2026-11-30' }, at('2026-10-01T02:00:00Z'));
  expect(statusOf(tab, at('2026-11-30T15:59:00Z'))).toBe('ACTIVE'); // 23:59 on the due date
  expect(statusOf(tab, at('2026-11-30T16:00:00Z'))).toBe('FROZEN'); // 00:00 on December 1st
  expect(daysPast('2026-11-30', at('2026-12-01T01:00:00Z'))).toBe(1);
  expect(refusal(() => assertCanSell(tab, 100, at('2026-12-01T01:00:00Z')))).toMatchObject({ status: 422, code: 'tab-frozen' });
});

test('never above the limit', () => {
  const tab = sellOnTab(openTab(20_000), { orderId: 'ord_1', amountFen: 15_000, heldFen: 0, dueDate: '2027-01-31' }, at('2026-12-01T02:00:00Z'));
  expect(() => assertCanSell(tab, 5_000, at('2026-12-01T02:00:00Z'))).not.toThrow();
  expect(refusal(() => assertCanSell(tab, 5_001, at('2026-12-01T02:00:00Z')))).toMatchObject({ code: 'tab-over-limit' });
  expect(refusal(() => assertCanSell(undefined, 1, at('2026-12-01T02:00:00Z')))).toMatchObject({ code: 'tab-none' });
});

test('the held commission is the order’s commission pro rata, floored', () => {
  expect(heldOn({ commissionFen: 1_800, totalFen: 30_000 }, 10_000)).toBe(600);
  expect(heldOn({ commissionFen: 1_001, totalFen: 3_000 }, 1_000)).toBe(333);
});

test('repaid oldest due first; commission earned pro rata, never more than held, exactly all of it once repaid in full (any split)', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.record({ amountFen: fc.integer({ min: 1, max: 50_000 }), heldFen: fc.integer({ min: 0, max: 3_000 }), day: fc.integer({ min: 1, max: 28 }) }),
        {
          minLength: 1,
          maxLength: 5,
        },
      ),
      fc.array(fc.integer({ min: 1, max: 40_000 }), { maxLength: 8 }),
      (sales, payments) => {
        let tab = openTab(10_000_000);
        const now = at('2026-12-01T02:00:00Z');
        sales.forEach((s, i) => {
          tab = sellOnTab(
            tab,
            { orderId: `ord_${i}`, amountFen: s.amountFen, heldFen: Math.min(s.heldFen, s.amountFen), dueDate: `2027-01-${String(s.day).padStart(2, '0')}` },
            now,
          );
        });
        const held = tab.heldFen;
        const entries = [];
        let repaidTotal = 0;
        for (const amount of payments) {
          if (tab.owedFen === 0) break;
          const r = repay(tab, Math.min(amount, tab.owedFen), payments.length % 2 ? 'CASH' : 'TICKET', now);
          entries.push(r.entry);
          repaidTotal += r.repaidFen;
          // Oldest due first: a sale is repaid only once every sale due before it is.
          for (const s of r.tab.sales.filter((x) => x.repaidFen > 0)) {
            for (const earlier of r.tab.sales.filter((x) => x.dueDate < s.dueDate)) expect(earlier.repaidFen).toBe(earlier.amountFen);
          }
          tab = r.tab;
          expect(tab.earnedFen).toBeLessThanOrEqual(held);
        }
        // The entries move the tab's accounts by what was repaid and earned, and balance.
        expect(tabFold(entries)).toEqual({ tabOwedFen: 0 - repaidTotal, tabPlatformFen: tab.earnedFen - repaidTotal, commissionHeldFen: 0 - tab.earnedFen });
        if (tab.owedFen > 0) tab = repay(tab, tab.owedFen, 'CASH', now).tab;
        expect(tab.earnedFen).toBe(held);
        for (const s of tab.sales) expect(s.earnedFen).toBe(s.heldFen);
      },
    ),
  );
});

test('repayments never above what is owed', () => {
  const tab = sellOnTab(openTab(), { orderId: 'ord_1', amountFen: 10_000, heldFen: 300, dueDate: '2027-01-31' }, at('2026-12-01T02:00:00Z'));
  expect(refusal(() => repay(tab, 10_001, 'CASH', at('2026-12-01T02:00:00Z')))).toMatchObject({ code: 'tab-overpaid' });
});

test('written off only 180 days after the oldest unpaid due date; the held commission still held is forfeited', () => {
  let tab = sellOnTab(openTab(), { orderId: 'ord_1', amountFen: 10_000, heldFen: 300, dueDate: '2026-01-31' }, at('2025-12-01T02:00:00Z'));
  tab = repay(tab, 5_000, 'CASH', at('2026-01-10T02:00:00Z')).tab;
  expect(refusal(() => writeOff(tab, '搬走了', 'ops', at('2026-07-29T02:00:00Z')))).toMatchObject({ code: 'tab-not-written-off' });
  const w = writeOff(tab, '搬走了', 'ops', at('2026-07-31T02:00:00Z'));
  expect(w.tab).toMatchObject({ status: 'CLOSED', owedFen: 0, writtenOffFen: 5_000, forfeitedFen: 150, earnedFen: 150 });
  expect(tabFold([w.entry])).toEqual({ tabOwedFen: -5_000, tabPlatformFen: -4_850, commissionHeldFen: -150 });
});

test('reminders 7 days before, on the day, 7 and 30 days after, each once; a missed run sends only the latest', () => {
  let tab = sellOnTab(openTab(), { orderId: 'ord_1', amountFen: 10_000, heldFen: 0, dueDate: '2026-12-31' }, at('2026-12-01T02:00:00Z'));
  const offsets = (now: string) => {
    const r = remindersDue(tab, at(now));
    tab = r.tab;
    return r.due.map((d) => d.offset);
  };
  expect(offsets('2026-12-23T02:00:00Z')).toEqual([]);
  expect(offsets('2026-12-24T02:00:00Z')).toEqual([-7]);
  expect(offsets('2026-12-24T09:00:00Z')).toEqual([]);
  expect(offsets('2026-12-31T02:00:00Z')).toEqual([0]);
  expect(offsets('2027-02-15T02:00:00Z')).toEqual([30]);
  expect(offsets('2027-02-16T02:00:00Z')).toEqual([]);
});

test('the suggestion is half of what the villager sold, floored to ¥10, at most ¥5,000, and says why', () => {
  expect(suggestLimit(123_456)).toMatchObject({ limitFen: 61_000 });
  expect(suggestLimit(5_000_000).limitFen).toBe(500_000);
  expect(suggestLimit(0)).toMatchObject({ limitFen: 0 });
  expect(suggestLimit(0).reason).toContain('还没有卖过');
});

test('the tab book sums per station and bands what is overdue by age', () => {
  const now = at('2026-12-01T02:00:00Z');
  let a = sellOnTab(openTab(), { orderId: 'ord_1', amountFen: 1_000, heldFen: 0, dueDate: '2026-11-20' }, now);
  a = sellOnTab(a, { orderId: 'ord_2', amountFen: 2_000, heldFen: 0, dueDate: '2026-08-01' }, now);
  const b = { ...sellOnTab(openTab(), { orderId: 'ord_3', amountFen: 4_000, heldFen: 0, dueDate: '2027-01-20' }, now), villagerId: 'vl_2' };
  const [station] = tabBook([a, b], now);
  expect(station).toMatchObject({ tabs: 2, owedFen: 7_000, overdueFen: 3_000, overdueByAge: { '1-30': 1_000, '31-60': 0, '61-90': 0, '90+': 2_000 } });
});
