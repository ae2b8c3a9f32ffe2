import { describe, expect, test } from 'vitest';
import { useApi } from '../support/api.ts';
import { expectOk, placeLockedOrder, stationInput, unique } from '../support/fixture.ts';
import { grantAllows, tableGrants, type TableAction } from '#infra/table-grants.ts';
import { intercept, recordCalls } from '../support/sdk.ts';
import { expectProblem, freshStation, partnerCalls } from '../support/station-day.ts';

/**
 * docs/rules.md "The operator console": the console's lists across the network,
 * each read without going station by station: the orders locked for ops after
 * wrong delivery codes (GET /v1/locked-orders), and every station's cash view,
 * to find those over their cash limit (GET /v1/station-cash).
 */
const api = useApi();

/** Every page of an ops list, `limit` at a time, and the DynamoDB calls each page made. */
async function allPages(path: string, token: string, limit: number) {
  const items: any[] = [];
  const calls: string[][] = [];
  let next: string | undefined;
  do {
    const query = new URLSearchParams({ limit: String(limit), ...(next ? { next } : {}) });
    const { result, calls: made } = await recordCalls(() => expectOk(api.call('GET', `${path}?${query}`, { token })));
    items.push(...result.items);
    calls.push(made);
    next = result.next;
  } while (next);
  return { items, calls };
}

describe('GET /v1/locked-orders', () => {
  test('an order locked by wrong codes is listed (across stations, the latest lock first, paged one at a time); unlocked, it is gone', async () => {
    const one = await freshStation(api);
    const two = await freshStation(api);
    const lockAt = async (day: typeof one) =>
      placeLockedOrder(api, { token: day.partner, stationId: day.stationId, villagerId: await day.villager('郑老四'), sku: day.sku.odd });
    const first = await lockAt(one);
    const second = await lockAt(two);
    // Wrong codes that do not lock yet: not listed.
    const p = partnerCalls(api, one);
    const v = await one.villager('钱大姐');
    const notYet = await expectOk(
      p.place({ villagerId: v, lines: [{ sku: one.sku.odd, qty: 1 }], paymentMode: 'CASH_ON_DELIVERY', fulfilment: 'STATION_PICKUP' }),
      201,
    );
    await expectOk(p.arrive(notYet.orderId));
    expectProblem(await p.pickUp(notYet.orderId, notYet.deliveryCode === '999999' ? '888888' : '999999'), 422, 'wrong-delivery-code');

    const { items, calls } = await allPages('/v1/locked-orders', one.ops, 1);
    const ids = items.map((i) => i.orderId);
    expect(ids).toContain(first.orderId);
    expect(ids).toContain(second.orderId);
    expect(ids).not.toContain(notYet.orderId);
    // The latest lock first.
    expect(ids.indexOf(second.orderId)).toBeLessThan(ids.indexOf(first.orderId));
    expect(items.map((i) => i.lockedAt)).toEqual(
      items
        .map((i) => i.lockedAt)
        .sort()
        .reverse(),
    );
    const order = await expectOk(api.call('GET', `/v1/orders/${first.orderId}`, { token: one.ops }));
    expect(items.find((i) => i.orderId === first.orderId)).toEqual({
      orderId: first.orderId,
      stationId: one.stationId,
      placedAt: order.placedAt,
      lockedAt: order.updatedAt,
      wrongCodeAttempts: 5,
    });
    // One Query a page, never station by station, never a Scan.
    for (const made of calls) expect(made).toEqual(['Query']);

    // Unlocked: one read round trip and one transaction (the listing leaves in it, within the orders function's grant);
    // gone from the list, the other stays.
    const written: { action: TableAction; pk: string }[] = [];
    const unlockCalls: string[] = [];
    intercept(async (name, input, send) => {
      unlockCalls.push(name.replace(/Command$/, ''));
      // The key as sent (marshalled, { S: "…" }, or not).
      const pk = (key: { pk: unknown }) => String(typeof key.pk === 'object' && key.pk && 'S' in key.pk ? key.pk.S : key.pk);
      if (name.startsWith('TransactWrite'))
        for (const item of input.TransactItems as { Put?: { Item: { pk: unknown } }; Delete?: { Key: { pk: unknown } } }[]) {
          if (item.Put) written.push({ action: 'dynamodb:PutItem', pk: pk(item.Put.Item) });
          if (item.Delete) written.push({ action: 'dynamodb:DeleteItem', pk: pk(item.Delete.Key) });
        }
      return send();
    });
    try {
      await expectOk(api.call('POST', `/v1/orders/${first.orderId}/unlock`, { token: one.ops, key: true, body: { reason: '电话核实了身份' } }));
    } finally {
      intercept(undefined);
    }
    expect(unlockCalls).toEqual(['BatchGetItem', 'TransactWriteItems']);
    expect(written).toContainEqual({ action: 'dynamodb:DeleteItem', pk: `ORDER#${first.orderId}` });
    for (const w of written) expect(grantAllows(tableGrants.orders, w.action, w.pk), JSON.stringify(w)).toBe(true);
    const after = (await allPages('/v1/locked-orders', one.ops, 100)).items.map((i) => i.orderId);
    expect(after).not.toContain(first.orderId);
    expect(after).toContain(second.orderId);

    // Locked again after the unlock: listed again, at its new lock time.
    const wrong = first.deliveryCode === '999999' ? '888888' : '999999';
    for (let i = 0; i < 5; i++) await p.pickUp(first.orderId, wrong);
    const relocked = (await allPages('/v1/locked-orders', one.ops, 100)).items.filter((i) => i.orderId === first.orderId);
    expect(relocked).toHaveLength(1);
    expect(relocked[0].lockedAt > items.find((i) => i.orderId === first.orderId).lockedAt).toBe(true);
  });

  test('the wrong code that locks an order: one read round trip, one transaction (order and listing together)', async () => {
    const day = await freshStation(api);
    const p = partnerCalls(api, day);
    const order = await expectOk(
      p.place({ villagerId: await day.villager('孙二'), lines: [{ sku: day.sku.odd, qty: 1 }], paymentMode: 'CASH_ON_DELIVERY', fulfilment: 'STATION_PICKUP' }),
      201,
    );
    await expectOk(p.arrive(order.orderId));
    const wrong = order.deliveryCode === '999999' ? '888888' : '999999';
    for (let i = 0; i < 4; i++) expectProblem(await p.pickUp(order.orderId, wrong), 422, 'wrong-delivery-code');
    const key = `lock-${order.orderId}`;
    const { result, calls } = await recordCalls(() => p.pickUp(order.orderId, wrong, 0, key));
    expectProblem(result, 422, 'order-locked');
    expect(calls).toEqual(['BatchGetItem', 'TransactWriteItems']);
    const listed = async () => (await allPages('/v1/locked-orders', day.ops, 100)).items.filter((i) => i.orderId === order.orderId);
    const before = await listed();
    expect(before).toHaveLength(1);
    // A retry of that same request (same Idempotency-Key) is a replay: the same refusal, nothing written, still one entry.
    const retry = await recordCalls(() => p.pickUp(order.orderId, wrong, 0, key));
    expectProblem(retry.result, 422, 'order-locked');
    expect(retry.calls).not.toContain('TransactWriteItems');
    expect(await listed()).toEqual(before);
  });

  test('an order locked at the door (five wrong codes at a delivery stop) is listed too', async () => {
    const day = await freshStation(api);
    const p = partnerCalls(api, day);
    const order = await expectOk(
      p.place({
        villagerId: await day.villager('周大嫂'),
        lines: [{ sku: day.sku.odd, qty: 1 }],
        paymentMode: 'CASH_ON_DELIVERY',
        fulfilment: 'HOME_DELIVERY',
      }),
      201,
    );
    await expectOk(p.arrive(order.orderId));
    const run = await expectOk(
      api.call('POST', `/v1/stations/${day.stationId}/delivery-runs`, { token: day.partner, key: true, body: { date: '2026-12-24', capacityKg: 500 } }),
      201,
    );
    await expectOk(api.call('POST', `/v1/delivery-runs/${run.runId}/start`, { token: day.partner, key: true }));
    const stop = run.trips.flatMap((t: any) => t.stops).find((s: any) => s.orderIds.includes(order.orderId));
    const wrong = order.deliveryCode === '999999' ? '888888' : '999999';
    const body = { deliveries: [{ orderId: order.orderId, outcome: 'DELIVERED', deliveryCode: wrong, cashCollectedFen: order.outstandingFen }] };
    for (let i = 0; i < 5; i++) {
      const refused = await api.call('POST', `/v1/delivery-runs/${run.runId}/stops/${stop.stopId}/complete`, { token: day.partner, key: true, body });
      expectProblem(refused, 422);
    }
    const locked = await expectOk(api.call('GET', `/v1/orders/${order.orderId}`, { token: day.ops }));
    expect(locked).toMatchObject({ lockedForOps: true, status: 'OUT_FOR_DELIVERY' });
    const listed = (await allPages('/v1/locked-orders', day.ops, 100)).items.find((i) => i.orderId === order.orderId);
    expect(listed).toEqual({ orderId: order.orderId, stationId: day.stationId, placedAt: locked.placedAt, lockedAt: locked.updatedAt, wrongCodeAttempts: 5 });
  });

  test('ops only; a cursor this list did not issue is refused (400 naming query.next)', async () => {
    const day = await freshStation(api);
    expectProblem(await api.call('GET', '/v1/locked-orders', { token: day.partner }), 403);
    expectProblem(await api.call('GET', '/v1/locked-orders', { token: day.kiosk }), 403);
    const stationsPage = await expectOk(api.call('GET', '/v1/station-cash?limit=1', { token: day.ops }));
    const foreign = await api.call('GET', `/v1/locked-orders?next=${stationsPage.next}`, { token: day.ops });
    expectProblem(foreign, 400);
    expect(foreign.body.errors.map((e: { path: string }) => e.path)).toEqual(['query.next']);
  });
});

describe('GET /v1/station-cash', () => {
  test("every station's cash view, paged: one over its limit (overLimit true) and one under (false), each as its own cash view", async () => {
    const over = await freshStation(api, { cashLimitFen: 500 });
    const under = await freshStation(api);
    // Ten glasses at 9.99 yuan, paid on order: ¥99.90 in a drawer whose limit is ¥5.00.
    for (const day of [over, under]) {
      await expectOk(
        partnerCalls(api, day).place(
          {
            villagerId: await day.villager('王秀英'),
            lines: [{ sku: day.sku.odd, qty: 10 }],
            paymentMode: 'CASH_ON_ORDER',
            fulfilment: 'STATION_PICKUP',
            cashReceivedFen: 9_990,
          },
          true,
        ),
        201,
      );
    }
    const { items, calls } = await allPages('/v1/station-cash', over.ops, 1);
    for (const [day, overLimit] of [
      [over, true],
      [under, false],
    ] as const) {
      const item = items.find((i) => i.station.stationId === day.stationId);
      const own = await expectOk(api.call('GET', `/v1/stations/${day.stationId}/cash`, { token: day.ops }));
      expect(item).toEqual({ station: { stationId: day.stationId, name: day.station.name, county: day.station.county }, ...own });
      expect(item).toMatchObject({ drawerFen: 9_990, overLimit });
    }
    expect(items.find((i) => i.station.stationId === over.stationId).cashLimitFen).toBe(500);
    // Each station once, in the list's order (county, then name).
    expect(new Set(items.map((i) => i.station.stationId)).size).toBe(items.length);
    // A page (of one station here) is one Query of the stations and one BatchGetItem of their balances.
    expect(calls).toHaveLength(items.length);
    for (const made of calls) expect(made).toEqual(['Query', 'BatchGetItem']);
  });

  test('a hundred stations a page in one Query and one BatchGetItem', async () => {
    const day = await freshStation(api);
    // More than a page of stations in the network: a full page of 100, and a next one.
    const have = (await allPages('/v1/station-cash', day.ops, 100)).items.length;
    for (let made = have; made < 101; made += 10)
      await Promise.all(
        Array.from({ length: Math.min(10, 101 - made) }, () =>
          expectOk(api.call('POST', '/v1/stations', { token: day.ops, key: true, body: stationInput(unique('百站')) }), 201),
        ),
      );
    const { result, calls } = await recordCalls(() => expectOk(api.call('GET', '/v1/station-cash?limit=100', { token: day.ops })));
    expect(result.items).toHaveLength(100);
    expect(new Set(result.items.map((i: { station: { stationId: string } }) => i.station.stationId)).size).toBe(100);
    expect(result.next).toEqual(expect.any(String));
    expect(calls).toEqual(['Query', 'BatchGetItem']);
  });

  test('ops only; a forged cursor is refused (400 naming query.next)', async () => {
    const day = await freshStation(api);
    expectProblem(await api.call('GET', '/v1/station-cash', { token: day.partner }), 403);
    expectProblem(await api.call('GET', '/v1/station-cash', { token: day.kiosk }), 403);
    const forged = Buffer.from(JSON.stringify({ pk: 'STATION#x', sk: 'STATION', collectionPk: 'STATIONS#OTHER', collectionSk: 'a' })).toString('base64url');
    const answer = await api.call('GET', `/v1/station-cash?next=${forged}`, { token: day.ops });
    expectProblem(answer, 400);
    expect(answer.body.errors.map((e: { path: string }) => e.path)).toEqual(['query.next']);
  });
});
