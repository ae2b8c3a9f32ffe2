import { randomUUID } from 'node:crypto';
import { beforeAll, expect, test } from 'vitest';
import { useApi } from '../support/api.ts';
import { expectOk } from '../support/fixture.ts';
import { recordCalls } from '../support/sdk.ts';
import { accounts, billCalls, ensureBillers } from '../support/bills.ts';
import { freshStation, parcelOutForDelivery, partnerCalls, type Day } from '../support/station-day.ts';

const api = useApi();
let day: Day;
let p: ReturnType<typeof partnerCalls>;
beforeAll(async () => {
  day = await freshStation(api);
  p = partnerCalls(api, day);
});

/**
 * SPEC §5: each money command is one DynamoDB write round trip (one
 * TransactWriteItems) plus the reads it needs. The first read of every command
 * is its Idempotency-Key record.
 */
test('each money command: one TransactWriteItems, after a fixed, small set of reads (a bill payment adds the gateway call and its settling write)', async () => {
  const v = await day.villager('王秀英');
  const seen: Record<string, string[]> = {};
  const run = async <T>(name: string, call: () => Promise<{ status: number; body: T }>, status = 200) => {
    const { result, calls } = await recordCalls(() => expectOk(call(), status));
    seen[name] = calls;
    return result as any;
  };
  const order = await run(
    'place order',
    () =>
      p.place({ villagerId: v, lines: [{ sku: day.sku.ac, qty: 1 }], paymentMode: 'CASH_ON_DELIVERY', fulfilment: 'STATION_PICKUP', cashReceivedFen: 100_000 }),
    201,
  );
  await run('payment', () => p.pay(order.orderId, 90_000));
  await expectOk(p.arrive(order.orderId));
  await run('hand-over', () => p.pickUp(order.orderId, order.deliveryCode, 200_000));
  await run('return', () => p.returnGoods(order.orderId, [{ sku: day.sku.ac, qty: 1 }]), 201);
  await expectOk(
    p.pay(
      (await expectOk(p.place({ villagerId: v, lines: [{ sku: day.sku.rice, qty: 1 }], paymentMode: 'CASH_ON_ORDER', fulfilment: 'STATION_PICKUP' }), 201))
        .orderId,
      8_990,
    ),
  );
  await run('remittance', () => p.remit(5_000));
  await run('cash count', () => p.count(3_990, 'test'), 201);
  const completeStop = await parcelOutForDelivery(api, day, v, day.sku.odd, 0);
  await run('delivery stop', () => completeStop(randomUUID()));
  await ensureBillers(api);
  const paid = await run('bill payment', () => billCalls(api, day).pay({ ...accounts.power, amountFen: 12_345 }), 201);
  expect(paid.status).toBe('PAID');

  expect(seen).toEqual({
    'place order': ['GetItem', 'BatchGetItem', 'TransactWriteItems'],
    payment: ['GetItem', 'GetItem', 'TransactWriteItems'],
    'hand-over': ['GetItem', 'GetItem', 'GetItem', 'TransactWriteItems'],
    return: ['GetItem', 'GetItem', 'TransactWriteItems'],
    remittance: ['GetItem', 'BatchGetItem', 'TransactWriteItems'],
    'cash count': ['GetItem', 'BatchGetItem', 'TransactWriteItems'],
    // key record, run, the stop's parcels and tasks, which villagers were already served this month
    'delivery stop': ['GetItem', 'GetItem', 'BatchGetItem', 'BatchGetItem', 'TransactWriteItems'],
    // key record, station + biller (while the gateway looks the account up), the cash taken; the gateway's answer; the settlement
    'bill payment': ['GetItem', 'BatchGetItem', 'TransactWriteItems', 'TransactWriteItems'],
  });
});
