import { randomUUID } from 'node:crypto';
import { beforeAll, expect, test } from 'vitest';
import { useApi } from '../support/api.ts';
import { expectOk } from '../support/fixture.ts';
import { expectProblem, freshStation, partnerCalls, type Day } from '../support/station-day.ts';
import { allItems } from '../support/table.ts';

/**
 * docs/rules.md "Delivery codes": the delivery code is shown only on the
 * receipt (the answer that places the order, and a reprint of it), never in
 * order reads or lists, and is stored hashed.
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

const placeFor = (key: string | true = true) =>
  p.place({ villagerId: villager, lines: [{ sku: day.sku.odd, qty: 1 }], paymentMode: 'CASH_ON_DELIVERY', fulfilment: 'STATION_PICKUP' }, key);
const reprint = (orderId: string, key: string | true = true, token = day.partner) => api.call('POST', `/v1/orders/${orderId}/receipt`, { token, key });

test('placing answers the code for the receipt; no read or list of the order shows it, or its hash, to anyone', async () => {
  const placed = await expectOk(placeFor(), 201);
  expect(placed.deliveryCode).toMatch(/^\d{6}$/);
  for (const token of [day.partner, day.ops]) {
    const read = await expectOk(api.call('GET', `/v1/orders/${placed.orderId}`, { token }));
    expect(read.orderId).toBe(placed.orderId);
    const list = await expectOk(api.call('GET', `/v1/stations/${day.stationId}/orders?status=PLACED&limit=100`, { token }));
    expect(list.items.map((o: { orderId: string }) => o.orderId)).toContain(placed.orderId);
    for (const body of [read, ...list.items]) {
      expect(body).not.toHaveProperty('deliveryCode');
      expect(JSON.stringify(body)).not.toMatch(/deliveryCode|codeHash|\$[A-Za-z0-9_-]{20,}/);
    }
  }
  // The commands that answer with the order do not show it either.
  const paid = await expectOk(p.pay(placed.orderId, 1));
  const arrived = await expectOk(p.arrive(placed.orderId));
  for (const body of [paid, arrived]) expect(JSON.stringify(body)).not.toMatch(/deliveryCode|codeHash/);
});

test('the order is stored with a salted hash of the code, never the code', async () => {
  const a = await expectOk(placeFor(), 201);
  const b = await expectOk(placeFor(), 201);
  const items = await allItems();
  const stored = (id: string) => items.find((i) => i.pk === `ORDER#${id}` && i.sk === 'ORDER')!;
  for (const o of [a, b]) {
    const item = stored(o.orderId);
    expect(item.deliveryCode).toBeUndefined();
    expect(Object.values(item)).not.toContain(o.deliveryCode);
    expect(String(item.deliveryCodeHash)).toMatch(/^[a-z0-9]+\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/);
  }
  // Salted per order: the same code would not give the same hash.
  expect(stored(a.orderId).deliveryCodeHash).not.toBe(stored(b.orderId).deliveryCodeHash);
});

test('hand-over compares the hash: the right code hands over, a wrong one counts', async () => {
  const o = await expectOk(placeFor(), 201);
  await expectOk(p.arrive(o.orderId));
  const wrong = o.deliveryCode === '000000' ? '000001' : '000000';
  expectProblem(await p.pickUp(o.orderId, wrong, 999), 422, 'wrong-delivery-code');
  expect(await expectOk(p.pickUp(o.orderId, o.deliveryCode, 999))).toMatchObject({ status: 'PICKED_UP', wrongCodeAttempts: 1 });
});

test('a retry of the placing (same key) gives the same receipt again; the key on another route gives nothing of it', async () => {
  const key = randomUUID();
  const first = await expectOk(placeFor(key), 201);
  const again = await placeFor(key);
  expect(again.status).toBe(201);
  expect(again.headers.get('idempotent-replayed')).toBe('true');
  expect(again.body).toEqual(first);
  // The stored answer is reachable only by the same caller, the same route and the same request.
  const otherRoute = await p.pay(first.orderId, 1, key);
  expectProblem(otherRoute, 422, 'idempotency-key-reused');
  expect(JSON.stringify(otherRoute.body)).not.toContain(first.deliveryCode);
  const otherBody = await p.place(
    { villagerId: villager, lines: [{ sku: day.sku.odd, qty: 2 }], paymentMode: 'CASH_ON_DELIVERY', fulfilment: 'STATION_PICKUP' },
    key,
  );
  expectProblem(otherBody, 422, 'idempotency-key-reused');
  expect(JSON.stringify(otherBody.body)).not.toContain(first.deliveryCode);
});

test('a reprint issues a new code and retires the old one; its retry gives the same new code; ops and kiosks cannot reprint', async () => {
  const o = await expectOk(placeFor(), 201);
  const key = randomUUID();
  const printed = await expectOk(reprint(o.orderId, key));
  expect(printed).toMatchObject({ orderId: o.orderId, status: 'PLACED', receiptsIssued: 2 });
  expect(printed.deliveryCode).toMatch(/^\d{6}$/);
  expect(await expectOk(reprint(o.orderId, key))).toEqual(printed);
  expect((await p.order(o.orderId)).receiptsIssued).toBe(2);
  expectProblem(await reprint(o.orderId, true, day.ops), 403);
  expectProblem(await reprint(o.orderId, true, day.kiosk), 403);

  await expectOk(p.arrive(o.orderId));
  if (printed.deliveryCode !== o.deliveryCode) expectProblem(await p.pickUp(o.orderId, o.deliveryCode, 999), 422, 'wrong-delivery-code');
  expect(await expectOk(p.pickUp(o.orderId, printed.deliveryCode, 999))).toMatchObject({ status: 'PICKED_UP' });
  // Handed over: the code has done its job.
  expectProblem(await reprint(o.orderId), 409, 'no-code-needed');
});

test('a locked order gets no new code until ops unlock it', async () => {
  const o = await expectOk(placeFor(), 201);
  await expectOk(p.arrive(o.orderId));
  const wrong = o.deliveryCode === '999999' ? '888888' : '999999';
  for (let i = 0; i < 5; i++) await p.pickUp(o.orderId, wrong, 999);
  expectProblem(await reprint(o.orderId), 409, 'order-locked');
  await expectOk(api.call('POST', `/v1/orders/${o.orderId}/unlock`, { token: day.ops, key: true }));
  const printed = await expectOk(reprint(o.orderId));
  expect(await expectOk(p.pickUp(o.orderId, printed.deliveryCode, 999))).toMatchObject({ status: 'PICKED_UP' });
});

test("the same sub at another station replaying a reprint's key gets nothing of the first station's order: checked like a fresh request (404)", async () => {
  const o = await expectOk(placeFor(), 201);
  const key = randomUUID();
  const sub = `shared-sub-${randomUUID().slice(0, 8)}`;
  const here = await api.token('partner', day.stationId, sub);
  const printed = await expectOk(reprint(o.orderId, key, here));
  const other = await freshStation(api);
  const there = await api.token('partner', other.stationId, sub);
  const replayed = await reprint(o.orderId, key, there);
  expectProblem(replayed, 404, 'not-found');
  expect(JSON.stringify(replayed.body)).not.toContain(printed.deliveryCode);
  expect(JSON.stringify(replayed.body)).not.toContain(o.orderId);
  // Nor as another role with the same sub (an ops token cannot reprint at all).
  const asOps = await api.token('ops', undefined, sub);
  expectProblem(await reprint(o.orderId, key, asOps), 403);
  // The caller that made it still gets its answer back.
  expect(await expectOk(reprint(o.orderId, key, here))).toEqual(printed);
});

/** Whether a six-digit code stands anywhere in the table as a number of its own (not inside a longer one). */
const codeInTable = async (code: string) => {
  const pattern = new RegExp(`(?<![0-9])${code}(?![0-9])`);
  return (await allItems()).filter((i) => pattern.test(JSON.stringify(i))).map((i) => `${String(i.pk)} ${String(i.sk)}`);
};

test('no delivery code in the table after placing and reprinting (the kept answers are sealed with the Idempotency-Key), yet a retry still prints the receipt', async () => {
  const placeKey = randomUUID();
  const placed = await expectOk(placeFor(placeKey), 201);
  const reprintKey = randomUUID();
  const printed = await expectOk(reprint(placed.orderId, reprintKey));
  expect(await codeInTable(placed.deliveryCode)).toEqual([]);
  expect(await codeInTable(printed.deliveryCode)).toEqual([]);
  // Nor the keys: a record is found by a hash of the key, so only a client that holds the key can replay.
  const raw = JSON.stringify(await allItems());
  expect(raw).not.toContain(placeKey);
  expect(raw).not.toContain(reprintKey);
  // The answers lost on the way are still there for the client that sent them.
  expect((await placeFor(placeKey)).body).toEqual(placed);
  expect((await reprint(placed.orderId, reprintKey)).body).toEqual(printed);
});
