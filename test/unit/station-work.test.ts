import { codeMatches, issueCode } from '#shared/codes.ts';
import { describe, expect, test } from 'vitest';
import { createCart, markOrdered } from '#domain/cart.ts';
import { countDrawer, isOverCashLimit, remit } from '#domain/cash.ts';
import { completeStop, moveStop, newRun, startRun } from '#domain/delivery/run.ts';
import { bookTask, finishTask, planTask } from '#domain/delivery/task.ts';
import { fold, plus, zeroBalances } from '#domain/ledger.ts';
import { markArrived, placeOrder, type Order } from '#domain/order.ts';
import { priceLines } from '#domain/pricing.ts';
import type { Product } from '#domain/product.ts';
import type { Station } from '#domain/station.ts';
import type { Villager } from '#domain/villager.ts';
import { riceInput } from '../support/fixture.ts';

const now = new Date('2026-11-21T02:00:00Z');
const station: Station = {
  stationId: 'st_1',
  name: '大柘镇服务站',
  county: '遂昌县',
  location: { lat: 28.5152, lon: 119.3821 },
  villages: [
    { villageId: 'vg_a', name: '东村', location: { lat: 28.53, lon: 119.4 } },
    { villageId: 'vg_b', name: '西村', location: { lat: 28.5, lon: 119.35 } },
    { villageId: 'vg_c', name: '南村', location: { lat: 28.48, lon: 119.39 } },
  ],
  commissionShareBp: 3_000,
  cashLimitFen: 500_000,
  varianceLimitFen: 20_000,
  roadFactor: 1.4,
  version: 1,
  createdAt: '',
  updatedAt: '',
};
const product: Product = { sku: 'RICE', ...riceInput, createdAt: '', updatedAt: '' };
const catalogue = new Map([['RICE', product]]);
const villager = (id: string, villageId: string) => ({ villagerId: id, villageId, stationId: 'st_1' }) as Villager;

function parcel(villageId: string, paymentMode: Order['paymentMode'] = 'CASH_ON_DELIVERY'): Order {
  const order = placeOrder({
    station,
    villager: villager(`vl_${villageId}`, villageId),
    lines: priceLines([{ sku: 'RICE', qty: 1 }], catalogue, station.commissionShareBp),
    paymentMode,
    fulfilment: 'HOME_DELIVERY',
    cashReceivedFen: paymentMode === 'CASH_ON_ORDER' ? 8_990 : 0,
    drawerFen: 0,
    code: issueCode('123456'),
    messageId: 'msg_01KBZZZZZZZZZZZZZZZZZZZZZZ',
    now,
  }).order;
  return markArrived(order, now);
}

describe('cash', () => {
  test('the cash limit: at the limit a station still takes orders, a fen above it does not', () => {
    expect(isOverCashLimit(station, 500_000)).toBe(false);
    expect(isOverCashLimit(station, 500_001)).toBe(true);
  });
  test('a remittance takes cash out of the drawer into transit, pending until ops confirm; never more than the drawer holds (409)', () => {
    const balances = { ...zeroBalances, drawerFen: 10_000, dueToPlatformFen: 10_000 };
    const { remittance, entry } = remit('st_1', balances, 6_000, 'BANK-1', 'partner-1', now);
    expect(remittance.status).toBe('PENDING');
    expect(fold([entry])).toMatchObject({ drawerFen: -6_000, pendingRemittancesFen: 6_000, dueToPlatformFen: 0 });
    expect(() => remit('st_1', balances, 10_001, 'BANK-2', 'partner-1', now)).toThrow(expect.objectContaining({ code: 'drawer-short', status: 409 }));
  });
  test('a count equal to the drawer writes no entry; a difference needs a reason and becomes a variance entry', () => {
    const balances = { ...zeroBalances, drawerFen: 10_000, dueToPlatformFen: 10_000 };
    expect(countDrawer('st_1', balances, 10_000, undefined, 20_000, now)).not.toHaveProperty('entry');
    expect(() => countDrawer('st_1', balances, 9_000, undefined, 20_000, now)).toThrow(expect.objectContaining({ code: 'reason-needed' }));
    const short = countDrawer('st_1', balances, 9_000, '找零给错了', 20_000, now);
    expect(short.count).toMatchObject({ expectedFen: 10_000, countedFen: 9_000, varianceFen: -1_000 });
    expect(plus(balances, fold([short.entry!])).drawerFen).toBe(9_000);
  });
});

describe('carts', () => {
  test('priced from the catalogue with the saving, open until a partner orders it', () => {
    const cart = createCart('st_1', undefined, [{ sku: 'RICE', qty: 2 }], catalogue, 'kiosk-1', now);
    expect(cart).toMatchObject({ status: 'OPEN', totalFen: 17_980, savingsFen: 4_000, stationId: 'st_1' });
    expect(cart.lines[0]).not.toHaveProperty('merchantCostFen');
    const ordered = markOrdered(cart, 'ord_1', now);
    expect(ordered).toMatchObject({ status: 'ORDERED', orderId: 'ord_1' });
    expect(() => markOrdered(ordered, 'ord_2', now)).toThrow();
  });
});

describe('tasks', () => {
  test('open → planned on a run → done with what was collected, or not done; each step once', () => {
    const task = bookTask('st_1', { villageId: 'vg_a', date: '2026-11-21', kind: 'PRODUCE', weightKg: 20 }, now);
    expect(task).toMatchObject({ status: 'OPEN', version: 1 });
    const planned = planTask(task, 'run_1', now);
    expect(planned).toMatchObject({ status: 'PLANNED', runId: 'run_1', version: 2 });
    expect(() => planTask(planned, 'run_2', now)).toThrow(expect.objectContaining({ code: 'wrong-status' }));
    expect(finishTask(planned, { done: true, collectedKg: 18.5 }, now)).toMatchObject({ status: 'DONE', outcome: { done: true, collectedKg: 18.5 } });
    expect(finishTask(planned, { done: false, note: '不在家' }, now)).toMatchObject({ status: 'NOT_DONE' });
    expect(() => finishTask(task, { done: true }, now)).toThrow(expect.objectContaining({ code: 'wrong-status' }));
  });
});

describe('runs', () => {
  const orders = [parcel('vg_a'), parcel('vg_b'), parcel('vg_c', 'CASH_ON_ORDER')];
  const planned = () => newRun({ station, roads: {}, date: '2026-11-21', capacityKg: 150, maxParcels: 10, orders, tasks: [], now });

  test('planning puts every waiting parcel on one stop per village, marks the parcels, and measures the trip', () => {
    const { run, orders: marked } = planned();
    expect(run.status).toBe('PLANNED');
    expect(run.trips).toHaveLength(1);
    expect(run.trips[0]!.stops.map((s) => s.villageId).sort()).toEqual(['vg_a', 'vg_b', 'vg_c']);
    expect(run.distanceKm).toBeGreaterThan(0);
    expect(marked.every((o) => o.runId === run.runId)).toBe(true);
  });

  test('nothing waiting: refused in words', () => {
    expect(() => newRun({ station, roads: {}, date: '2026-11-21', capacityKg: 150, maxParcels: 10, orders: [], tasks: [], now })).toThrow(
      expect.objectContaining({ code: 'nothing-to-deliver' }),
    );
  });

  test('a stop moved to the front of its trip comes first; the run is re-measured', () => {
    const { run } = planned();
    const last = run.trips[0]!.stops.at(-1)!;
    const moved = moveStop(run, last.stopId, 1, 1, station, {}, now);
    expect(moved.trips[0]!.stops[0]!.stopId).toBe(last.stopId);
    expect(moved.version).toBe(run.version + 1);
  });

  test('a stop records hand-overs with cash for what is outstanding, failures back to the station; the run completes with its last stop', () => {
    const plannedRun = planned();
    const started = startRun(plannedRun.run, plannedRun.orders, now);
    let run = started.run;
    const byId = new Map(started.orders.map((o) => [o.orderId, o]));
    const stops = run.trips.flatMap((t) => t.stops);
    const results = stops.map((stop, i) => {
      const order = byId.get(stop.orderIds[0]!)!;
      const result = completeStop({
        run,
        stopId: stop.stopId,
        deliveries: [
          i === 0
            ? { orderId: order.orderId, outcome: 'FAILED', reason: '家里没人' }
            : { orderId: order.orderId, outcome: 'DELIVERED', deliveryCode: '123456', cashCollectedFen: order.outstandingFen },
        ],
        taskRecords: [],
        orders: byId,
        tasks: new Map(),
        firstServedThisMonth: () => true,
        codeMatches,
        now,
      });
      if (!result.ok) throw result.error;
      run = result.completion.run;
      return result.completion;
    });
    expect(run.status).toBe('COMPLETED');
    expect(results[0]!.orders[0]!.status).toBe('AT_STATION');
    expect(results.slice(1).every((c) => c.orders[0]!.status === 'DELIVERED')).toBe(true);
    const entries = results.flatMap((c) => c.entries);
    expect(entries.every((e) => e.postings.reduce((n, p) => n + p.amountFen, 0) === 0)).toBe(true);
  });

  test('a wrong code refuses the stop but keeps the wrong try on the order', () => {
    const plannedRun = planned();
    const started = startRun(plannedRun.run, plannedRun.orders, now);
    const stop = started.run.trips[0]!.stops[0]!;
    const order = started.orders.find((o) => o.orderId === stop.orderIds[0])!;
    const result = completeStop({
      run: started.run,
      stopId: stop.stopId,
      deliveries: [{ orderId: order.orderId, outcome: 'DELIVERED', deliveryCode: '000000' }],
      taskRecords: [],
      orders: new Map(started.orders.map((o) => [o.orderId, o])),
      tasks: new Map(),
      firstServedThisMonth: () => true,
      codeMatches,
      now,
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.wrongCodes[0]!.wrongCodeAttempts).toBe(1);
  });

  test('every parcel of the stop must be accounted for, each with its code or reason (422 naming each field)', () => {
    const plannedRun = planned();
    const started = startRun(plannedRun.run, plannedRun.orders, now);
    const stop = started.run.trips[0]!.stops[0]!;
    const input = {
      run: started.run,
      stopId: stop.stopId,
      taskRecords: [],
      orders: new Map(),
      tasks: new Map(),
      firstServedThisMonth: () => true,
      codeMatches,
      now,
    };
    expect(() => completeStop({ ...input, deliveries: [] })).toThrow(expect.objectContaining({ code: 'stop-incomplete' }));
    expect(() => completeStop({ ...input, deliveries: [{ orderId: stop.orderIds[0]!, outcome: 'FAILED' }] })).toThrow(
      expect.objectContaining({ errors: [expect.objectContaining({ path: 'body.deliveries.0.reason' })] }),
    );
  });
});
