import { describe, expect, test } from 'vitest';
import { auditStation } from '#domain/audit.ts';
import { fold, type Entry } from '#domain/ledger.ts';
import { useApi } from '../support/api.ts';
import { expectOk, unique } from '../support/fixture.ts';
import { expectProblem, freshStation, partnerCalls, thisMonth, type Day } from '../support/station-day.ts';

/**
 * docs/rules.md "Cancellations, returns and refunds": a refund goes back the
 * way the order was paid. What was paid with the villager's produce credit (and
 * not yet refunded) goes back to their credit first, needing no cash; only the
 * rest comes out of the drawer.
 */
const api = useApi();

/** A station whose seller has ¥118.20 of credit (one ticket of chestnuts on credit) and, unless told otherwise, cash in the drawer. */
async function creditDay(drawerFen = 9_990) {
  const day = await freshStation(api);
  const p = partnerCalls(api, day);
  const code = unique('CHESTNUT-').toUpperCase();
  await expectOk(
    api.call('PUT', `/v1/produce/${code}`, { token: day.ops, body: { title: '板栗', grades: [{ grade: 'A', priceFenPerKg: 1_200 }], feeFenPerKg: 50 } }),
    201,
  );
  const seller = await day.villager('李秀兰', 1);
  const buyer = await day.villager('王大明');
  if (drawerFen > 0) {
    const qty = drawerFen / 999;
    await expectOk(
      p.place({
        villagerId: buyer,
        lines: [{ sku: day.sku.odd, qty }],
        paymentMode: 'CASH_ON_ORDER',
        fulfilment: 'STATION_PICKUP',
        cashReceivedFen: drawerFen,
      }),
      201,
    );
  }
  await expectOk(
    api.call('POST', `/v1/stations/${day.stationId}/weigh-tickets`, {
      token: day.partner,
      key: true,
      body: { villagerId: seller, code, grade: 'A', grossGrams: 10_350, tareGrams: 350, deductionBp: 150, payout: 'CREDIT' },
    }),
    201,
  );
  const credit = async (id = seller) => (await expectOk(api.call('GET', `/v1/stations/${day.stationId}/villagers/${id}`, { token: day.partner }))).creditFen;
  const payByCredit = (orderId: string, amountFen: number) =>
    api.call('POST', `/v1/orders/${orderId}/payments`, { token: day.partner, key: true, body: { amountFen, source: 'CREDIT' } });
  return { day, p, seller, buyer, credit, payByCredit };
}

const journal = async (day: Day): Promise<Entry[]> =>
  (await expectOk(api.call('GET', `/v1/stations/${day.stationId}/cash/entries?limit=100`, { token: day.partner }))).items;

/** The auditor finds nothing wrong with the station's journal, balances, these orders and the month. */
async function expectCleanAudit(day: Day, orderIds: string[]) {
  const p = partnerCalls(api, day);
  const entries = await journal(day);
  const cash = await p.cash();
  const folded = fold(entries);
  for (const k of Object.keys(folded) as (keyof typeof folded)[]) expect(cash[k], k).toBe(folded[k]);
  const orders = await Promise.all(orderIds.map((id) => p.order(id)));
  const statement = await p.statement(thisMonth());
  expect(auditStation({ stationId: day.stationId, entries, balances: folded, orders, statements: [statement] })).toEqual([]);
}

describe('cancelling an order paid with credit', () => {
  test('the credit goes back to the villager; the drawer does not move; the order says so', async () => {
    const { day, p, seller, credit, payByCredit } = await creditDay();
    expect(await credit()).toBe(11_820);
    const order = await expectOk(
      p.place({ villagerId: seller, lines: [{ sku: day.sku.odd, qty: 10 }], paymentMode: 'CASH_ON_ORDER', fulfilment: 'STATION_PICKUP' }),
      201,
    );
    const paid = await expectOk(payByCredit(order.orderId, 9_990));
    expect(paid.order).toMatchObject({ paidFen: 9_990, paidByCreditFen: 9_990, refundedToCreditFen: 0 });
    expect(await credit()).toBe(1_830);
    const before = await p.cash();

    const cancelled = await expectOk(p.cancel(order.orderId, '不要了'));
    expect(cancelled).toMatchObject({ status: 'CANCELLED', paidFen: 9_990, refundedFen: 9_990, paidByCreditFen: 9_990, refundedToCreditFen: 9_990 });
    expect(await credit()).toBe(11_820);
    const after = await p.cash();
    expect(after.drawerFen).toBe(before.drawerFen);
    expect(after.villagerCreditFen).toBe(before.villagerCreditFen + 9_990);
    // The credit payment made the station owe the platform for the goods; the refund takes that back.
    expect(after.dueToPlatformFen).toBe(before.dueToPlatformFen - 9_990);
    expect(await p.order(order.orderId)).toMatchObject({ refundedFen: 9_990, refundedToCreditFen: 9_990 });
    // No cash went back: the statement's cash refunds stay 0, the refunds to credit are counted apart.
    expect(await p.statement(thisMonth())).toMatchObject({ refundsFen: 0, refundsToCreditFen: 9_990 });
    await expectCleanAudit(day, [order.orderId]);
  });

  test('with an empty drawer it still succeeds: no cash is needed', async () => {
    const { day, p, seller, credit, payByCredit } = await creditDay(0);
    const order = await expectOk(
      p.place({ villagerId: seller, lines: [{ sku: day.sku.odd, qty: 10 }], paymentMode: 'CASH_ON_ORDER', fulfilment: 'STATION_PICKUP' }),
      201,
    );
    await expectOk(payByCredit(order.orderId, 9_990));
    expect((await p.cash()).drawerFen).toBe(0);
    const cancelled = await expectOk(p.cancel(order.orderId));
    expect(cancelled).toMatchObject({ status: 'CANCELLED', refundedFen: 9_990, refundedToCreditFen: 9_990 });
    expect((await p.cash()).drawerFen).toBe(0);
    expect(await credit()).toBe(11_820);
    await expectCleanAudit(day, [order.orderId]);
  });

  test('part cash, part credit, empty drawer otherwise: the credit part goes back to credit, the cash part from the drawer', async () => {
    const { day, p, seller, credit, payByCredit } = await creditDay(0);
    const order = await expectOk(
      p.place({
        villagerId: seller,
        lines: [{ sku: day.sku.odd, qty: 10 }],
        paymentMode: 'CASH_ON_ORDER',
        fulfilment: 'STATION_PICKUP',
        cashReceivedFen: 3_000,
      }),
      201,
    );
    await expectOk(payByCredit(order.orderId, 6_990));
    expect((await p.cash()).drawerFen).toBe(3_000);
    const cancelled = await expectOk(p.cancel(order.orderId));
    expect(cancelled).toMatchObject({ refundedFen: 9_990, paidByCreditFen: 6_990, refundedToCreditFen: 6_990 });
    expect((await p.cash()).drawerFen).toBe(0);
    expect(await credit()).toBe(11_820);
    expect(await p.statement(thisMonth())).toMatchObject({ refundsFen: 3_000, refundsToCreditFen: 6_990 });
    await expectCleanAudit(day, [order.orderId]);
  });
});

describe('returning goods of an order paid half in cash, half with credit', () => {
  test('the refund goes to credit first, then cash; never more of either than was paid that way', async () => {
    const { day, p, seller, credit, payByCredit } = await creditDay(0);
    // Four pairs of glasses, ¥39.96: ¥19.96 in cash at the counter, ¥20.00 from the villager's credit.
    const order = await expectOk(
      p.place({
        villagerId: seller,
        lines: [{ sku: day.sku.odd, qty: 4 }],
        paymentMode: 'CASH_ON_ORDER',
        fulfilment: 'STATION_PICKUP',
        cashReceivedFen: 1_996,
      }),
      201,
    );
    await expectOk(payByCredit(order.orderId, 2_000));
    await expectOk(p.arrive(order.orderId));
    await expectOk(p.pickUp(order.orderId, order.deliveryCode));
    expect(await credit()).toBe(9_820);
    expect((await p.cash()).drawerFen).toBe(1_996);

    // One pair (¥9.99): all of it back to credit.
    const first = await expectOk(p.returnGoods(order.orderId, [{ sku: day.sku.odd, qty: 1 }]), 201);
    expect(first).toMatchObject({ refundFen: 999, refundedToCreditFen: 999 });
    expect(first.order).toMatchObject({ refundedFen: 999, refundedToCreditFen: 999 });
    expect(await credit()).toBe(10_819);
    expect((await p.cash()).drawerFen).toBe(1_996);

    // Two more (¥19.98): the ¥10.01 of credit left first, then ¥9.97 in cash.
    const second = await expectOk(p.returnGoods(order.orderId, [{ sku: day.sku.odd, qty: 2 }]), 201);
    expect(second).toMatchObject({ refundFen: 1_998, refundedToCreditFen: 1_001 });
    expect(second.order).toMatchObject({ refundedFen: 2_997, refundedToCreditFen: 2_000 });
    expect(await credit()).toBe(11_820);
    expect((await p.cash()).drawerFen).toBe(1_996 - 997);

    // The last one: all cash, and the drawer has given back exactly the cash it took.
    const third = await expectOk(p.returnGoods(order.orderId, [{ sku: day.sku.odd, qty: 1 }]), 201);
    expect(third).toMatchObject({ refundFen: 999, refundedToCreditFen: 0 });
    expect(third.order).toMatchObject({ paidFen: 3_996, refundedFen: 3_996, paidByCreditFen: 2_000, refundedToCreditFen: 2_000 });
    expect((await p.cash()).drawerFen).toBe(0);
    expect(await credit()).toBe(11_820);
    expect(await p.statement(thisMonth())).toMatchObject({ refundsFen: 1_996, refundsToCreditFen: 2_000, salesFen: 0 });
    await expectCleanAudit(day, [order.orderId]);
  });
});

describe('a claim resolved by RETURN on goods paid partly with credit', () => {
  test('refunds through the returns rules: the credit part back to credit, the rest from the drawer; the claim says how', async () => {
    const { day, p, seller, credit, payByCredit } = await creditDay(0);
    const order = await expectOk(
      p.place({
        villagerId: seller,
        lines: [{ sku: day.sku.ac, qty: 1 }],
        paymentMode: 'CASH_ON_ORDER',
        fulfilment: 'STATION_PICKUP',
        cashReceivedFen: 389_000,
      }),
      201,
    );
    await expectOk(payByCredit(order.orderId, 1_000));
    await expectOk(p.arrive(order.orderId));
    await expectOk(p.pickUp(order.orderId, order.deliveryCode));
    const claim = await expectOk(
      api.call('POST', `/v1/orders/${order.orderId}/claims`, { token: day.partner, key: true, body: { sku: day.sku.ac, qty: 1, problem: '不制冷' } }),
      201,
    );
    await expectOk(api.call('POST', `/v1/claims/${claim.claimId}/resolve`, { token: day.partner, key: true, body: { remedy: 'RETURN' } }));
    const resolved = await expectOk(api.call('POST', `/v1/claims/${claim.claimId}/approve`, { token: day.ops, key: true, body: {} }));
    expect(resolved).toMatchObject({ status: 'RETURNED', refundFen: 390_000, refundedToCreditFen: 1_000 });
    expect(await credit()).toBe(11_820);
    expect((await p.cash()).drawerFen).toBe(0);
    expect(await p.order(order.orderId)).toMatchObject({ refundedFen: 390_000, refundedToCreditFen: 1_000 });
    await expectCleanAudit(day, [order.orderId]);
  });
});

describe('a villager erased after spending their credit', () => {
  test('the credit part is refunded in cash (no credit can be kept for them); refused only if the drawer is short', async () => {
    const { day, p, seller, buyer, payByCredit } = await creditDay(1_998);
    const order = await expectOk(
      p.place({ villagerId: seller, lines: [{ sku: day.sku.odd, qty: 10 }], paymentMode: 'CASH_ON_ORDER', fulfilment: 'STATION_PICKUP' }),
      201,
    );
    await expectOk(payByCredit(order.orderId, 9_990));
    // ¥1.83 of credit left: paid out so the villager can withdraw consent.
    await expectOk(
      api.call('POST', `/v1/stations/${day.stationId}/villagers/${seller}/payouts`, { token: day.partner, key: true, body: { amountFen: 1_830 } }),
      200,
    );
    expect((await api.call('DELETE', `/v1/stations/${day.stationId}/villagers/${seller}`, { token: day.partner, key: true })).status).toBe(204);
    expect((await p.cash()).drawerFen).toBe(168);

    expectProblem(await p.cancel(order.orderId, undefined, 'erased-cancel-1'), 409, 'drawer-short');
    expect(await p.order(order.orderId)).toMatchObject({ status: 'PLACED', refundedFen: 0 });

    // Cash comes in (another villager's order), and the cancel goes through in cash.
    await expectOk(
      p.place({
        villagerId: buyer,
        lines: [{ sku: day.sku.odd, qty: 10 }],
        paymentMode: 'CASH_ON_ORDER',
        fulfilment: 'STATION_PICKUP',
        cashReceivedFen: 9_990,
      }),
      201,
    );
    const cancelled = await expectOk(p.cancel(order.orderId));
    expect(cancelled).toMatchObject({
      status: 'CANCELLED',
      refundedFen: 9_990,
      paidByCreditFen: 9_990,
      refundedToCreditFen: 0,
      creditRefundedInCashFen: 9_990,
    });
    const cash = await p.cash();
    expect(cash).toMatchObject({ drawerFen: 168, villagerCreditFen: 0 });
    expect(await p.statement(thisMonth())).toMatchObject({ refundsFen: 9_990, refundsToCreditFen: 0 });
    await expectCleanAudit(day, [order.orderId]);
  });
});
