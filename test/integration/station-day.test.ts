import { beforeAll, describe, expect, test } from 'vitest';
import { fold, type Entry } from '#domain/ledger.ts';
import { useApi } from '../support/api.ts';
import { expectOk } from '../support/fixture.ts';
import { expectProblem, freshStation, partnerCalls, thisMonth, type Day } from '../support/station-day.ts';

const api = useApi();

describe('a whole day of a station, through the API', () => {
  let day: Day;
  let p: ReturnType<typeof partnerCalls>;
  beforeAll(async () => {
    day = await freshStation(api);
    p = partnerCalls(api, day);
  });

  test('orders, payments, arrivals, pick-ups, a return, a remittance and a count: the statement and the cash view match to the fen', async () => {
    const [wang, li] = [await day.villager('王秀英'), await day.villager('李建国', 1)];

    // 1. Wang buys the air conditioner of docs/rules.md "Commission and savings", paying the whole 3,900 yuan now.
    const o1 = await expectOk(
      p.place({ villagerId: wang, lines: [{ sku: day.sku.ac, qty: 1 }], paymentMode: 'CASH_ON_ORDER', fulfilment: 'STATION_PICKUP', cashReceivedFen: 390_000 }),
      201,
    );
    expect(o1).toMatchObject({ status: 'PLACED', totalFen: 390_000, savingsFen: 60_000, commissionFen: 6_000, paidFen: 390_000, outstandingFen: 0 });
    expect(o1.deliveryCode).toMatch(/^\d{6}$/);
    expect(o1.lines[0].merchantCostFen).toBeUndefined(); // partners never see the merchant cost

    // 2. Li orders two bags of rice, cash on delivery, and leaves 50 yuan now.
    const o2 = await expectOk(
      p.place({ villagerId: li, lines: [{ sku: day.sku.rice, qty: 2 }], paymentMode: 'CASH_ON_DELIVERY', fulfilment: 'STATION_PICKUP' }),
      201,
    );
    expect(await expectOk(p.pay(o2.orderId, 5_000))).toMatchObject({ paidFen: 5_000, outstandingFen: 12_980 });

    // 3. At the kiosk Li picks an air conditioner too; the partner places the cart, then Li changes her mind.
    const cart = await expectOk(
      api.call('POST', `/v1/stations/${day.stationId}/carts`, { token: day.kiosk, key: true, body: { villagerId: li, lines: [{ sku: day.sku.ac, qty: 1 }] } }),
      201,
    );
    expect(cart).toMatchObject({ status: 'OPEN', totalFen: 390_000, savingsFen: 60_000 });
    expect(JSON.stringify(cart)).not.toContain('commission');
    const o3 = await expectOk(p.place({ cartId: cart.cartId, paymentMode: 'CASH_ON_DELIVERY', fulfilment: 'HOME_DELIVERY' }), 201);
    expect(o3).toMatchObject({ villagerId: li, cartId: cart.cartId, totalFen: 390_000 });
    expect((await expectOk(api.call('GET', `/v1/stations/${day.stationId}/carts/${cart.cartId}`, { token: day.kiosk }))).status).toBe('ORDERED');
    expectProblem(await p.place({ cartId: cart.cartId, paymentMode: 'CASH_ON_DELIVERY', fulfilment: 'HOME_DELIVERY' }), 409, 'cart-ordered');
    expect(await expectOk(p.cancel(o3.orderId, '不要了'))).toMatchObject({ status: 'CANCELLED', refundedFen: 0 });

    // 4. The truck comes: both parcels arrive; each is handed over with its code.
    await expectOk(p.arrive(o1.orderId));
    await expectOk(p.arrive(o2.orderId));
    expectProblem(await p.arrive(o1.orderId), 409, 'wrong-status');
    const picked1 = await expectOk(p.pickUp(o1.orderId, o1.deliveryCode));
    expect(picked1).toMatchObject({ status: 'PICKED_UP', commissionEarnedFen: 6_000 });
    const wrong = await p.pickUp(o2.orderId, o2.deliveryCode === '000000' ? '111111' : '000000', 12_980);
    expectProblem(wrong, 422, 'wrong-delivery-code');
    expect(wrong.body.errors).toMatchObject([{ path: 'body.deliveryCode', message: expect.any(String) }]);
    expect((await p.order(o2.orderId)).wrongCodeAttempts).toBe(1);
    expectProblem(await p.pickUp(o2.orderId, o2.deliveryCode, 0), 422, 'payment-outstanding');
    // Rice: margin 890 × 2 × 30% = 534.
    expect(await expectOk(p.pickUp(o2.orderId, o2.deliveryCode, 12_980))).toMatchObject({ status: 'PICKED_UP', paidFen: 17_980, commissionEarnedFen: 534 });

    // 5. Wang brings the air conditioner back: 3,900 yuan refunded, the 60 yuan commission reversed; rice cannot be returned.
    expectProblem(await p.returnGoods(o2.orderId, [{ sku: day.sku.rice, qty: 1 }]), 422, 'not-returnable');
    const ret = await expectOk(p.returnGoods(o1.orderId, [{ sku: day.sku.ac, qty: 1 }], '安装位置不够'), 201);
    expect(ret).toMatchObject({ refundFen: 390_000, commissionReversedFen: 6_000, order: { commissionEarnedFen: 0, refundedFen: 390_000 } });

    // 6. Remit 100 yuan (ops confirm it arrived); at night count 1 yuan short.
    const remitted = await expectOk(p.remit(10_000, 'ABC-银行-0001'));
    expect(remitted).toMatchObject({ drawerFen: 7_980, status: 'PENDING' });
    await expectOk(api.call('POST', `/v1/remittances/${remitted.remittanceId}/confirm`, { token: day.ops, key: true }));
    expectProblem(await p.count(7_880), 422, 'reason-needed');
    const count = await expectOk(p.count(7_880, '找零找错了'), 201);
    expect(count).toMatchObject({ expectedFen: 7_980, countedFen: 7_880, varianceFen: -100 });

    // The cash view, worked by hand from docs/rules.md "Cash":
    //   drawer  = 390,000 + 5,000 + 12,980 − 390,000 − 10,000 − 100          =  7,880
    //   due     = 407,980 received − 6,534 earned − 390,000 refunded + 6,000 reversed − 10,000 remitted = 7,446
    //   commission = 6,000 + 534 − 6,000                                      =    534
    //   drawer = due + commission + variance: 7,446 + 534 − 100               =  7,880
    const cash = await p.cash();
    expect(cash).toMatchObject({ drawerFen: 7_880, dueToPlatformFen: 7_446, commissionEarnedFen: 534, varianceFen: -100, overLimit: false });

    const statement = await p.statement(thisMonth());
    expect(statement).toEqual({
      stationId: day.stationId,
      month: thisMonth(),
      salesFen: 17_980, // 390,000 + 17,980 handed over − 390,000 returned
      ordersHandedOver: 2,
      villagersServed: 2,
      savingsFen: 4_000, // 60,000 + 2 × 2,000 − 60,000
      commissionFen: 534,
      cashCollectedFen: 407_980,
      refundsFen: 390_000,
      refundsToCreditFen: 0,
      remittedFen: 10_000,
      varianceFen: -100,
      returns: 1,
      // No bills paid on this day (bills.test.ts and ledger-invariants.test.ts hold theirs).
      billsPaid: 0,
      billsFen: 0,
      billCommissionFen: 0,
      // Nor produce bought (produce.test.ts).
      produceNetGrams: 0,
      producePaidFen: 0,
      parcelsReceived: 0,
      parcelsHandedOver: 0,
      parcelsReturned: 0,
      parcelFeesFen: 0,
      produceFeeFen: 0,
      creditPaidOutFen: 0,
      claimsOpened: 0,
      installationsDone: 0,
      // Nor anything sold on a tab (tab.test.ts).
      tabSalesFen: 0,
      tabRepaidFen: 0,
      tabOverdueFen: 0,
      tabWrittenOffFen: 0,
      tabCommissionEarnedFen: 0,
      tabCommissionForfeitedFen: 0,
      commissionHeldFen: 0,
      // The day's villagers hear nothing by SMS here (messages.test.ts counts what is sent).
      smsSent: 0,
    });

    // The journal agrees: every entry balances, and the balances are its fold.
    const entries: Entry[] = (await expectOk(api.call('GET', `/v1/stations/${day.stationId}/cash/entries?limit=100`, { token: day.partner }))).items;
    for (const e of entries) expect(e.postings.reduce((s, x) => s + x.amountFen, 0)).toBe(0);
    expect(fold(entries)).toEqual({
      drawerFen: 7_880,
      pendingRemittancesFen: 0,
      dueToPlatformFen: 7_446,
      commissionEarnedFen: 534,
      varianceFen: -100,
      villagerCreditFen: 0,
    });

    // Ops see the station in the month's ranking with the same sales.
    const ranking = await expectOk(api.call('GET', `/v1/statements/${thisMonth()}?limit=100`, { token: day.ops }));
    expect(ranking.items.find((s: { stationId: string }) => s.stationId === day.stationId)).toMatchObject({ salesFen: 17_980, stationName: day.station.name });
  });
});

describe('rules', () => {
  test('a drawer above the cash limit takes no new orders until the partner remits', async () => {
    const day = await freshStation(api, { cashLimitFen: 10_000 });
    const p = partnerCalls(api, day);
    const v = await day.villager('周志强');
    const order = {
      villagerId: v,
      lines: [{ sku: day.sku.rice, qty: 2 }],
      paymentMode: 'CASH_ON_ORDER',
      fulfilment: 'STATION_PICKUP',
      cashReceivedFen: 17_980,
    };
    await expectOk(p.place(order), 201);
    const refused = await p.place(order);
    expectProblem(refused, 409, 'cash-limit-reached');
    expect(refused.body.detail).toMatch(/remit/);
    expect((await p.cash()).overLimit).toBe(true);
    // docs/rules.md "The cash limit": the limit lifts when ops confirm the remittance, not when the partner sends it.
    const remitted = await expectOk(p.remit(17_980));
    expectProblem(await p.place({ ...order, cashReceivedFen: 0 }), 409, 'cash-limit-reached');
    await expectOk(api.call('POST', `/v1/remittances/${remitted.remittanceId}/confirm`, { token: day.ops, key: true }));
    await expectOk(p.place({ ...order, cashReceivedFen: 0 }), 201);
  });

  test('overpaying, refunding more than the drawer holds, remitting more than it holds: refused, nothing changed', async () => {
    const day = await freshStation(api);
    const p = partnerCalls(api, day);
    const v = await day.villager('吴美玲');
    const o = await expectOk(
      p.place({ villagerId: v, lines: [{ sku: day.sku.odd, qty: 1 }], paymentMode: 'CASH_ON_DELIVERY', fulfilment: 'STATION_PICKUP', cashReceivedFen: 999 }),
      201,
    );
    expectProblem(await p.pay(o.orderId, 1), 422, 'overpayment');
    const remitted = await expectOk(p.remit(999));
    await expectOk(api.call('POST', `/v1/remittances/${remitted.remittanceId}/confirm`, { token: day.ops, key: true }));
    expectProblem(await p.cancel(o.orderId), 409, 'drawer-short');
    expect((await p.order(o.orderId)).status).toBe('PLACED');
    expectProblem(await p.remit(1), 409, 'drawer-short');
    expect(await p.cash()).toMatchObject({ drawerFen: 0, dueToPlatformFen: 0 });
  });

  test('five wrong codes lock the order; ops unlock it; then the right code works', async () => {
    const day = await freshStation(api);
    const p = partnerCalls(api, day);
    const v = await day.villager('郑老四');
    const o = await expectOk(
      p.place({ villagerId: v, lines: [{ sku: day.sku.odd, qty: 1 }], paymentMode: 'CASH_ON_ORDER', fulfilment: 'STATION_PICKUP', cashReceivedFen: 999 }),
      201,
    );
    await expectOk(p.arrive(o.orderId));
    const wrongCode = o.deliveryCode === '999999' ? '888888' : '999999';
    for (let i = 0; i < 4; i++) expectProblem(await p.pickUp(o.orderId, wrongCode), 422, 'wrong-delivery-code');
    expectProblem(await p.pickUp(o.orderId, wrongCode), 422, 'order-locked');
    expectProblem(await p.pickUp(o.orderId, o.deliveryCode), 409, 'order-locked');
    expectProblem(await api.call('POST', `/v1/orders/${o.orderId}/unlock`, { token: day.partner, key: true }), 403);
    // A reason longer than 200 characters is refused, naming the field; nothing is unlocked.
    const tooLong = await api.call('POST', `/v1/orders/${o.orderId}/unlock`, { token: day.ops, key: true, body: { reason: '核'.repeat(201) } });
    expectProblem(tooLong, 400);
    expect(tooLong.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.reason']);
    expect(await expectOk(api.call('GET', `/v1/orders/${o.orderId}`, { token: day.ops }))).toMatchObject({ lockedForOps: true });
    const unlocked = await expectOk(
      api.call('POST', `/v1/orders/${o.orderId}/unlock`, { token: day.ops, key: true, body: { reason: '  电话核实了村民身份证  ' } }),
    );
    expect(unlocked).toMatchObject({
      lockedForOps: false,
      wrongCodeAttempts: 0,
      lastUnlock: { at: expect.any(String), by: expect.any(String), reason: '电话核实了村民身份证' },
    });
    // Kept on the order: read again, the reason is there.
    expect((await expectOk(api.call('GET', `/v1/orders/${o.orderId}`, { token: day.ops }))).lastUnlock.reason).toBe('电话核实了村民身份证');
    // The partner sees when and why, not which operator: who unlocked it is the platform's business.
    const seenByPartner = (await expectOk(api.call('GET', `/v1/orders/${o.orderId}`, { token: day.partner }))).lastUnlock;
    expect(seenByPartner).toEqual({ at: unlocked.lastUnlock.at, reason: '电话核实了村民身份证' });
    expect(await expectOk(p.pickUp(o.orderId, o.deliveryCode))).toMatchObject({ status: 'PICKED_UP' });
  });

  test('a client never sets a price, a cost or a commission', async () => {
    const day = await freshStation(api);
    const p = partnerCalls(api, day);
    const v = await day.villager('钱多多');
    const answer = await p.place({
      villagerId: v,
      lines: [{ sku: day.sku.ac, qty: 1, onlinePriceFen: 1 }],
      paymentMode: 'CASH_ON_ORDER',
      fulfilment: 'STATION_PICKUP',
      commissionFen: 999_999,
    });
    expectProblem(answer, 400, 'invalid-input');
    expect(answer.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.commissionFen', 'body.lines.0.onlinePriceFen']);
  });

  test('orders list by status and by local date, newest first, paged', async () => {
    const day = await freshStation(api);
    const p = partnerCalls(api, day);
    const v = await day.villager('孙小梅');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push(
        (
          await expectOk(
            p.place({ villagerId: v, lines: [{ sku: day.sku.odd, qty: i + 1 }], paymentMode: 'CASH_ON_DELIVERY', fulfilment: 'STATION_PICKUP' }),
            201,
          )
        ).orderId,
      );
    await expectOk(p.arrive(ids[0]!));
    const placed = await expectOk(api.call('GET', `/v1/stations/${day.stationId}/orders?status=PLACED&limit=1`, { token: day.partner }));
    expect(placed.items.map((o: { orderId: string }) => o.orderId)).toEqual([ids[2]]);
    const rest = await expectOk(api.call('GET', `/v1/stations/${day.stationId}/orders?status=PLACED&next=${placed.next}`, { token: day.partner }));
    expect(rest.items.map((o: { orderId: string }) => o.orderId)).toEqual([ids[1]]);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const byDate = await expectOk(api.call('GET', `/v1/stations/${day.stationId}/orders?from=${today}&to=${today}`, { token: day.ops }));
    expect(byDate.items.map((o: { orderId: string }) => o.orderId)).toEqual([...ids].reverse());
    expect(byDate.items[0].lines[0].merchantCostFen).toBe(666); // ops see the cost
    const yesterday = await expectOk(api.call('GET', `/v1/stations/${day.stationId}/orders?to=2020-01-01`, { token: day.partner }));
    expect(yesterday.items).toEqual([]);
  });

  test('the quote shows the partner the total, the saving and their commission before confirming, and writes nothing', async () => {
    const day = await freshStation(api, { commissionShareBp: 5_000 });
    const q = await expectOk(
      api.call('POST', `/v1/stations/${day.stationId}/quotes`, {
        token: day.partner,
        body: {
          lines: [
            { sku: day.sku.ac, qty: 2 },
            { sku: day.sku.odd, qty: 3 },
          ],
        },
      }),
    );
    // AC: 2 × 20,000 × 50% = 20,000; glasses: floor(333 × 3 × 50%) = 499.
    expect(q).toMatchObject({ totalFen: 782_997, savingsFen: 120_003, commissionFen: 20_499 });
    expect(q.lines[0].merchantCostFen).toBeUndefined();
  });
});
