import { codeMatches, issueCode } from '#shared/codes.ts';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { fold } from '#domain/ledger.ts';
import {
  cancelOrder,
  checkDeliveryCode,
  handOver,
  markArrived,
  placeOrder,
  reissueReceipt,
  returnGoods,
  splitRefund,
  takeProduceCreditPayment,
  takePayment,
  type Order,
} from '#domain/order.ts';
import { priceLines } from '#domain/pricing.ts';
import type { Product } from '#domain/product.ts';
import type { Station } from '#domain/station.ts';
import type { Villager } from '#domain/villager.ts';

const now = new Date('2026-11-21T02:00:00Z');
const later = (days: number) => new Date(now.getTime() + days * 86_400_000);

const product = (sku: string, online: number, store: number, cost: number, returnWindowDays = 7): Product => ({
  sku,
  title: sku,
  category: 'appliances',
  onlinePriceFen: online,
  localStorePriceFen: store,
  merchantCostFen: cost,
  weightGrams: 1000,
  needsInstallation: false,
  returnWindowDays,
  warrantyDays: 365,
  createdAt: '',
  updatedAt: '',
});
const catalogue = new Map([
  ['AC', product('AC', 390_000, 450_000, 370_000)],
  ['ODD', product('ODD', 999, 1_000, 666)],
  ['RICE', product('RICE', 8_990, 10_990, 8_100, 0)],
]);
const station = { stationId: 'st_1', commissionShareBp: 3_000, cashLimitFen: 100_000_00 } as Station;
const villager = { villagerId: 'vl_1', villageId: 'vg_1' } as Villager;

function placed(lines: { sku: string; qty: number }[], cash = 0, shareBp = 3_000): Order {
  return placeOrder({
    station: { ...station, commissionShareBp: shareBp },
    villager,
    lines: priceLines(lines, catalogue, shareBp),
    paymentMode: 'CASH_ON_ORDER',
    fulfilment: 'STATION_PICKUP',
    cashReceivedFen: cash,
    drawerFen: 0,
    code: issueCode('123456'),
    messageId: 'msg_01KBZZZZZZZZZZZZZZZZZZZZZZ',
    now,
  }).order;
}

function pickedUp(order: Order): Order {
  const arrived = markArrived(order, now);
  return handOver(arrived, { how: 'PICKED_UP', cashCollectedFen: arrived.outstandingFen, firstThisMonth: true, now }).order;
}

test('placing copies prices, projects commission with the station share, and owes the total', () => {
  const order = placed([{ sku: 'AC', qty: 2 }]);
  expect(order).toMatchObject({
    totalFen: 780_000,
    savingsFen: 120_000,
    commissionFen: 12_000,
    paidFen: 0,
    outstandingFen: 780_000,
    status: 'PLACED',
    commissionShareBp: 3_000,
  });
  expect(order.lines[0]).toMatchObject({ merchantCostFen: 370_000, commissionFen: 12_000, returnedQty: 0 });
});

test('unknown and repeated SKUs are named by path', () => {
  expect(() =>
    priceLines(
      [
        { sku: 'AC', qty: 1 },
        { sku: 'NOPE', qty: 1 },
        { sku: 'AC', qty: 2 },
      ],
      catalogue,
      3000,
    ),
  ).toThrow(
    expect.objectContaining({
      status: 422,
      errors: [
        { path: 'body.lines.1.sku', message: expect.objectContaining({ key: expect.any(String) }) },
        { path: 'body.lines.2.sku', message: expect.objectContaining({ key: expect.any(String) }) },
      ],
    }),
  );
});

test('a drawer above the cash limit takes no new order (409 saying to remit)', () => {
  expect(() =>
    placeOrder({
      station,
      villager,
      lines: priceLines([{ sku: 'AC', qty: 1 }], catalogue, 3000),
      paymentMode: 'CASH_ON_ORDER',
      fulfilment: 'HOME_DELIVERY',
      cashReceivedFen: 0,
      drawerFen: 100_000_01,
      code: issueCode(),
      messageId: 'msg_01KBZZZZZZZZZZZZZZZZZZZZZZ',
      now,
    }),
  ).toThrow(expect.objectContaining({ status: 409, code: 'cash-limit-reached', message: expect.stringContaining('remit') }));
});

describe('payments and hand-over', () => {
  test('part payments add up; overpaying is refused; hand-over needs the rest and earns the commission once', () => {
    let order = placed([{ sku: 'AC', qty: 1 }]);
    order = takePayment(order, 100_000, now).order;
    expect(() => takePayment(order, 290_001, now)).toThrow(expect.objectContaining({ code: 'overpayment' }));
    order = markArrived(order, now);
    expect(() => handOver(order, { how: 'PICKED_UP', cashCollectedFen: 0, firstThisMonth: true, now })).toThrow(
      expect.objectContaining({ code: 'payment-outstanding' }),
    );
    const t = handOver(order, { how: 'PICKED_UP', cashCollectedFen: 290_000, firstThisMonth: true, now });
    expect(t.order).toMatchObject({ status: 'PICKED_UP', paidFen: 390_000, outstandingFen: 0, commissionEarnedFen: 6_000 });
    expect(t.statement).toEqual({
      salesFen: 390_000,
      ordersHandedOver: 1,
      villagersServed: 1,
      savingsFen: 60_000,
      commissionFen: 6_000,
      cashCollectedFen: 290_000,
    });
    expect(fold([t.entry!])).toEqual({
      drawerFen: 290_000,
      pendingRemittancesFen: 0,
      dueToPlatformFen: 284_000,
      commissionEarnedFen: 6_000,
      varianceFen: 0,
      villagerCreditFen: 0,
    });
    expect(() => handOver(t.order, { how: 'PICKED_UP', cashCollectedFen: 0, firstThisMonth: false, now })).toThrow(expect.objectContaining({ status: 409 }));
  });

  test('wrong codes count, the fifth locks the order, and a locked order refuses even the right code', () => {
    let order = markArrived(placed([{ sku: 'AC', qty: 1 }]), now);
    for (let i = 1; i <= 5; i++) {
      const check = checkDeliveryCode(order, '000000', codeMatches, now);
      if (check.ok) throw new Error('a wrong code passed');
      order = check.order;
      expect(check.error.code).toBe(i < 5 ? 'wrong-delivery-code' : 'order-locked');
    }
    expect(order).toMatchObject({ wrongCodeAttempts: 5, lockedForOps: true });
    expect(() => checkDeliveryCode(order, '123456', codeMatches, now)).toThrow(expect.objectContaining({ status: 409, code: 'order-locked' }));
  });

  test('a reprint issues a new code: the old one stops working, the count of receipts goes up; none once handed over or locked', () => {
    const order = markArrived(placed([{ sku: 'AC', qty: 1 }]), now);
    const { order: reprinted, deliveryCode } = reissueReceipt(order, now, { villager, code: issueCode('654321'), messageId: 'msg_01KBZZZZZZZZZZZZZZZZZZZZZZ' });
    expect(deliveryCode).toBe('654321');
    expect(reprinted).toMatchObject({ receiptsIssued: 2, receiptReissuedAt: now.toISOString(), version: order.version + 1 });
    expect(checkDeliveryCode(reprinted, '654321', codeMatches, now).ok).toBe(true);
    expect(checkDeliveryCode(reprinted, '123456', codeMatches, now).ok).toBe(false);
    expect(() =>
      reissueReceipt(pickedUp(placed([{ sku: 'AC', qty: 1 }], 390_000)), now, { villager, code: issueCode(), messageId: 'msg_01KBZZZZZZZZZZZZZZZZZZZZZZ' }),
    ).toThrow(expect.objectContaining({ status: 409, code: 'no-code-needed' }));
    expect(() => reissueReceipt({ ...order, lockedForOps: true }, now, { villager, code: issueCode(), messageId: 'msg_01KBZZZZZZZZZZZZZZZZZZZZZZ' })).toThrow(
      expect.objectContaining({ status: 409, code: 'order-locked' }),
    );
  });
});

test('cancelling before arrival refunds exactly what was paid; after arrival it is refused', () => {
  const order = placed([{ sku: 'AC', qty: 1 }], 50_000);
  const c = cancelOrder(order, '不要了', now);
  expect(c.refundFen).toBe(50_000);
  expect(c.order).toMatchObject({ status: 'CANCELLED', refundedFen: 50_000, outstandingFen: 0 });
  expect(fold([c.entry!])).toEqual({
    drawerFen: -50_000,
    pendingRemittancesFen: 0,
    dueToPlatformFen: -50_000,
    commissionEarnedFen: 0,
    varianceFen: 0,
    villagerCreditFen: 0,
  });
  expect(() => cancelOrder(markArrived(placed([{ sku: 'AC', qty: 1 }]), now), undefined, now)).toThrow(expect.objectContaining({ status: 409 }));
});

describe('returns reverse exactly what was earned', () => {
  test('partial then full return of an odd line: reversals sum to the commission earned', () => {
    const order = pickedUp(placed([{ sku: 'ODD', qty: 3 }], 0, 3_333)); // earned floor(333×3×0.3333) = 332
    expect(order.commissionEarnedFen).toBe(332);
    const first = returnGoods(order, [{ sku: 'ODD', qty: 1 }], '坏了', later(1));
    expect(first.record.commissionReversedFen).toBe(332 - 221); // kept 2: floor(221.98) = 221
    const second = returnGoods(first.order, [{ sku: 'ODD', qty: 2 }], '都不要', later(2));
    expect(second.record.commissionReversedFen).toBe(221);
    expect(first.record.commissionReversedFen + second.record.commissionReversedFen).toBe(332);
    expect(second.order).toMatchObject({ commissionEarnedFen: 0, commissionFen: 0, refundedFen: 2_997, returnedFen: 2_997 });
    expect(() => returnGoods(second.order, [{ sku: 'ODD', qty: 1 }], 'again', later(2))).toThrow(expect.objectContaining({ code: 'not-returnable' }));
  });

  test("the month's statement loses the sale, saving and commission of what came back", () => {
    const order = pickedUp(placed([{ sku: 'AC', qty: 2 }]));
    const r = returnGoods(order, [{ sku: 'AC', qty: 1 }], '尺寸不合适', later(3));
    expect(r.statement).toEqual({ salesFen: -390_000, savingsFen: -60_000, commissionFen: -6_000, refundsFen: 390_000, refundsToCreditFen: 0, returns: 1 });
    expect(r.record).toMatchObject({ refundFen: 390_000, commissionReversedFen: 6_000 });
  });

  test('outside the window, or for goods with no returns, it is refused by line', () => {
    const order = pickedUp(
      placed([
        { sku: 'AC', qty: 1 },
        { sku: 'RICE', qty: 1 },
      ]),
    );
    expect(() => returnGoods(order, [{ sku: 'AC', qty: 1 }], 'late', later(8))).toThrow(
      expect.objectContaining({ errors: [{ path: 'body.lines.0.sku', message: { key: 'field.returnWindowPassed', params: { title: 'AC', days: 7 } } }] }),
    );
    expect(() => returnGoods(order, [{ sku: 'RICE', qty: 1 }], 'x', later(0))).toThrow(
      expect.objectContaining({ errors: [{ path: 'body.lines.0.sku', message: { key: 'field.noReturns', params: { title: 'RICE' } } }] }),
    );
  });

  test('property: any sequence of returns reverses at most what was earned, exactly all when everything returns', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 8 }),
        (qty, bp, chunks) => {
          let order = pickedUp(placed([{ sku: 'ODD', qty }], 0, bp));
          const earned = order.commissionEarnedFen;
          let reversed = 0;
          for (const chunk of chunks) {
            const left = qty - order.lines[0]!.returnedQty;
            if (left === 0) break;
            const r = returnGoods(order, [{ sku: 'ODD', qty: Math.min(chunk, left) }], 'x', later(1));
            reversed += r.record.commissionReversedFen;
            expect(r.record.commissionReversedFen).toBeGreaterThanOrEqual(0);
            order = r.order;
          }
          expect(reversed).toBeLessThanOrEqual(earned);
          expect(order.commissionEarnedFen).toBe(earned - reversed);
          if (order.lines[0]!.returnedQty === qty) expect(reversed).toBe(earned);
        },
      ),
    );
  });
});

test('credit spent on an order: paid like cash, no cash moves, never more than is outstanding', () => {
  const order = placed([{ sku: 'AC', qty: 1 }]);
  const t = takeProduceCreditPayment(order, 10_000, new Date('2026-11-21T03:00:00Z'));
  expect(t.order).toMatchObject({ paidFen: order.paidFen + 10_000, outstandingFen: order.outstandingFen - 10_000 });
  expect(t.entry).toMatchObject({ kind: 'CREDIT_PAYMENT', orderId: order.orderId, villagerId: order.villagerId });
  expect(fold([t.entry!])).toMatchObject({ drawerFen: 0, villagerCreditFen: -10_000, dueToPlatformFen: 10_000 });
  expect(t.statement).toBeUndefined();
  expect(() => takeProduceCreditPayment(order, order.outstandingFen + 1, new Date())).toThrow(/outstanding/);
});

describe('refunds go back the way the order was paid', () => {
  const paidWithCredit = (cash: number, credit: number) => takeProduceCreditPayment(placed([{ sku: 'ODD', qty: 4 }], cash), credit, now).order;

  test('a cancel gives the credit part back to the credit (no cash), the rest from the drawer', () => {
    const c = cancelOrder(paidWithCredit(1_000, 2_996), undefined, now);
    expect(c.refund).toEqual({ refundFen: 3_996, toCreditFen: 2_996, cashFen: 1_000, creditInCashFen: 0 });
    expect(c.order).toMatchObject({ refundedFen: 3_996, paidByCreditFen: 2_996, refundedToCreditFen: 2_996 });
    expect(c.creditRefund).toEqual({ villagerId: 'vl_1', amountFen: 2_996 });
    expect(c.entry).toMatchObject({ kind: 'REFUND', villagerId: 'vl_1' });
    // The mirror of the credit payment, and the cash refund.
    expect(fold([c.entry!])).toMatchObject({ drawerFen: -1_000, villagerCreditFen: 2_996, dueToPlatformFen: -3_996 });
    expect(c.statement).toEqual({ refundsFen: 1_000, refundsToCreditFen: 2_996 });
  });

  test('returns take the credit first, then cash; an erased villager gets their credit part in cash', () => {
    const order = pickedUp(paidWithCredit(1_996, 2_000));
    const first = returnGoods(order, [{ sku: 'ODD', qty: 1 }], 'x', later(1));
    expect(first.refund).toMatchObject({ toCreditFen: 999, cashFen: 0 });
    const second = returnGoods(first.order, [{ sku: 'ODD', qty: 2 }], 'x', later(1));
    expect(second.refund).toMatchObject({ toCreditFen: 1_001, cashFen: 997 });
    expect(second.record.refundedToCreditFen).toBe(1_001);
    const erased = returnGoods(first.order, [{ sku: 'ODD', qty: 2 }], 'x', later(1), { villagerErased: true });
    expect(erased.refund).toEqual({ refundFen: 1_998, toCreditFen: 0, cashFen: 1_998, creditInCashFen: 1_001 });
    expect(erased.creditRefund).toBeUndefined();
    expect(erased.order).toMatchObject({ refundedToCreditFen: 999, creditRefundedInCashFen: 1_001 });
    expect(fold([erased.entry!]).villagerCreditFen).toBe(0);
  });

  test('an order kept before credit was told apart (no such fields) is refunded all in cash', () => {
    const { paidByCreditFen: _p, refundedToCreditFen: _r, ...old } = placed([{ sku: 'ODD', qty: 1 }], 999);
    expect(splitRefund(old as Order, 999).split).toEqual({ refundFen: 999, toCreditFen: 0, cashFen: 999, creditInCashFen: 0 });
  });

  test('property: refunds never give back more of a source than was paid with it, and credit goes back first', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.nat(), fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 8 }), (qty, seed, chunks) => {
        const total = 999 * qty;
        const credit = seed % (total + 1);
        let order = pickedUp(takeProduceCreditPayment(placed([{ sku: 'ODD', qty }], total - credit), credit, now).order);
        let toCredit = 0;
        let cash = 0;
        for (const chunk of chunks) {
          const left = qty - order.lines[0]!.returnedQty;
          if (left === 0) break;
          const r = returnGoods(order, [{ sku: 'ODD', qty: Math.min(chunk, left) }], 'x', later(1));
          if (r.refund.cashFen > 0) expect(toCredit + r.refund.toCreditFen).toBe(credit);
          toCredit += r.refund.toCreditFen;
          cash += r.refund.cashFen;
          order = r.order;
        }
        expect(toCredit).toBeLessThanOrEqual(credit);
        expect(cash).toBeLessThanOrEqual(total - credit);
        expect(order.refundedToCreditFen).toBe(toCredit);
        expect(order.refundedFen).toBe(toCredit + cash);
      }),
    );
  });
});
