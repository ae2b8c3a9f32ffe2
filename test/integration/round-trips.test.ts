import { randomUUID } from 'node:crypto';
import { beforeAll, expect, test } from 'vitest';
import { useApi } from '../support/api.ts';
import { expectOk } from '../support/fixture.ts';
import { afterSalesCommandNames, moneyCommands, parcelCommandNames, tabCommandNames } from '../support/money-commands.ts';
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
 * docs/quality.md "Round trips per command": each money command is one DynamoDB
 * write round trip (one TransactWriteItems) plus the reads it needs. The first
 * read of every command is its Idempotency-Key record.
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
  const remitted = await run('remittance', () => p.remit(5_000));
  await run('remittance confirmed', () => api.call('POST', `/v1/remittances/${remitted.remittanceId}/confirm`, { token: day.ops, key: true }));
  const second = await expectOk(p.remit(1_000));
  await run('remittance rejected', () =>
    api.call('POST', `/v1/remittances/${second.remittanceId}/reject`, { token: day.ops, key: true, body: { reason: '没有收到' } }),
  );
  await run('cash count', () => p.count(3_990, 'test'), 201);
  // A villager not yet served this month: the stop's first write is the only one.
  const completeStop = await parcelOutForDelivery(api, day, await day.villager('李四'), day.sku.odd, 0);
  await run('delivery stop', () => completeStop(randomUUID()));
  await ensureBillers(api);
  const paid = await run('bill payment', () => billCalls(api, day).pay({ ...accounts.power, amountFen: 12_345 }), 201);
  expect(paid.status).toBe('PAID');

  // A second hand-over to a villager already served this month: the served marker's condition fails, the
  // command learns it from the cancellation and writes again without it; nothing is read again.
  const again = await expectOk(
    p.place({ villagerId: v, lines: [{ sku: day.sku.rice, qty: 1 }], paymentMode: 'CASH_ON_ORDER', fulfilment: 'STATION_PICKUP', cashReceivedFen: 8_990 }),
    201,
  );
  await expectOk(p.arrive(again.orderId));
  await run('hand-over, villager already served', () => p.pickUp(again.orderId, again.deliveryCode));

  // Produce: a ticket paid now, one on credit, the credit paid out and spent on an order, the lot dispatched.
  const code = `NUT-${randomUUID().slice(0, 8).toUpperCase()}`;
  await expectOk(
    api.call('PUT', `/v1/produce/${code}`, { token: day.ops, body: { title: '板栗', grades: [{ grade: 'A', priceFenPerKg: 1_200 }], feeFenPerKg: 50 } }),
    201,
  );
  const weigh = (payout: string) =>
    api.call('POST', `/v1/stations/${day.stationId}/weigh-tickets`, {
      token: day.partner,
      key: true,
      body: { villagerId: v, code, grade: 'A', grossGrams: 2_000, payout },
    });
  const ticket = await run('weigh ticket', () => weigh('CASH_NOW'), 201);
  await run('weigh ticket on credit', () => weigh('CREDIT'), 201);
  await run('credit payout', () =>
    api.call('POST', `/v1/stations/${day.stationId}/villagers/${v}/payouts`, { token: day.partner, key: true, body: { amountFen: 1_000 } }),
  );
  const unpaid = await expectOk(
    p.place({ villagerId: v, lines: [{ sku: day.sku.odd, qty: 1 }], paymentMode: 'CASH_ON_ORDER', fulfilment: 'STATION_PICKUP' }),
    201,
  );
  await run('credit payment', () =>
    api.call('POST', `/v1/orders/${unpaid.orderId}/payments`, { token: day.partner, key: true, body: { amountFen: 999, source: 'CREDIT' } }),
  );
  await run('lot dispatch', () => api.call('POST', `/v1/produce-lots/${ticket.lotId}/dispatch`, { token: day.partner, key: true }));

  // Refunds of what was paid with credit go back to the credit: the order names its villager, and the credit is only
  // added to (never refused), so nothing more is read; the villager's registration is a condition of the write.
  await run('cancellation of an order paid with credit', () => p.cancel(unpaid.orderId));
  const kept = await expectOk(
    p.place({ villagerId: v, lines: [{ sku: day.sku.odd, qty: 1 }], paymentMode: 'CASH_ON_ORDER', fulfilment: 'STATION_PICKUP' }),
    201,
  );
  await expectOk(api.call('POST', `/v1/orders/${kept.orderId}/payments`, { token: day.partner, key: true, body: { amountFen: 999, source: 'CREDIT' } }));
  await expectOk(p.arrive(kept.orderId));
  await expectOk(p.pickUp(kept.orderId, kept.deliveryCode));
  await run('return of goods paid with credit', () => p.returnGoods(kept.orderId, [{ sku: day.sku.odd, qty: 1 }]), 201);
  // A villager erased once their credit was spent: the registration's condition fails, the command learns it and writes
  // again paying that part in cash; nothing is read again.
  const gone = await day.villager('钱七');
  await expectOk(
    api.call('POST', `/v1/stations/${day.stationId}/weigh-tickets`, {
      token: day.partner,
      key: true,
      body: { villagerId: gone, code, grade: 'A', grossGrams: 1_000, payout: 'CREDIT' },
    }),
    201,
  );
  const spent = await expectOk(
    p.place({ villagerId: gone, lines: [{ sku: day.sku.odd, qty: 1 }], paymentMode: 'CASH_ON_ORDER', fulfilment: 'STATION_PICKUP' }),
    201,
  );
  await expectOk(api.call('POST', `/v1/orders/${spent.orderId}/payments`, { token: day.partner, key: true, body: { amountFen: 999, source: 'CREDIT' } }));
  await expectOk(api.call('POST', `/v1/stations/${day.stationId}/villagers/${gone}/payouts`, { token: day.partner, key: true, body: { amountFen: 201 } }));
  expect((await api.call('DELETE', `/v1/stations/${day.stationId}/villagers/${gone}`, { token: day.partner, key: true })).status).toBe(204);
  await run('cancellation paid with credit, villager erased', () => p.cancel(spent.orderId));

  // One consistent read round trip (the Idempotency-Key record and everything the command needs), one write.
  const floor = ['BatchGetItem', 'TransactWriteItems'];
  expect(seen).toEqual({
    'place order': floor,
    payment: floor,
    'hand-over': floor,
    return: floor,
    remittance: floor,
    'remittance confirmed': floor,
    'remittance rejected': floor,
    'cash count': floor,
    'delivery stop': floor,
    'hand-over, villager already served': [...floor, 'TransactWriteItems'],
    // the cash taken; the gateway's answer; the settlement
    'bill payment': [...floor, 'TransactWriteItems'],
    'weigh ticket': floor,
    'weigh ticket on credit': floor,
    'credit payout': floor,
    'credit payment': floor,
    'lot dispatch': floor,
    'cancellation of an order paid with credit': floor,
    'return of goods paid with credit': floor,
    'cancellation paid with credit, villager erased': [...floor, 'TransactWriteItems'],
  });
});

test('each after-sales command that creates something or moves money: one consistent read round trip, one write', async () => {
  const commands = moneyCommands(api, day, await day.villager('赵六'));
  const seen: Record<string, string[]> = {};
  for (const name of afterSalesCommandNames) {
    const send = await commands[name]();
    const { result, calls } = await recordCalls(() => send(randomUUID()));
    expect(result.status, `${name}: ${JSON.stringify(result.body)}`).toBeLessThan(300);
    seen[name] = calls;
  }
  expect(seen).toEqual(Object.fromEntries(afterSalesCommandNames.map((n) => [n, ['BatchGetItem', 'TransactWriteItems']])));
});

test('each parcel command (a scan, a pick-up, several picked up together, a return, one handed over at the door): one consistent read round trip, one write', async () => {
  const commands = moneyCommands(api, day, await day.villager('钱七'));
  const seen: Record<string, string[]> = {};
  for (const name of parcelCommandNames) {
    const send = await commands[name]();
    const { result, calls } = await recordCalls(() => send(randomUUID()));
    expect(result.status, `${name}: ${JSON.stringify(result.body)}`).toBeLessThan(300);
    seen[name] = calls;
  }
  expect(seen).toEqual(Object.fromEntries(parcelCommandNames.map((n) => [n, ['BatchGetItem', 'TransactWriteItems']])));
});

test('each tab command (an approval too: its request id names the tab): one consistent read round trip, one write; a cancellation reads the tab after the order', async () => {
  const commands = moneyCommands(api, day, await day.villager('孙八'));
  const seen: Record<string, string[]> = {};
  for (const name of tabCommandNames) {
    const send = await commands[name]();
    const { result, calls } = await recordCalls(() => send(randomUUID()));
    expect(result.status, `${name}: ${JSON.stringify(result.body)}`).toBeLessThan(300);
    seen[name] = calls;
  }
  const floor = ['BatchGetItem', 'TransactWriteItems'];
  expect(seen).toEqual({
    'tab approval': floor,
    'tab sale': floor,
    'tab repayment in cash': floor,
    'tab repayment by weigh ticket': floor,
    'tab write-off': floor,
    // The order names no villager: its tab is read once the order has been (a round trip more, for orders sold on the tab only).
    'cancellation of an order sold on the tab': ['BatchGetItem', 'BatchGetItem', 'TransactWriteItems'],
  });
});
