import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { useApi, type Answer } from '../support/api.ts';
import { expectOk } from '../support/fixture.ts';
import { injectFault, intercept, recordCalls, type FaultKind } from '../support/sdk.ts';
import { freshStation, parcelOutForDelivery, partnerCalls, type Day } from '../support/station-day.ts';
import { tableSnapshot } from '../support/table.ts';

/**
 * SPEC §5: injected DynamoDB faults (throttling, transaction conflict, timeout,
 * and a response lost after commit) at every step of every money command:
 * nothing half-done, and a retry with the same key completes, once.
 */
const api = useApi();
let day: Day;
let p: ReturnType<typeof partnerCalls>;
let villager: string;
beforeAll(async () => {
  day = await freshStation(api);
  p = partnerCalls(api, day);
  villager = await day.villager('王秀英');
});
afterEach(() => intercept(undefined));

const place = (cash: number) =>
  expectOk(p.place({ villagerId: villager, lines: [{ sku: day.sku.ac, qty: 1 }], paymentMode: 'CASH_ON_DELIVERY', fulfilment: 'STATION_PICKUP', cashReceivedFen: cash }), 201);

const commands: Record<string, () => Promise<(key: string) => Promise<Answer>>> = {
  'place order': async () => (key) => p.place({ villagerId: villager, lines: [{ sku: day.sku.odd, qty: 1 }], paymentMode: 'CASH_ON_ORDER', fulfilment: 'STATION_PICKUP', cashReceivedFen: 999 }, key),
  payment: async () => {
    const o = await place(0);
    return (key) => p.pay(o.orderId, 10_000, key);
  },
  'hand-over': async () => {
    const o = await place(300_000);
    await expectOk(p.arrive(o.orderId));
    return (key) => p.pickUp(o.orderId, o.deliveryCode, 90_000, key);
  },
  cancellation: async () => {
    const o = await place(20_000);
    return (key) => p.cancel(o.orderId, '不要了', key);
  },
  return: async () => {
    const o = await place(390_000);
    await expectOk(p.arrive(o.orderId));
    await expectOk(p.pickUp(o.orderId, o.deliveryCode));
    return (key) => p.returnGoods(o.orderId, [{ sku: day.sku.ac, qty: 1 }], '坏了', key);
  },
  remittance: async () => {
    await place(2_000);
    return (key) => p.remit(1_500, 'SLIP', key);
  },
  'delivery stop': async () => parcelOutForDelivery(api, day, villager, day.sku.ac, 100_000),
  'cash count': async () => {
    await place(1_000);
    const { drawerFen } = await p.cash();
    return (key) => p.count(drawerFen + 5, '多了五分', key);
  },
};

const kinds: FaultKind[] = ['throttling', 'transaction-conflict', 'timeout', 'lost-response'];

describe.each(Object.keys(commands))('%s', (name) => {
  test('a fault at each step, of each kind: all or nothing, then the retry completes exactly once', async () => {
    // How many DynamoDB calls the command makes when nothing goes wrong.
    const probe = await commands[name]!();
    const { calls } = await recordCalls(() => probe(randomUUID()));
    expect(calls.at(-1)).toBe('TransactWriteItems');

    for (let step = 1; step <= calls.length; step++) {
      for (const kind of kinds) {
        const send = await commands[name]!();
        const key = randomUUID();
        const before = await tableSnapshot();
        const fault = injectFault(kind, step);
        const first = await send(key);
        intercept(undefined);
        expect(fault.fired(), `${kind} at step ${step}`).toBe(true);
        const afterFault = await tableSnapshot();

        const retried = await send(key);
        expect(retried.status, `${kind} at step ${step}: ${retried.body?.detail ?? ''}`).toBeLessThan(300);
        const afterRetry = await tableSnapshot();
        const again = await send(key);
        expect(again.body).toEqual(retried.body);
        expect(await tableSnapshot()).toBe(afterRetry);

        // Nothing half-done: after the faulty attempt the table is as before, or exactly as after the full effect.
        expect([before, afterRetry], `${kind} at step ${step}`).toContain(afterFault);
        if (first.status < 300) {
          // The command absorbed the fault itself; the retry only replayed.
          expect(afterFault).toBe(afterRetry);
          expect(retried.body).toEqual(first.body);
        } else {
          expect(first.status, `${kind} at step ${step}`).toBeGreaterThanOrEqual(500);
          expect(first.headers.get('content-type')).toBe('application/problem+json');
        }
      }
    }
  });
});
