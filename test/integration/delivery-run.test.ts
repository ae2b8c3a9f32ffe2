import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import { useApi } from '../support/api.ts';
import { expectOk, productInput, unique } from '../support/fixture.ts';
import { expectProblem, freshStation, partnerCalls, thisMonth, type Day } from '../support/station-day.ts';
import { allItems } from '../support/table.ts';

const api = useApi();

describe('a delivery run through the API', () => {
  let day: Day;
  let p: ReturnType<typeof partnerCalls>;
  const date = '2026-11-25';
  beforeAll(async () => {
    day = await freshStation(api);
    p = partnerCalls(api, day);
  });

  const call = (method: string, path: string, body?: unknown, key: string | true | undefined = method === 'GET' ? undefined : true) =>
    api.call(method, path, { token: day.partner, body, key });

  test('plan, adjust, print, start, deliver, fail, collect cash and produce: the run, orders, cash view and statement agree', async () => {
    const [v1, v2, v3] = [await day.villager('王秀英', 0), await day.villager('李建国', 1), await day.villager('张桂兰', 2)];
    const home = (villagerId: string, sku: string, qty: number, paymentMode: string, cash: number) =>
      expectOk(p.place({ villagerId, lines: [{ sku, qty }], paymentMode, fulfilment: 'HOME_DELIVERY', cashReceivedFen: cash }), 201);
    const o1 = await home(v1, day.sku.rice, 2, 'CASH_ON_DELIVERY', 0); // 20 kg, 179.80 yuan to collect
    const o2 = await home(v2, day.sku.ac, 1, 'CASH_ON_ORDER', 390_000); // 52 kg, paid
    const o3 = await home(v3, day.sku.odd, 1, 'CASH_ON_DELIVERY', 0); // 0.1 kg, 9.99 yuan to collect
    const o4 = await home(v1, day.sku.odd, 2, 'CASH_ON_DELIVERY', 0);
    const notYetArrived = await home(v2, day.sku.odd, 1, 'CASH_ON_DELIVERY', 0);
    for (const o of [o1, o2, o3, o4]) await expectOk(p.arrive(o.orderId));
    const produce = await expectOk(
      call('POST', `/v1/stations/${day.stationId}/tasks`, {
        villageId: day.station.villages[2].villageId,
        date,
        kind: 'PRODUCE',
        villagerId: v3,
        note: '两筐橘子',
        weightKg: 25,
      }),
      201,
    );

    // 97.3 kg in all, the tricycle takes 80: two trips.
    const run = await expectOk(call('POST', `/v1/stations/${day.stationId}/delivery-runs`, { date, capacityKg: 80, maxParcels: 10 }), 201);
    expect(run.status).toBe('PLANNED');
    expect(run.trips.length).toBe(2);
    const planned = run.trips.flatMap((t: any) => t.stops.flatMap((s: any) => [...s.orderIds, ...s.pickups]));
    expect(planned.sort()).toEqual([o1.orderId, o2.orderId, o3.orderId, o4.orderId, produce.taskId].sort());
    expect(planned).not.toContain(notYetArrived.orderId);
    for (const trip of run.trips) expect(trip.weightKg).toBeLessThanOrEqual(80);
    expect(run.distanceKm).toBeCloseTo(
      run.trips.reduce((n: number, t: any) => n + t.distanceKm, 0),
      6,
    );
    expect((await p.order(o1.orderId)).runId).toBe(run.runId);
    // Nothing is planned twice.
    expectProblem(await call('POST', `/v1/stations/${day.stationId}/delivery-runs`, { date, capacityKg: 80 }), 422, 'nothing-to-deliver');

    // Before setting off: one parcel stays behind; the partner reorders a trip they know better.
    const dropped = await expectOk(call('POST', `/v1/delivery-runs/${run.runId}/drop`, { orderId: o4.orderId }));
    expect(dropped.trips.flatMap((t: any) => t.stops.flatMap((s: any) => s.orderIds))).not.toContain(o4.orderId);
    expect((await p.order(o4.orderId)).runId).toBeUndefined();
    const longest = dropped.trips.find((t: any) => t.stops.length > 1) ?? dropped.trips[0];
    const last = longest.stops.at(-1);
    const moved = await expectOk(call('POST', `/v1/delivery-runs/${run.runId}/stops/${last.stopId}/move`, { trip: longest.tripNo, position: 1 }));
    expect(moved.trips[longest.tripNo - 1].stops[0].stopId).toBe(last.stopId);

    // The sheet to print: villagers, parcels, the cash to bring back.
    const sheet = await expectOk(call('GET', `/v1/delivery-runs/${run.runId}/sheet`));
    expect(sheet.cashToCollectFen).toBe(17_980 + 999);
    const sheetParcels = sheet.trips.flatMap((t: any) => t.stops.flatMap((s: any) => s.parcels));
    expect(sheetParcels.find((x: any) => x.orderId === o1.orderId)).toMatchObject({ villagerName: '王秀英', cashToCollectFen: 17_980, weightKg: 20 });
    expect(sheet.trips.flatMap((t: any) => t.stops.flatMap((s: any) => s.pickups))).toEqual([
      { taskId: produce.taskId, kind: 'PRODUCE', note: '两筐橘子', villagerName: '张桂兰', weightKg: 25 },
    ]);

    // Off we go.
    expect((await expectOk(call('POST', `/v1/delivery-runs/${run.runId}/start`))).status).toBe('STARTED');
    expect((await p.order(o1.orderId)).status).toBe('OUT_FOR_DELIVERY');
    expectProblem(await call('POST', `/v1/delivery-runs/${run.runId}/drop`, { orderId: o1.orderId }), 409, 'wrong-status');

    const stops = moved.trips.flatMap((t: any) => t.stops);
    const stopOf = (id: string) => stops.find((s: any) => s.orderIds.includes(id) || s.pickups.includes(id));
    const deliveries: Record<string, unknown> = {
      [o1.orderId]: { orderId: o1.orderId, outcome: 'DELIVERED', deliveryCode: o1.deliveryCode, cashCollectedFen: 17_980 },
      [o2.orderId]: { orderId: o2.orderId, outcome: 'DELIVERED', deliveryCode: o2.deliveryCode },
      [o3.orderId]: { orderId: o3.orderId, outcome: 'FAILED', reason: '家里没人' },
    };
    let answer: any;
    for (const stop of stops) {
      const body = {
        deliveries: stop.orderIds.map((id: string) => deliveries[id]),
        pickups: stop.pickups.map((taskId: string) => ({ taskId, done: true, collectedKg: 27.5 })),
      };
      const key = randomUUID();
      answer = await expectOk(call('POST', `/v1/delivery-runs/${run.runId}/stops/${stop.stopId}/complete`, body, key));
      expect(answer.stop.status).toBe('DONE');
      // A retry of the same request (a dropped connection) changes nothing and answers the same.
      const before = await allItems();
      const again = await call('POST', `/v1/delivery-runs/${run.runId}/stops/${stop.stopId}/complete`, body, key);
      expect(again.body).toEqual(answer);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(await allItems()).toEqual(before);
      // Recording it again as a new request is refused.
      expectProblem(await call('POST', `/v1/delivery-runs/${run.runId}/stops/${stop.stopId}/complete`, body), 409, 'stop-completed');
    }
    expect(stopOf(o1.orderId)).toBeDefined();
    expect(answer.runStatus).toBe('COMPLETED');
    expect(answer.summary).toMatchObject({ delivered: 2, failed: 1, cashCollectedFen: 17_980, tasksDone: 1, tasksNotDone: 0, collectedKg: 27.5 });

    expect(await p.order(o1.orderId)).toMatchObject({ status: 'DELIVERED', paidFen: 17_980, outstandingFen: 0, commissionEarnedFen: 534 });
    expect(await p.order(o2.orderId)).toMatchObject({ status: 'DELIVERED', commissionEarnedFen: 6_000 });
    const failed = await p.order(o3.orderId);
    expect(failed).toMatchObject({ status: 'AT_STATION', lastFailedDelivery: { reason: '家里没人' } });
    expect(failed.runId).toBeUndefined();

    // drawer 390,000 (paid on order) + 17,980 collected; commission 6,000 + 534.
    expect(await p.cash()).toMatchObject({ drawerFen: 407_980, commissionEarnedFen: 6_534, dueToPlatformFen: 401_446 });
    expect(await p.statement(thisMonth())).toMatchObject({
      salesFen: 407_980,
      ordersHandedOver: 2,
      villagersServed: 2,
      savingsFen: 64_000,
      commissionFen: 6_534,
      cashCollectedFen: 407_980,
    });

    // The failed parcel and the dropped one go out on the next run.
    const next = await expectOk(call('POST', `/v1/stations/${day.stationId}/delivery-runs`, { date, capacityKg: 80 }), 201);
    expect(next.trips.flatMap((t: any) => t.stops.flatMap((s: any) => s.orderIds)).sort()).toEqual([o3.orderId, o4.orderId].sort());
  });

  test('a wrong code at a stop is counted once, and the stop stays open', async () => {
    const v = await day.villager('刘德明', 1);
    const o = await expectOk(
      p.place({ villagerId: v, lines: [{ sku: day.sku.odd, qty: 1 }], paymentMode: 'CASH_ON_ORDER', fulfilment: 'HOME_DELIVERY', cashReceivedFen: 999 }),
      201,
    );
    await expectOk(p.arrive(o.orderId));
    const run = await expectOk(call('POST', `/v1/stations/${day.stationId}/delivery-runs`, { date: '2026-11-26', capacityKg: 150 }), 201);
    await expectOk(call('POST', `/v1/delivery-runs/${run.runId}/start`));
    const stop = run.trips.flatMap((t: any) => t.stops).find((s: any) => s.orderIds.includes(o.orderId));
    const others = stop.orderIds.filter((id: string) => id !== o.orderId).map((orderId: string) => ({ orderId, outcome: 'FAILED', reason: 'x' }));
    const wrong = o.deliveryCode === '000000' ? '000001' : '000000';
    const body = { deliveries: [{ orderId: o.orderId, outcome: 'DELIVERED', deliveryCode: wrong }, ...others] };
    const key = randomUUID();
    const refused = await call('POST', `/v1/delivery-runs/${run.runId}/stops/${stop.stopId}/complete`, body, key);
    expectProblem(refused, 422, 'wrong-delivery-code');
    expect(refused.body.errors).toMatchObject([{ path: 'body.deliveries.0.deliveryCode', message: expect.any(String) }]);
    expectProblem(await call('POST', `/v1/delivery-runs/${run.runId}/stops/${stop.stopId}/complete`, body, key), 422);
    expect((await p.order(o.orderId)).wrongCodeAttempts).toBe(1);
    const right = { deliveries: [{ orderId: o.orderId, outcome: 'DELIVERED', deliveryCode: o.deliveryCode }, ...others] };
    expect((await expectOk(call('POST', `/v1/delivery-runs/${run.runId}/stops/${stop.stopId}/complete`, right))).stop.status).toBe('DONE');
  });

  test('a parcel heavier than the tricycle is refused by name (422), and nothing is planned', async () => {
    const heavy = await freshStation(api);
    const hp = partnerCalls(api, heavy);
    const sku = unique('TRIKE-').toUpperCase();
    await expectOk(
      api.call('PUT', `/v1/products/${sku}`, { token: heavy.ops, body: productInput({ title: '电动三轮车', category: 'agriculture', weightGrams: 180_000 }) }),
      201,
    );
    const v = await heavy.villager('周志强');
    const o = await expectOk(
      hp.place({ villagerId: v, lines: [{ sku, qty: 1 }], paymentMode: 'CASH_ON_ORDER', fulfilment: 'HOME_DELIVERY', cashReceivedFen: 390_000 }),
      201,
    );
    await expectOk(hp.arrive(o.orderId));
    const refused = await api.call('POST', `/v1/stations/${heavy.stationId}/delivery-runs`, {
      token: heavy.partner,
      key: true,
      body: { date, capacityKg: 150 },
    });
    expectProblem(refused, 422, 'too-heavy');
    expect(refused.body.detail).toContain(o.orderId);
    expect(refused.body.errors).toMatchObject([{ path: 'body.capacityKg', message: expect.stringContaining('180 kg') }]);
    expect((await hp.order(o.orderId)).runId).toBeUndefined();
  });

  test('road distances the partner enters are used for planning, and must join places of the station', async () => {
    const [villageA] = day.station.villages;
    const set = await expectOk(call('PUT', `/v1/stations/${day.stationId}/road-distances`, { from: villageA.villageId, to: day.stationId, km: 42 }, undefined));
    expect(set.distances).toContainEqual({ from: expect.any(String), to: expect.any(String), km: 42 });
    const v = await day.villager('陈春花', 0);
    const o = await expectOk(
      p.place({ villagerId: v, lines: [{ sku: day.sku.odd, qty: 1 }], paymentMode: 'CASH_ON_ORDER', fulfilment: 'HOME_DELIVERY', cashReceivedFen: 999 }),
      201,
    );
    await expectOk(p.arrive(o.orderId));
    const run = await expectOk(call('POST', `/v1/stations/${day.stationId}/delivery-runs`, { date: '2026-11-27', capacityKg: 150 }), 201);
    // Only this parcel waits (the others are on runs): station → village A → station on the entered road.
    expect(run.trips).toHaveLength(1);
    expect(run.trips[0].stops.map((s: any) => s.villageId)).toEqual([villageA.villageId]);
    expect(run.distanceKm).toBe(84);
    expectProblem(
      await call('PUT', `/v1/stations/${day.stationId}/road-distances`, { from: villageA.villageId, to: villageA.villageId, km: 1 }, undefined),
      422,
    );
  });
});
