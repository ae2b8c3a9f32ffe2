import { beforeAll, describe, expect, test } from 'vitest';
import { useApi } from '../support/api.ts';
import { expectOk, unique } from '../support/fixture.ts';
import { expectProblem, freshStation, type Day } from '../support/station-day.ts';
import { allItems, tableSnapshot } from '../support/table.ts';

/**
 * Input an attacker (or a broken client) sends on purpose: answers that must
 * stay small, text that must stay text. Every route meets the same shapes in
 * the fuzz harness (test/integration/fuzz-every-route.test.ts); these are the
 * cases found by hand, named.
 */
const api = useApi();
let day: Day;
beforeAll(async () => {
  day = await freshStation(api);
});

/** The most any answer may weigh: far under Lambda's 6 MB response limit. */
const answerLimit = 1024 * 1024;

describe('error answers stay small whatever was sent', () => {
  test('a kiosk cart of 80,000 keys: 400 naming the first 50 wrong fields and counting the rest, under 1 MB', async () => {
    const kiosk = await api.token('kiosk', day.stationId);
    const body: Record<string, unknown> = { lines: [{ sku: day.sku.rice, qty: 1 }] };
    for (let i = 0; i < 80_000; i++) body[`k${i}`] = 0;
    const before = await tableSnapshot();
    const answer = await api.call('POST', `/v1/stations/${day.stationId}/carts`, { token: kiosk, key: true, body });
    expectProblem(answer, 400, 'invalid-input');
    expect(answer.bytes).toBeLessThan(answerLimit);
    expect(answer.body.errors).toHaveLength(50);
    expect(answer.body.errors[0]).toMatchObject({ path: 'body.k0', code: 'notAccepted' });
    expect(answer.body.errorsOmitted).toBe(80_000 - 50);
    expect(answer.body.detail).toMatch(/79,950 more/);
    expect(await tableSnapshot()).toBe(before);
  });

  test('a CSV import of 4,999 bad lines: 400 under 1 MB, the first 50 wrong cells named and the rest counted; nothing written', async () => {
    const header = 'sku,title,titleEn,category,onlinePriceYuan,localStorePriceYuan,merchantCostYuan,weightGrams,needsInstallation,returnWindowDays';
    const bad = Array.from({ length: 4_999 }, (_, i) => `bad sku ${i},,,nowhere,x,y,z,-1,maybe,-3`);
    const before = await tableSnapshot();
    const answer = await api.call('POST', '/v1/products/import', { token: day.ops, key: true, body: { csv: [header, ...bad].join('\n'), dryRun: true } });
    expectProblem(answer, 400, 'invalid-input');
    expect(answer.bytes).toBeLessThan(answerLimit);
    expect(answer.body.errors).toHaveLength(50);
    expect(answer.body.errors[0].path).toBe('body.csv.2.sku');
    expect(answer.body.errorsOmitted).toBeGreaterThan(4_999 * 5);
    expect(await tableSnapshot()).toBe(before);
  });

  test('field paths and messages are cut to a readable length: a 10,000-character key is named by its start', async () => {
    const answer = await api.call('PUT', `/v1/products/${unique('LONG-').toUpperCase()}`, { token: day.ops, body: { ['x'.repeat(10_000)]: 1 } });
    expectProblem(answer, 400, 'invalid-input');
    expect(answer.bytes).toBeLessThan(20_000);
    for (const e of answer.body.errors) expect(e.path.length).toBeLessThanOrEqual(200);
  });

  test('a good request still answers in full', async () => {
    await expectOk(api.call('GET', '/v1/billers', { token: day.ops }));
  });
});

describe('text is text', () => {
  const register = (body: unknown, key: string | true = true) => api.call('POST', `/v1/stations/${day.stationId}/villagers`, { token: day.partner, key, body });

  test('names and references with control or text-direction characters (NUL, U+202E, …): 400 naming the field, nothing written', async () => {
    const villageId = day.station.villages[0].villageId;
    const before = await tableSnapshot();
    for (const name of ['王\u0000秀英', '\u202e英秀王', '王秀英\u200f', '王\u2066秀英', '王\u001b[31m秀英', '王\u0085秀英', '王\ud800秀英']) {
      const answer = await register({ name, villageId, consent: true });
      expectProblem(answer, 400, 'invalid-input');
      expect(answer.body.errors, JSON.stringify(name)).toEqual([expect.objectContaining({ path: 'body.name' })]);
      expect(answer.body.errors[0].message).toMatch(/control|direction|UTF-8/);
    }
    const remit = await api.call('POST', `/v1/stations/${day.stationId}/remittances`, {
      token: day.partner,
      key: true,
      body: { amountFen: 100, reference: 'SLIP\u202e1-7' },
    });
    expectProblem(remit, 400, 'invalid-input');
    expect(remit.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.reference']);
    const station = await api.call('PATCH', `/v1/stations/${day.stationId}`, { token: day.ops, key: true, body: { name: 'A\u0000B' } });
    expect(station.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.name']);
    expect(await tableSnapshot()).toBe(before);
    // Plain text, with a space or Latin letters, is as welcome as ever.
    await expectOk(register({ name: '王秀英 Wang', villageId, consent: true }), 201);
  });

  test('invalid UTF-8 in a name is refused (400 naming body.name), never stored as U+FFFD', async () => {
    const villageId = day.station.villages[0].villageId;
    const head = new TextEncoder().encode(`{"villageId":"${villageId}","consent":true,"name":"王`);
    const tail = new TextEncoder().encode('秀英"}');
    const before = await tableSnapshot();
    for (const bad of [[0xff], [0xc3, 0x28], [0xe6, 0x9d], [0xed, 0xa0, 0x80]]) {
      const raw = new Uint8Array([...head, ...bad, ...tail]);
      const refused = await api.call('POST', `/v1/stations/${day.stationId}/villagers`, { token: day.partner, key: true, rawBody: raw });
      expectProblem(refused, 400, 'invalid-input');
      expect(refused.body.errors, JSON.stringify(bad)).toEqual([expect.objectContaining({ path: 'body.name', code: 'notUtf8' })]);
    }
    expect(await tableSnapshot()).toBe(before);
    expect(JSON.stringify(await allItems())).not.toContain('\ufffd');
  });
});

describe('cash and dates that cannot be', () => {
  test('cash collected on a FAILED delivery is refused (422 naming the cash), nothing recorded; without cash the failure is recorded', async () => {
    const villager = await day.villager('赵大妈');
    const order = await expectOk(
      api.call('POST', `/v1/stations/${day.stationId}/orders`, {
        token: day.partner,
        key: true,
        body: { villagerId: villager, lines: [{ sku: day.sku.rice, qty: 1 }], paymentMode: 'CASH_ON_DELIVERY', fulfilment: 'HOME_DELIVERY' },
      }),
      201,
    );
    await expectOk(api.call('POST', `/v1/orders/${order.orderId}/arrive`, { token: day.partner, key: true }));
    const run = await expectOk(
      api.call('POST', `/v1/stations/${day.stationId}/delivery-runs`, { token: day.partner, key: true, body: { date: '2026-12-24', capacityKg: 500 } }),
      201,
    );
    await expectOk(api.call('POST', `/v1/delivery-runs/${run.runId}/start`, { token: day.partner, key: true }));
    const stop = run.trips.flatMap((t: any) => t.stops).find((x: any) => x.orderIds.includes(order.orderId));
    const orderId = order.orderId as string;
    const cashBefore = await expectOk(api.call('GET', `/v1/stations/${day.stationId}/cash`, { token: day.partner }));
    const before = await tableSnapshot();
    const complete = (delivery: Record<string, unknown>) =>
      api.call('POST', `/v1/delivery-runs/${run.runId}/stops/${stop.stopId}/complete`, {
        token: day.partner,
        key: true,
        body: { deliveries: [{ orderId, outcome: 'FAILED', reason: '家里没人', ...delivery }] },
      });
    const refused = await complete({ cashCollectedFen: 5_000 });
    expectProblem(refused, 422, 'cash-on-failed-delivery');
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'body.deliveries.0.cashCollectedFen' })]);
    expect(refused.body.detail).toContain('¥50.00');
    expect(await tableSnapshot()).toBe(before);
    await expectOk(complete({ cashCollectedFen: 0 }));
    expect(await expectOk(api.call('GET', `/v1/stations/${day.stationId}/cash`, { token: day.partner }))).toMatchObject({ drawerFen: cashBefore.drawerFen });
  });

  test('tasks, runs and installations dated before 2020 or more than a year ahead: 400 naming the date, saying the window', async () => {
    const villageId = day.station.villages[0].villageId;
    const ahead = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
    const before = await tableSnapshot();
    for (const date of ['1970-01-01', '2019-12-31', ahead(367), '2099-01-01']) {
      const task = await api.call('POST', `/v1/stations/${day.stationId}/tasks`, {
        token: day.partner,
        key: true,
        body: { villageId, date, kind: 'PRODUCE', weightKg: 10 },
      });
      expectProblem(task, 400, 'invalid-input');
      expect(task.body.errors).toEqual([expect.objectContaining({ path: 'body.date', code: 'dateWindow' })]);
      expect(task.body.errors[0].message).toContain('2020-01-01');
      expect(task.body.errors[0].message).toContain(ahead(366));
      const run = await api.call('POST', `/v1/stations/${day.stationId}/delivery-runs`, { token: day.partner, key: true, body: { date, capacityKg: 100 } });
      expect(run.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.date']);
    }
    expect(await tableSnapshot()).toBe(before);
    await expectOk(
      api.call('POST', `/v1/stations/${day.stationId}/tasks`, {
        token: day.partner,
        key: true,
        body: { villageId, date: ahead(365), kind: 'PRODUCE', weightKg: 10 },
      }),
      201,
    );
  });
});
