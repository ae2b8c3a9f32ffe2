import { describe, expect, test } from 'vitest';
import { auditStation, type StationLedger } from '#domain/audit.ts';
import { fold, makeEntry, movements, type Entry } from '#domain/ledger.ts';
import type { Order } from '#domain/order.ts';
import { emptyStatement } from '#domain/statement.ts';

const at = new Date('2026-11-21T02:00:00Z');
const entry = (kind: Entry['kind'], postings: Entry['postings'], orderId?: string): Entry =>
  makeEntry({ stationId: 'st_1', kind, at, ...(orderId ? { orderId } : {}) }, postings)!;

const paid = entry('PAYMENT', movements.cashReceived(10_000), 'ord_1');
const remitted = entry('REMITTANCE', movements.remitted(4_000));
const order = { orderId: 'ord_1', paidFen: 10_000, refundedFen: 0, commissionEarnedFen: 0 } as Order;
const confirmed = entry('REMITTANCE_CONFIRMED', movements.remittanceConfirmed(4_000));
const statement = { ...emptyStatement('2026-11'), cashCollectedFen: 10_000, remittedFen: 4_000 };

function clean(): StationLedger {
  const entries = [paid, remitted, confirmed];
  return { stationId: 'st_1', entries, balances: fold(entries), orders: [order], statements: [statement] };
}

describe('the nightly audit', () => {
  test('a clean ledger: nothing to report', () => {
    expect(auditStation(clean())).toEqual([]);
  });

  test.each([
    [
      'entry-unbalanced',
      (l: StationLedger) => ({ ...l, entries: [{ ...paid, postings: [{ account: 'drawer' as const, amountFen: 10_000 }] }, remitted, confirmed] }),
    ],
    ['balance-drift', (l: StationLedger) => ({ ...l, balances: { ...l.balances, drawerFen: l.balances.drawerFen + 1 } })],
    ['drawer-negative', (l: StationLedger) => ({ ...l, entries: [remitted], balances: fold([remitted]), orders: [], statements: [] })],
    ['order-paid', (l: StationLedger) => ({ ...l, orders: [{ ...order, paidFen: 9_999 }] })],
    ['order-commission', (l: StationLedger) => ({ ...l, orders: [{ ...order, commissionEarnedFen: 1 }] })],
    ['statement-drift', (l: StationLedger) => ({ ...l, statements: [{ ...statement, remittedFen: 0 }] })],
  ])('%s is found and named with its ids', (rule, tamper) => {
    const found = auditStation(tamper(clean()));
    expect(found.map((d) => d.rule)).toContain(rule);
    expect(found.every((d) => d.stationId === 'st_1')).toBe(true);
  });
});

describe('the nightly audit of produce', () => {
  const bought = makeEntry(
    { stationId: 'st_1', kind: 'PRODUCE_BOUGHT', villagerId: 'vl_1', ticketId: 'wt_1', lotId: 'lot_1', at },
    movements.produceBoughtOnCredit(5_000),
  )!;
  const spent = makeEntry({ stationId: 'st_1', kind: 'CREDIT_PAYMENT', villagerId: 'vl_1', orderId: 'ord_2', at }, movements.creditSpent(3_000))!;
  const dispatched = makeEntry({ stationId: 'st_1', kind: 'PRODUCE_DISPATCHED', lotId: 'lot_1', at }, movements.commissionEarned(250))!;
  const creditOrder = { orderId: 'ord_2', paidFen: 3_000, refundedFen: 0, commissionEarnedFen: 0 } as Order;
  const month = { ...emptyStatement('2026-11'), producePaidFen: 5_000, produceFeeFen: 250 };
  const ledger = (entries: Entry[], statements = [month]): StationLedger => ({
    stationId: 'st_1',
    entries,
    balances: fold(entries),
    orders: [creditOrder],
    statements,
  });

  test('credit spent on an order counts as paid; the fee is produce, not commission', () => {
    expect(auditStation(ledger([bought, spent, dispatched]))).toEqual([]);
  });

  test('a villager whose credit goes below zero, a lot that earns its fee twice, and a statement that miscounts produce are named', () => {
    const overspent = makeEntry({ stationId: 'st_1', kind: 'CREDIT_PAYMENT', villagerId: 'vl_1', orderId: 'ord_2', at }, movements.creditSpent(6_000))!;
    const rules = (l: StationLedger) => auditStation(l).map((d) => d.rule);
    expect(rules({ ...ledger([bought, overspent, dispatched]), orders: [{ ...creditOrder, paidFen: 6_000 }] })).toEqual([
      'credit-negative',
      'villager-credit-negative',
    ]);
    const twice = { ...dispatched, entryId: 'je_2' };
    expect(rules(ledger([bought, spent, dispatched, twice], [{ ...month, produceFeeFen: 500 }]))).toEqual(['fee-twice']);
    expect(rules(ledger([bought, spent, dispatched], [{ ...month, produceFeeFen: 0, commissionFen: 250 }]))).toEqual(['statement-drift', 'statement-drift']);
  });
});

describe('the nightly audit of refunds to credit', () => {
  const bought = makeEntry({ stationId: 'st_1', kind: 'PRODUCE_BOUGHT', villagerId: 'vl_1', ticketId: 'wt_1', at }, movements.produceBoughtOnCredit(5_000))!;
  const cashIn = makeEntry({ stationId: 'st_1', kind: 'PAYMENT', orderId: 'ord_3', at }, movements.cashReceived(1_000))!;
  const spent = makeEntry({ stationId: 'st_1', kind: 'CREDIT_PAYMENT', villagerId: 'vl_1', orderId: 'ord_3', at }, movements.creditSpent(3_000))!;
  /** Cash of another order, so the drawer could pay more than this order took. */
  const other = makeEntry({ stationId: 'st_1', kind: 'PAYMENT', orderId: 'ord_9', at }, movements.cashReceived(5_000))!;
  /** The order cancelled: ¥30.00 back to credit, ¥10.00 from the drawer, in one entry. */
  const refund = (toCredit: number, cash: number) =>
    makeEntry(
      { stationId: 'st_1', kind: 'REFUND', villagerId: 'vl_1', orderId: 'ord_3', at },
      movements.creditRefunded(toCredit),
      movements.cashRefunded(cash),
    )!;
  const cancelled = {
    orderId: 'ord_3',
    paidFen: 4_000,
    refundedFen: 4_000,
    paidByCreditFen: 3_000,
    refundedToCreditFen: 3_000,
    commissionEarnedFen: 0,
  } as Order;
  const month = { ...emptyStatement('2026-11'), producePaidFen: 5_000, cashCollectedFen: 6_000, refundsFen: 1_000, refundsToCreditFen: 3_000 };
  const ledger = (entries: Entry[], orders: Order[] = [cancelled], statements = [month]): StationLedger => ({
    stationId: 'st_1',
    entries,
    balances: fold(entries),
    orders,
    statements,
  });
  const rules = (l: StationLedger) => auditStation(l).map((d) => d.rule);

  test('credit given back is refunded; the statement counts it apart from cash refunds', () => {
    expect(rules(ledger([bought, other, cashIn, spent, refund(3_000, 1_000)]))).toEqual([]);
  });

  test('an order kept before credit payments were told apart (no paidByCreditFen) refunded all in cash: nothing to report', () => {
    const { paidByCreditFen: _p, refundedToCreditFen: _r, ...old } = cancelled;
    expect(rules(ledger([bought, other, cashIn, spent, refund(0, 4_000)], [old as Order], [{ ...month, refundsFen: 4_000, refundsToCreditFen: 0 }]))).toEqual(
      [],
    );
  });

  test('more credit given back than was spent, more cash than was taken, an order that misstates its credit, a statement that miscounts: named', () => {
    // All in cash: the credit part must not go back as more cash than the order took in cash.
    expect(
      rules(
        ledger(
          [bought, other, cashIn, spent, refund(0, 4_000)],
          [{ ...cancelled, refundedToCreditFen: 0 }],
          [{ ...month, refundsFen: 4_000, refundsToCreditFen: 0 }],
        ),
      ),
    ).toEqual(['cash-refund-over-paid']);
    // ...unless the villager was erased and the order says so.
    expect(
      rules(
        ledger(
          [bought, other, cashIn, spent, refund(0, 4_000)],
          [{ ...cancelled, refundedToCreditFen: 0, creditRefundedInCashFen: 3_000 }],
          [{ ...month, refundsFen: 4_000, refundsToCreditFen: 0 }],
        ),
      ),
    ).toEqual([]);
    expect(
      rules(
        ledger(
          [bought, other, cashIn, spent, refund(4_000, 0)],
          [{ ...cancelled, refundedToCreditFen: 4_000 }],
          [{ ...month, refundsFen: 0, refundsToCreditFen: 4_000 }],
        ),
      ),
    ).toEqual(['credit-refund-over-paid']);
    expect(rules(ledger([bought, other, cashIn, spent, refund(3_000, 1_000)], [{ ...cancelled, refundedToCreditFen: 2_000 }]))).toEqual([
      'order-refunded-to-credit',
    ]);
    expect(rules(ledger([bought, other, cashIn, spent, refund(3_000, 1_000)], [{ ...cancelled, paidByCreditFen: 4_000 }]))).toEqual(['order-paid-by-credit']);
    expect(rules(ledger([bought, other, cashIn, spent, refund(3_000, 1_000)], [cancelled], [{ ...month, refundsFen: 4_000, refundsToCreditFen: 0 }]))).toEqual([
      'statement-drift',
      'statement-drift',
    ]);
  });
});
