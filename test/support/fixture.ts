import { expect } from 'vitest';
import type { TestApi } from './api.ts';
import { accounts, ensureBillers } from './bills.ts';
import { confirm, openTab } from './tabs.ts';

/** Two stations (A and B), each with its partner, kiosk and villagers; a catalogue; every token a test needs. */
export interface Fixture {
  ops: string;
  stationA: string;
  stationB: string;
  villageA: string;
  villageA2: string;
  villageB: string;
  partnerA: string;
  partnerB: string;
  kioskA: string;
  kioskB: string;
  villagerA: string;
  villagerB: string;
  /** A message queued for the villager of station A who hears by SMS. */
  messageA: string;
  /** Station A's villager who hears by SMS. */
  villagerSmsA: string;
  sku: string;
  heavySku: string;
  /** An order of station A (PLACED) and a kiosk cart of station A (OPEN). */
  orderA: string;
  cartA: string;
  /** A planned delivery run of station A, one of its stops, the parcel on it, and a booked task. */
  runA: string;
  stopA: string;
  runOrderA: string;
  taskA: string;
  /** A remittance of station A, PENDING. */
  remittanceA: string;
  /** A bill paid at station A (PAID). */
  billPaymentA: string;
  /** A produce item on the buying price list (grades A and B), and station A's open lot of it (one ticket, paid in cash). */
  produceCode: string;
  lotA: string;
  /** An order of station A handed over (three air conditioners), its installation job (OPEN), a claim on one of them (OPEN) and one on another awaiting an operator's approval of its EXCHANGE. */
  handedOverA: string;
  jobA: string;
  claimA: string;
  claimAwaitingA: string;
  /** The SMS villager's tab (approved, ¥1,000.00), a request of theirs for more waiting for ops, and a consent code asked and not used. */
  tabRequestA: string;
  tabConfirmationA: string;
  /** A courier's parcel on station A's shelf, for the first villager's phone. */
  parcelA: string;
  /** A partner of station A who signs in by phone (a user ops manage). */
  userA: string;
}

let counter = 0;
export const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;

export async function expectOk<T = any>(promise: Promise<{ status: number; body: T }>, status = 200): Promise<T> {
  const answer = await promise;
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  return answer.body;
}

/**
 * An order placed at a station, arrived, and locked for ops by five wrong codes at
 * pick-up (as a villager guessing would), each try refused as it should be.
 */
export async function placeLockedOrder(
  api: TestApi,
  at: { token: string; stationId: string; villagerId: string; sku: string },
): Promise<{ orderId: string; deliveryCode: string }> {
  const order = await expectOk(
    api.call('POST', `/v1/stations/${at.stationId}/orders`, {
      token: at.token,
      key: true,
      body: { villagerId: at.villagerId, lines: [{ sku: at.sku, qty: 1 }], paymentMode: 'CASH_ON_DELIVERY', fulfilment: 'STATION_PICKUP' },
    }),
    201,
  );
  await expectOk(api.call('POST', `/v1/orders/${order.orderId}/arrive`, { token: at.token, key: true }));
  const wrong = order.deliveryCode === '999999' ? '888888' : '999999';
  for (let i = 1; i <= 5; i++) {
    const refused = await api.call('POST', `/v1/orders/${order.orderId}/pickup`, { token: at.token, key: true, body: { deliveryCode: wrong } });
    expect(refused.status, JSON.stringify(refused.body)).toBe(422);
    expect((refused.body as { code: string }).code).toBe(i < 5 ? 'wrong-delivery-code' : 'order-locked');
  }
  return { orderId: order.orderId, deliveryCode: order.deliveryCode };
}

export const stationInput = (name: string, lat = 28.5, lon = 119.38) => ({
  name,
  county: '遂昌县',
  location: { lat, lon },
  villages: [
    { name: '大柘村', location: { lat: lat + 0.002, lon: lon + 0.003 } },
    { name: '大田村', location: { lat: lat + 0.016, lon: lon + 0.02 } },
    { name: '车前村', location: { lat: lat - 0.018, lon: lon - 0.016 } },
  ],
  commissionShareBp: 3000,
  cashLimitFen: 500_000_00,
});

export const productInput = (overrides: Record<string, unknown> = {}) => ({
  title: '美的 2匹 立式柜机空调',
  titleEn: 'Midea 2 HP floor air conditioner',
  category: 'appliances',
  onlinePriceFen: 390000,
  localStorePriceFen: 450000,
  merchantCostFen: 370000,
  weightGrams: 52000,
  needsInstallation: true,
  returnWindowDays: 7,
  warrantyDays: 365,
  ...overrides,
});

/** Rice that cannot be returned (return window 0), a staple of the workloads. */
export const riceInput = {
  title: '五常大米 10公斤',
  category: 'groceries' as const,
  onlinePriceFen: 8_990,
  localStorePriceFen: 10_990,
  merchantCostFen: 8_100,
  weightGrams: 10_000,
  needsInstallation: false,
  returnWindowDays: 0,
  warrantyDays: 0,
};

export async function buildFixture(api: TestApi): Promise<Fixture> {
  const ops = await api.token('ops', undefined, 'ops-1');
  const a = await expectOk(api.call('POST', '/v1/stations', { token: ops, key: true, body: stationInput(unique('站A')) }), 201);
  const b = await expectOk(api.call('POST', '/v1/stations', { token: ops, key: true, body: stationInput(unique('站B'), 28.39, 119.03) }), 201);
  const partnerA = await api.token('partner', a.stationId, 'partner-a');
  const partnerB = await api.token('partner', b.stationId, 'partner-b');
  const sku = unique('AC-').toUpperCase();
  const heavySku = unique('TRIKE-').toUpperCase();
  await expectOk(api.call('PUT', `/v1/products/${sku}`, { token: ops, body: productInput() }), 201);
  await expectOk(
    api.call('PUT', `/v1/products/${heavySku}`, {
      token: ops,
      body: productInput({ title: '电动三轮车', titleEn: 'Electric tricycle', category: 'agriculture', weightGrams: 180000 }),
    }),
    201,
  );
  const villagerA = await expectOk(
    api.call('POST', `/v1/stations/${a.stationId}/villagers`, {
      token: partnerA,
      key: true,
      // She asked for no SMS, so her codes are printed, and the harnesses can hand her orders over with them.
      body: { name: '王秀英', phone: '13857812345', messages: 'NONE', villageId: a.villages[0].villageId, consent: true },
    }),
    201,
  );
  // Her neighbour hears by SMS: an order for him queues its code's message (the outbox), which nobody reads here.
  const villagerSms = await expectOk(
    api.call('POST', `/v1/stations/${a.stationId}/villagers`, {
      token: partnerA,
      key: true,
      body: { name: '王建华', phone: '13857812399', villageId: a.villages[0].villageId, consent: true },
    }),
    201,
  );
  const smsOrder = await expectOk(
    api.call('POST', `/v1/stations/${a.stationId}/orders`, {
      token: partnerA,
      key: true,
      body: { villagerId: villagerSms.villagerId, lines: [{ sku, qty: 1 }], paymentMode: 'CASH_ON_DELIVERY', fulfilment: 'STATION_PICKUP' },
    }),
    201,
  );
  const villagerB = await expectOk(
    api.call('POST', `/v1/stations/${b.stationId}/villagers`, {
      token: partnerB,
      key: true,
      body: { name: '周志强', villageId: b.villages[0].villageId, consent: true },
    }),
    201,
  );
  const orderA = await expectOk(
    api.call('POST', `/v1/stations/${a.stationId}/orders`, {
      token: partnerA,
      key: true,
      body: { villagerId: villagerA.villagerId, lines: [{ sku, qty: 1 }], paymentMode: 'CASH_ON_DELIVERY', fulfilment: 'STATION_PICKUP' },
    }),
    201,
  );
  const kioskA = await api.token('kiosk', a.stationId, 'kiosk-a');
  const cartA = await expectOk(api.call('POST', `/v1/stations/${a.stationId}/carts`, { token: kioskA, key: true, body: { lines: [{ sku, qty: 1 }] } }), 201);
  const homeOrder = await expectOk(
    api.call('POST', `/v1/stations/${a.stationId}/orders`, {
      token: partnerA,
      key: true,
      body: { villagerId: villagerA.villagerId, lines: [{ sku, qty: 1 }], paymentMode: 'CASH_ON_ORDER', fulfilment: 'HOME_DELIVERY', cashReceivedFen: 390_000 },
    }),
    201,
  );
  await expectOk(api.call('POST', `/v1/orders/${homeOrder.orderId}/arrive`, { token: partnerA, key: true }));
  const task = await expectOk(
    api.call('POST', `/v1/stations/${a.stationId}/tasks`, {
      token: partnerA,
      key: true,
      body: { villageId: a.villages[1].villageId, date: '2026-12-01', kind: 'PRODUCE', note: '两筐橘子', weightKg: 30 },
    }),
    201,
  );
  const run = await expectOk(
    api.call('POST', `/v1/stations/${a.stationId}/delivery-runs`, {
      token: partnerA,
      key: true,
      body: { date: '2026-11-30', capacityKg: 150, maxParcels: 20 },
    }),
    201,
  );
  const remittance = await expectOk(
    api.call('POST', `/v1/stations/${a.stationId}/remittances`, { token: partnerA, key: true, body: { amountFen: 1_000, reference: 'FIXTURE-SLIP' } }),
  );
  await ensureBillers(api);
  const billA = await expectOk(
    api.call('POST', `/v1/stations/${a.stationId}/bill-payments`, { token: partnerA, key: true, body: { ...accounts.phone, amountFen: 2_000 } }),
    201,
  );
  const produceCode = unique('CHESTNUT-').toUpperCase();
  await expectOk(
    api.call('PUT', `/v1/produce/${produceCode}`, {
      token: ops,
      body: {
        title: '板栗',
        grades: [
          { grade: 'A', priceFenPerKg: 1_200 },
          { grade: 'B', priceFenPerKg: 900 },
        ],
        feeFenPerKg: 50,
      },
    }),
    201,
  );
  const ticket = await expectOk(
    api.call('POST', `/v1/stations/${a.stationId}/weigh-tickets`, {
      token: partnerA,
      key: true,
      body: { villagerId: villagerA.villagerId, code: produceCode, grade: 'A', grossGrams: 2_000, payout: 'CASH_NOW' },
    }),
    201,
  );
  const handedOver = await expectOk(
    api.call('POST', `/v1/stations/${a.stationId}/orders`, {
      token: partnerA,
      key: true,
      body: {
        villagerId: villagerA.villagerId,
        lines: [{ sku, qty: 3 }],
        paymentMode: 'CASH_ON_ORDER',
        fulfilment: 'STATION_PICKUP',
        cashReceivedFen: 1_170_000,
      },
    }),
    201,
  );
  await expectOk(api.call('POST', `/v1/orders/${handedOver.orderId}/arrive`, { token: partnerA, key: true }));
  await expectOk(api.call('POST', `/v1/orders/${handedOver.orderId}/pickup`, { token: partnerA, key: true, body: { deliveryCode: handedOver.deliveryCode } }));
  const jobs = await expectOk(api.call('GET', `/v1/stations/${a.stationId}/installations?status=OPEN&limit=100`, { token: partnerA }));
  const claim = await expectOk(
    api.call('POST', `/v1/orders/${handedOver.orderId}/claims`, { token: partnerA, key: true, body: { sku, qty: 1, problem: '不制冷' } }),
    201,
  );
  // A second claim, whose EXCHANGE the partner asked for: it waits for an operator.
  const awaiting = await expectOk(
    api.call('POST', `/v1/orders/${handedOver.orderId}/claims`, { token: partnerA, key: true, body: { sku, qty: 1, problem: '外壳裂了' } }),
    201,
  );
  await expectOk(api.call('POST', `/v1/claims/${awaiting.claimId}/resolve`, { token: partnerA, key: true, body: { remedy: 'EXCHANGE' } }));
  const parcelA = await expectOk(
    api.call('POST', `/v1/stations/${a.stationId}/parcels`, {
      token: partnerA,
      key: true,
      body: {
        waybillNo: unique('ZT')
          .toUpperCase()
          .replace(/[^A-Z0-9]/g, '')
          .padEnd(12, '0'),
        courier: 'ZTO',
        recipientPhone: '13857812345',
        recipientName: '王秀英',
      },
    }),
    201,
  );
  await openTab(api, { ops, partner: partnerA, stationId: a.stationId, villagerId: villagerSms.villagerId, limitFen: 100_000 });
  const more = await confirm(api, partnerA, a.stationId, villagerSms.villagerId, { purpose: 'TAB_CONSENT', amountFen: 200_000 });
  const tabRequestA = await expectOk(
    api.call('POST', `/v1/stations/${a.stationId}/villagers/${villagerSms.villagerId}/tab/requests`, {
      token: partnerA,
      key: true,
      body: { limitFen: 200_000, ...more },
    }),
    201,
  );
  const tabConfirmationA = await expectOk(
    api.call('POST', `/v1/stations/${a.stationId}/villagers/${villagerSms.villagerId}/confirmations`, {
      token: partnerA,
      key: true,
      body: { purpose: 'TAB_CONSENT', amountFen: 300_000 },
    }),
    201,
  );
  const userA = await expectOk(
    api.call('POST', '/v1/users', {
      token: ops,
      key: true,
      body: { phone: `139${String(Date.now() % 1e8).padStart(8, '0')}`, name: '张合伙', role: 'partner', stationId: a.stationId },
    }),
    201,
  );
  return {
    userA: userA.userId,
    ops,
    parcelA: parcelA.parcelId,
    billPaymentA: billA.billPaymentId,
    /** The message that carried the SMS villager's code (queued; nothing sends it here). */
    messageA: smsOrder.codeMessageId as string,
    villagerSmsA: villagerSms.villagerId as string,
    produceCode,
    lotA: ticket.lotId,
    stationA: a.stationId,
    stationB: b.stationId,
    villageA: a.villages[0].villageId,
    villageA2: a.villages[1].villageId,
    villageB: b.villages[0].villageId,
    partnerA,
    partnerB,
    kioskA,
    kioskB: await api.token('kiosk', b.stationId, 'kiosk-b'),
    villagerA: villagerA.villagerId,
    villagerB: villagerB.villagerId,
    sku,
    heavySku,
    orderA: orderA.orderId,
    cartA: cartA.cartId,
    runA: run.runId,
    stopA: run.trips[0].stops[0].stopId,
    runOrderA: homeOrder.orderId,
    taskA: task.taskId,
    remittanceA: remittance.remittanceId,
    handedOverA: handedOver.orderId,
    jobA: jobs.items.find((j: { orderId: string }) => j.orderId === handedOver.orderId).jobId,
    claimA: claim.claimId,
    claimAwaitingA: awaiting.claimId,
    tabRequestA: tabRequestA.requestId,
    tabConfirmationA: tabConfirmationA.confirmationId,
  };
}
