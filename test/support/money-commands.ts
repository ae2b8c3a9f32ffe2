import type { Answer, TestApi } from './api.ts';
import { accounts, billCalls, ensureBillers } from './bills.ts';
import { expectOk, unique } from './fixture.ts';
import { parcelOutForDelivery, partnerCalls, type Day } from './station-day.ts';

/** Prepares one run of a command, and returns the call that sends it under a given Idempotency-Key. */
export type PreparedCommand = () => Promise<(key: string) => Promise<Answer>>;

/**
 * Every money command of SPEC §5, each ready to be sent (again and again) with
 * one key: what the exactly-once and the fault tests both drive.
 */
export const moneyCommandNames = [
  'place order',
  'payment',
  'hand-over',
  'cancellation',
  'return',
  'remittance',
  'remittance confirmed',
  'remittance rejected',
  'cash count',
  'delivery stop',
  'bill payment',
  'weigh ticket',
  'credit payout',
  'credit payment',
  'lot dispatch',
] as const;

/**
 * Journal entries one command writes when it goes through; one unless listed.
 * A bill payment writes two, in two transactions: its cash taken, then its
 * commission when the gateway says PAID (a retry after the first resumes it).
 */
export const entriesPerCommand: Partial<Record<(typeof moneyCommandNames)[number], number>> = { 'bill payment': 2 };

export function moneyCommands(api: TestApi, day: Day, villagerId: string): Record<(typeof moneyCommandNames)[number], PreparedCommand> {
  const p = partnerCalls(api, day);
  const order = async (cashReceivedFen: number, state: 'placed' | 'arrived' | 'handed over' = 'placed') => {
    const o = await expectOk(
      p.place({ villagerId, lines: [{ sku: day.sku.ac, qty: 1 }], paymentMode: 'CASH_ON_DELIVERY', fulfilment: 'STATION_PICKUP', cashReceivedFen }),
      201,
    );
    if (state !== 'placed') await expectOk(p.arrive(o.orderId));
    if (state === 'handed over') await expectOk(p.pickUp(o.orderId, o.deliveryCode, 390_000 - cashReceivedFen));
    return o;
  };
  /** A produce item of its own (so each command has its own open lot), and a ticket on credit for the villager. */
  const produce = async () => {
    const code = unique('NUT-').toUpperCase();
    await expectOk(
      api.call('PUT', `/v1/produce/${code}`, { token: day.ops, body: { title: '板栗', grades: [{ grade: 'A', priceFenPerKg: 1_200 }], feeFenPerKg: 50 } }),
      201,
    );
    const weigh = (payout: 'CASH_NOW' | 'CREDIT', key: string | true = true) =>
      api.call('POST', `/v1/stations/${day.stationId}/weigh-tickets`, {
        token: day.partner,
        key,
        body: { villagerId, code, grade: 'A', grossGrams: 10_350, tareGrams: 350, deductionBp: 150, payout },
      });
    return { code, weigh };
  };
  return {
    'weigh ticket': async () => {
      await order(20_000);
      const { weigh } = await produce();
      return (key) => weigh('CASH_NOW', key);
    },
    'credit payout': async () => {
      await order(20_000);
      const { weigh } = await produce();
      await expectOk(weigh('CREDIT'), 201);
      return (key) =>
        api.call('POST', `/v1/stations/${day.stationId}/villagers/${villagerId}/payouts`, { token: day.partner, key, body: { amountFen: 1_000 } });
    },
    'credit payment': async () => {
      const { weigh } = await produce();
      await expectOk(weigh('CREDIT'), 201);
      const o = await order(0);
      return (key) => api.call('POST', `/v1/orders/${o.orderId}/payments`, { token: day.partner, key, body: { amountFen: 1_000, source: 'CREDIT' } });
    },
    'lot dispatch': async () => {
      const { weigh } = await produce();
      const t = await expectOk(weigh('CREDIT'), 201);
      return (key) => api.call('POST', `/v1/produce-lots/${t.lotId}/dispatch`, { token: day.partner, key, body: { reference: 'TRUCK-1' } });
    },
    'place order': async () => (key) =>
      p.place({ villagerId, lines: [{ sku: day.sku.odd, qty: 2 }], paymentMode: 'CASH_ON_ORDER', fulfilment: 'STATION_PICKUP', cashReceivedFen: 1_998 }, key),
    payment: async () => {
      const o = await order(0);
      return (key) => p.pay(o.orderId, 10_000, key);
    },
    'hand-over': async () => {
      const o = await order(300_000, 'arrived');
      return (key) => p.pickUp(o.orderId, o.deliveryCode, 90_000, key);
    },
    cancellation: async () => {
      const o = await order(20_000);
      return (key) => p.cancel(o.orderId, '不要了', key);
    },
    return: async () => {
      const o = await order(390_000, 'handed over');
      return (key) => p.returnGoods(o.orderId, [{ sku: day.sku.ac, qty: 1 }], '坏了', key);
    },
    remittance: async () => {
      await order(2_000);
      return (key) => p.remit(1_500, 'SLIP', key);
    },
    'remittance confirmed': async () => {
      await order(2_000);
      const r = await expectOk(p.remit(1_500, 'SLIP'));
      return (key) => api.call('POST', `/v1/remittances/${r.remittanceId}/confirm`, { token: day.ops, key });
    },
    'remittance rejected': async () => {
      await order(2_000);
      const r = await expectOk(p.remit(1_500, 'SLIP'));
      return (key) => api.call('POST', `/v1/remittances/${r.remittanceId}/reject`, { token: day.ops, key, body: { reason: '没有收到' } });
    },
    'cash count': async () => {
      await order(1_000);
      const { drawerFen } = await p.cash();
      return (key) => p.count(drawerFen + 5, '多了五分', key);
    },
    'delivery stop': async () => parcelOutForDelivery(api, day, villagerId, day.sku.ac, 100_000),
    'bill payment': async () => {
      await ensureBillers(api);
      const bills = billCalls(api, day);
      return (key) => bills.pay({ ...accounts.phone, amountFen: 3_000, villagerId }, key);
    },
  };
}
