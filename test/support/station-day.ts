import { expect } from 'vitest';
import type { TestApi } from './api.ts';
import { expectOk, productInput, riceInput, stationInput, unique } from './fixture.ts';

/** A fresh station of its own (so its statement starts at zero), with its partner, kiosk, villagers and products. */
export async function freshStation(api: TestApi, options: { cashLimitFen?: number; commissionShareBp?: number } = {}) {
  const ops = await api.token('ops', undefined, 'ops-day');
  const station = await expectOk(
    api.call('POST', '/v1/stations', {
      token: ops,
      key: true,
      body: { ...stationInput(unique('日站')), cashLimitFen: options.cashLimitFen ?? 500_000_00, commissionShareBp: options.commissionShareBp ?? 3_000 },
    }),
    201,
  );
  const partner = await api.token('partner', station.stationId, unique('partner-'));
  const kiosk = await api.token('kiosk', station.stationId, unique('kiosk-'));
  const sku = {
    ac: unique('AC-').toUpperCase(),
    rice: unique('RICE-').toUpperCase(),
    odd: unique('ODD-').toUpperCase(),
  };
  // The air conditioner of docs/rules.md "Commission and savings"; rice that cannot be returned; an odd margin for rounding.
  await expectOk(api.call('PUT', `/v1/products/${sku.ac}`, { token: ops, body: productInput() }), 201);
  await expectOk(
    api.call('PUT', `/v1/products/${sku.rice}`, {
      token: ops,
      body: productInput(riceInput),
    }),
    201,
  );
  await expectOk(
    api.call('PUT', `/v1/products/${sku.odd}`, {
      token: ops,
      body: productInput({
        title: '老花镜',
        category: 'health',
        onlinePriceFen: 999,
        localStorePriceFen: 1_000,
        merchantCostFen: 666,
        weightGrams: 100,
        needsInstallation: false,
      }),
    }),
    201,
  );
  const villager = async (name: string, village = 0) =>
    (
      await expectOk(
        api.call('POST', `/v1/stations/${station.stationId}/villagers`, {
          token: partner,
          key: true,
          body: { name, villageId: station.villages[village].villageId, consent: true },
        }),
        201,
      )
    ).villagerId as string;
  return { ops, station, stationId: station.stationId as string, partner, kiosk, sku, villager };
}

export type Day = Awaited<ReturnType<typeof freshStation>>;

/** The partner's calls, as the form makes them. */
export function partnerCalls(api: TestApi, day: Day) {
  const { partner, stationId } = day;
  return {
    place: (body: Record<string, unknown>, key: string | true = true) => api.call('POST', `/v1/stations/${stationId}/orders`, { token: partner, key, body }),
    pay: (orderId: string, amountFen: number, key: string | true = true) =>
      api.call('POST', `/v1/orders/${orderId}/payments`, { token: partner, key, body: { amountFen } }),
    arrive: (orderId: string, key: string | true = true) => api.call('POST', `/v1/orders/${orderId}/arrive`, { token: partner, key }),
    pickUp: (orderId: string, deliveryCode: string, cashCollectedFen = 0, key: string | true = true) =>
      api.call('POST', `/v1/orders/${orderId}/pickup`, { token: partner, key, body: { deliveryCode, cashCollectedFen } }),
    cancel: (orderId: string, reason?: string, key: string | true = true) =>
      api.call('POST', `/v1/orders/${orderId}/cancel`, { token: partner, key, body: reason ? { reason } : {} }),
    returnGoods: (orderId: string, lines: { sku: string; qty: number }[], reason = '不合适', key: string | true = true) =>
      api.call('POST', `/v1/orders/${orderId}/returns`, { token: partner, key, body: { lines, reason } }),
    remit: (amountFen: number, reference = 'BANK-SLIP', key: string | true = true) =>
      api.call('POST', `/v1/stations/${stationId}/remittances`, { token: partner, key, body: { amountFen, reference } }),
    count: (countedFen: number, reason?: string, key: string | true = true) =>
      api.call('POST', `/v1/stations/${stationId}/cash-counts`, { token: partner, key, body: { countedFen, ...(reason ? { reason } : {}) } }),
    cash: () => expectOk(api.call('GET', `/v1/stations/${stationId}/cash`, { token: partner })),
    statement: (month: string) => expectOk(api.call('GET', `/v1/stations/${stationId}/statements/${month}`, { token: partner })),
    order: (orderId: string) => expectOk(api.call('GET', `/v1/orders/${orderId}`, { token: partner })),
  };
}

/** A local date (Asia/Shanghai) `days` after today: dates the API takes are at most a year ahead. */
export const daysAhead = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);

export const thisMonth = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);

export function expectProblem(answer: { status: number; body: any; headers: Headers }, status: number, code?: string) {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(answer.headers.get('content-type')).toBe('application/problem+json');
  if (code) expect(answer.body.code).toBe(code);
}

/** A home-delivery parcel on a started run, and the call that records its stop as delivered (with the cash due). */
export async function parcelOutForDelivery(api: TestApi, day: Day, villagerId: string, sku: string, paidFen: number) {
  const p = partnerCalls(api, day);
  const order = await expectOk(
    p.place({ villagerId, lines: [{ sku, qty: 1 }], paymentMode: 'CASH_ON_DELIVERY', fulfilment: 'HOME_DELIVERY', cashReceivedFen: paidFen }),
    201,
  );
  await expectOk(p.arrive(order.orderId));
  const run = await expectOk(
    api.call('POST', `/v1/stations/${day.stationId}/delivery-runs`, { token: day.partner, key: true, body: { date: '2026-12-24', capacityKg: 500 } }),
    201,
  );
  await expectOk(api.call('POST', `/v1/delivery-runs/${run.runId}/start`, { token: day.partner, key: true }));
  const stop = run.trips.flatMap((t: any) => t.stops).find((s: any) => s.orderIds.includes(order.orderId));
  const body = { deliveries: [{ orderId: order.orderId, outcome: 'DELIVERED', deliveryCode: order.deliveryCode, cashCollectedFen: order.outstandingFen }] };
  return (key: string) => api.call('POST', `/v1/delivery-runs/${run.runId}/stops/${stop.stopId}/complete`, { token: day.partner, key, body });
}
