import { deliverMessage } from '#functions/outbox/send-sms.ts';
import type { SmsGateway } from '#gateway/sms-gateway.ts';
import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { routeTable } from '#functions/registry.ts';
import { routeKey } from '#http/route.ts';
import { useApi } from '../support/api.ts';
import { badInputs, deeplyNested, forgedCursors, invertedRanges, isListRoute, oddRequests, rangePairs } from '../support/bad-input.ts';
import { accounts } from '../support/bills.ts';
import { examples, fillPath, somePhone, tokenFor } from '../support/examples.ts';
import { buildFixture, expectOk, placeLockedOrder, type Fixture } from '../support/fixture.ts';
import { writesDuring } from '../support/sdk.ts';
import { tableSnapshot } from '../support/table.ts';
import { confirm } from '../support/tabs.ts';
import { tableDesign } from '#shared/table.ts';

const api = useApi();
let f: Fixture;
beforeAll(async () => {
  f = await buildFixture(api);
});

const qs = (query?: Record<string, string>) => (query && Object.keys(query).length ? `?${new URLSearchParams(query)}` : '');

test('every route of the table has an example, so it joins the harnesses', () => {
  const missing = routeTable.filter((r) => !examples[r.operationId]).map(routeKey);
  expect(missing).toEqual([]);
});

test('the write detector the odd requests rely on sees what a command writes, and nothing of a refusal', async () => {
  const spec = routeTable.find((r) => r.operationId === 'registerVillager')!;
  const example = await examples.registerVillager!(f, api);
  const send = (body: unknown) =>
    writesDuring(() => api.call(spec.method, fillPath(spec.path, example.params), { token: tokenFor(f, example.role), key: true, body }));
  const written = await send(example.body);
  expect(written.result.status).toBe(201);
  expect(written.writes).toEqual(['TransactWriteItems']);
  const refused = await send({ ...(example.body as object), name: '' });
  expect(refused.result.status).toBe(400);
  expect(refused.writes).toEqual([]);
});

const withInput = routeTable.filter((r) => r.params || r.query || r.body);

describe.each(withInput.map((r) => [routeKey(r), r] as const))('%s', (_, spec) => {
  test('bad input: 400 problem+json naming each wrong field, never 500, nothing written', async () => {
    const example = await examples[spec.operationId]!(f, api);
    const token = tokenFor(f, example.role);
    const before = await tableSnapshot();
    await fc.assert(
      fc.asyncProperty(badInputs(spec, example), async (input) => {
        const answer = await api.call(spec.method, fillPath(spec.path, input.params) + qs(input.query), {
          token,
          body: input.body,
          key: spec.idempotent ? true : undefined,
        });
        expect(answer.status, JSON.stringify({ input, answer: answer.body })).toBe(400);
        expect(answer.headers.get('content-type')).toBe('application/problem+json');
        const named = (answer.body.errors as { path: string }[]).map((e) => e.path);
        for (const path of input.expected) expect(named, JSON.stringify(input)).toContain(path);
      }),
      { numRuns: 30, seed: 20261121 },
    );
    expect(await tableSnapshot()).toBe(before);
  });
});

const withBody = routeTable.filter((r) => r.body);

describe.each(withBody.map((r) => [routeKey(r), r] as const))('%s', (_, spec) => {
  test('malformed JSON is 400, a non-JSON body 415, nothing written', async () => {
    const example = await examples[spec.operationId]!(f, api);
    const token = tokenFor(f, example.role);
    const path = fillPath(spec.path, example.params) + qs(example.query);
    const key = spec.idempotent ? true : undefined;
    const before = await tableSnapshot();
    const malformed = await api.call(spec.method, path, { token, key, rawBody: '{"name": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors).toMatchObject([{ path: 'body', message: 'The body is not valid JSON.' }]);
    const form = await api.call(spec.method, path, { token, key, rawBody: 'name=x', contentType: 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    if (!spec.body!().safeParse(undefined).success) {
      const missing = await api.call(spec.method, path, { token, key });
      expect(missing.status).toBe(400);
      expect(missing.body.errors.map((e: { path: string }) => e.path)).toContain('body');
    }
    expect(await tableSnapshot()).toBe(before);
  });
});

const idempotent = routeTable.filter((r) => r.idempotent);

describe.each(idempotent.map((r) => [routeKey(r), r] as const))('%s', (_, spec) => {
  test('without an Idempotency-Key (or with a malformed one): 400 naming the header, nothing written', async () => {
    const example = await examples[spec.operationId]!(f, api);
    const token = tokenFor(f, example.role);
    const path = fillPath(spec.path, example.params) + qs(example.query);
    const before = await tableSnapshot();
    for (const key of [undefined, 'short', 'has spaces in it']) {
      const answer = await api.call(spec.method, path, { token, key, body: example.body });
      expect(answer.status).toBe(400);
      expect(answer.body.errors.map((e: { path: string }) => e.path)).toContain('headers.idempotency-key');
    }
    expect(await tableSnapshot()).toBe(before);
  });
});

const keyNames = [tableDesign.partitionKey, tableDesign.sortKey, ...Object.values(tableDesign.indexes).flatMap((i) => [i.partitionKey, i.sortKey])];
const listRoutes = routeTable.filter(isListRoute);

test('the list routes are found from their schemas (every route with a next cursor)', () => {
  expect(listRoutes.length).toBeGreaterThanOrEqual(9);
});

/** A second item in every list of station A, so each list route has a second page and a genuine cursor to mangle. */
async function secondPageOfEverything() {
  const { partnerA: token, stationA: station } = f;
  await expectOk(
    api.call('POST', `/v1/stations/${station}/villagers`, { token, key: true, body: { name: '王建华', villageId: f.villageA, consent: true } }),
    201,
  );
  await expectOk(api.call('POST', `/v1/stations/${station}/carts`, { token: f.kioskA, key: true, body: { lines: [{ sku: f.sku, qty: 2 }] } }), 201);
  for (const date of ['2026-12-01', '2026-11-30']) {
    await expectOk(
      api.call('POST', `/v1/stations/${station}/tasks`, {
        token,
        key: true,
        body: { villageId: f.villageA2, date, kind: 'PRODUCE', note: '一筐', weightKg: 10 },
      }),
      201,
    );
  }
  await expectOk(api.call('POST', `/v1/stations/${station}/delivery-runs`, { token, key: true, body: { date: '2026-11-30', capacityKg: 150 } }), 201);
  await expectOk(api.call('POST', `/v1/orders/${f.orderA}/payments`, { token, key: true, body: { amountFen: 100 } }));
  // A second pending remittance, and two counts beyond the variance limit (flagged for ops).
  await expectOk(api.call('POST', `/v1/stations/${station}/remittances`, { token, key: true, body: { amountFen: 100, reference: 'SECOND-SLIP' } }));
  for (const reason of ['多点了', '又多点了']) {
    const { drawerFen } = await expectOk(api.call('GET', `/v1/stations/${station}/cash`, { token }));
    await expectOk(api.call('POST', `/v1/stations/${station}/cash-counts`, { token, key: true, body: { countedFen: drawerFen + 50_000, reason } }), 201);
  }
  await expectOk(api.call('POST', `/v1/stations/${station}/bill-payments`, { token, key: true, body: { ...accounts.phone, amountFen: 1_000 } }), 201);
  // Two bills the gateway took without its answer coming back: pending, for the ops list of pending payments.
  await api.gateway.fault('drop-answer', 2, 'pay');
  for (const amountFen of [1_100, 1_200]) {
    await expectOk(api.call('POST', `/v1/stations/${station}/bill-payments`, { token, key: true, body: { ...accounts.phone, amountFen } }), 201);
  }
  // A second user, and a second change of the fixture's (its first is its creation).
  await expectOk(api.call('POST', '/v1/users', { token: f.ops, key: true, body: { phone: '13912300002', name: '第二个用户', role: 'ops' } }), 201);
  await expectOk(api.call('PATCH', `/v1/users/${f.userA}`, { token: f.ops, key: true, body: { name: '张合伙改名' } }));
  // A second open lot (grade B beside the fixture's grade A).
  await expectOk(
    api.call('POST', `/v1/stations/${station}/weigh-tickets`, {
      token,
      key: true,
      body: { villagerId: f.villagerA, code: f.produceCode, grade: 'B', grossGrams: 1_000, payout: 'CASH_NOW' },
    }),
    201,
  );
  // A second installation job (another air conditioner handed over) and a second open claim.
  const second = await expectOk(
    api.call('POST', `/v1/stations/${station}/orders`, {
      token,
      key: true,
      body: { villagerId: f.villagerA, lines: [{ sku: f.sku, qty: 1 }], paymentMode: 'CASH_ON_ORDER', fulfilment: 'STATION_PICKUP', cashReceivedFen: 390_000 },
    }),
    201,
  );
  await expectOk(api.call('POST', `/v1/orders/${second.orderId}/arrive`, { token, key: true }));
  await expectOk(api.call('POST', `/v1/orders/${second.orderId}/pickup`, { token, key: true, body: { deliveryCode: second.deliveryCode } }));
  await expectOk(api.call('POST', `/v1/orders/${f.handedOverA}/claims`, { token, key: true, body: { sku: f.sku, qty: 1, problem: '遥控器坏了' } }), 201);
  // Two orders locked for ops (one at each station), for the list of locked orders.
  await placeLockedOrder(api, { token, stationId: station, villagerId: f.villagerA, sku: f.sku });
  await placeLockedOrder(api, { token: f.partnerB, stationId: f.stationB, villagerId: f.villagerB, sku: f.sku });
  // A second message to station A's villager who hears by SMS, and both refused by the gateway: listed, and unreached.
  const sms = await expectOk(
    api.call('POST', `/v1/stations/${station}/orders`, {
      token,
      key: true,
      body: { villagerId: f.villagerSmsA, lines: [{ sku: f.sku, qty: 1 }], paymentMode: 'CASH_ON_DELIVERY', fulfilment: 'STATION_PICKUP' },
    }),
    201,
  );
  const refusing: SmsGateway = { send: async () => ({ kind: 'refused', code: 'MOBILE_NUMBER_ILLEGAL', message: '手机号码格式错误' }), sent: async () => [] };
  for (const messageId of [f.messageA, sms.codeMessageId]) await deliverMessage(messageId, new Date(), refusing);
  // Two search synonyms, for the list ops keep.
  for (const word of ['化肥', '电饭锅']) {
    const kept = await api.call('PUT', `/v1/search-synonyms/${encodeURIComponent(word)}`, { token: f.ops, body: { expandsTo: ['复合肥'] } });
    expect([200, 201]).toContain(kept.status);
  }
  // A second parcel on station A's shelf, and two couriers.
  await expectOk(
    api.call('POST', `/v1/stations/${station}/parcels`, {
      token,
      key: true,
      body: { waybillNo: `YT${Date.now()}`, courier: 'YTO', recipientPhone: '13857812399', recipientName: '王建华' },
    }),
    201,
  );
  for (const code of ['ZTO', 'YTO']) {
    const kept = await api.call('PUT', `/v1/couriers/${code}`, { token: f.ops, body: { name: code } });
    expect([200, 201]).toContain(kept.status);
  }
  // A second pending tab request (a neighbour with a phone of their own), for the ops list of requests.
  const neighbour = await expectOk(
    api.call('POST', `/v1/stations/${station}/villagers`, {
      token,
      key: true,
      body: { name: '李桂兰', villageId: f.villageA, consent: true, phone: somePhone() },
    }),
    201,
  );
  const consent = await confirm(api, token, station, neighbour.villagerId, { purpose: 'TAB_CONSENT', amountFen: 50_000 });
  await expectOk(
    api.call('POST', `/v1/stations/${station}/villagers/${neighbour.villagerId}/tab/requests`, { token, key: true, body: { limitFen: 50_000, ...consent } }),
    201,
  );
  // Station B's month too, so this month's ranking has two stations.
  await expectOk(
    api.call('POST', `/v1/stations/${f.stationB}/orders`, {
      token: f.partnerB,
      key: true,
      body: { villagerId: f.villagerB, lines: [{ sku: f.sku, qty: 1 }], paymentMode: 'CASH_ON_ORDER', fulfilment: 'STATION_PICKUP', cashReceivedFen: 390_000 },
    }),
    201,
  );
}

describe('list routes', () => {
  beforeAll(secondPageOfEverything);

  describe.each(listRoutes.map((r) => [routeKey(r), r] as const))('%s', (_, spec) => {
    test('a forged or mangled next cursor: 400 naming query.next, never 500', async () => {
      const example = await examples[spec.operationId]!(f, api);
      const token = tokenFor(f, example.role);
      const path = fillPath(spec.path, example.params);
      // A genuine cursor to mangle, and the query it belongs to.
      let genuine: string | undefined;
      let genuineQuery: Record<string, string> = {};
      for (const query of [
        { ...example.query, limit: '1' },
        { ...Object.fromEntries(Object.entries(example.query ?? {}).filter(([k]) => k === 'date')), limit: '1' },
      ]) {
        const page = await api.call('GET', path + qs(query), { token });
        if (!genuine && page.body?.next) [genuine, genuineQuery] = [page.body.next, query];
      }
      expect(genuine, 'no second page: give the fixture a second item of this list (secondPageOfEverything)').toBeDefined();
      await fc.assert(
        fc.asyncProperty(forgedCursors(keyNames, genuine, [f.stationA, f.stationB]), fc.boolean(), async ({ next, mustRefuse }, sameQuery) => {
          // With the query the genuine cursor came from (so only the cursor is wrong), or with the example's own.
          const answer = await api.call('GET', path + qs({ ...(sameQuery ? genuineQuery : example.query), next }), { token });
          const what = JSON.stringify({ next, decoded: Buffer.from(next, 'base64url').toString('utf8').slice(0, 200), answer: answer.body });
          if (mustRefuse || answer.status !== 200) {
            expect(answer.status, what).toBe(400);
            expect(answer.headers.get('content-type')).toBe('application/problem+json');
            expect(
              answer.body.errors.map((e: { path: string }) => e.path),
              what,
            ).toContain('query.next');
          }
        }),
        { numRuns: 80, seed: 20261207 },
      );
      // The genuine cursor itself still pages.
      const next = await api.call('GET', path + qs({ ...genuineQuery, next: genuine! }), { token });
      expect(next.status, JSON.stringify(next.body)).toBe(200);
    });
  });
});

const ranged = routeTable.filter((r) => rangePairs(r).length > 0);

test('routes with a range in their query are found from their schemas', () => {
  expect(ranged.map(routeKey)).toContain('GET /v1/stations/{stationId}/orders');
});

describe.each(ranged.map((r) => [routeKey(r), r] as const))('%s', (_, spec) => {
  test('an inverted range (from after to): 400 naming the bound, with and without the other filters', async () => {
    const example = await examples[spec.operationId]!(f, api);
    const token = tokenFor(f, example.role);
    const cases = invertedRanges(spec, example);
    expect(cases.length).toBeGreaterThan(0);
    for (const { pair, query } of cases) {
      const answer = await api.call(spec.method, fillPath(spec.path, example.params) + qs(query), {
        token,
        key: spec.idempotent ? true : undefined,
        body: example.body,
      });
      expect(answer.status, JSON.stringify({ query, answer: answer.body })).toBe(400);
      const named = answer.body.errors.map((e: { path: string }) => e.path);
      expect(
        named.some((p: string) => pair.map((n) => `query.${n}`).includes(p)),
        JSON.stringify(named),
      ).toBe(true);
    }
  });
});

describe.each(withBody.map((r) => [routeKey(r), r] as const))('%s', (_, spec) => {
  test('a body nested 5,000 and 100,000 levels deep: 400 naming the body, never 500, nothing written', async () => {
    const example = await examples[spec.operationId]!(f, api);
    const token = tokenFor(f, example.role);
    const path = fillPath(spec.path, example.params) + qs(example.query);
    const before = await tableSnapshot();
    for (const depth of [5_000, 100_000]) {
      for (const { label, text } of deeplyNested(example, depth)) {
        const answer = await api.call(spec.method, path, { token, key: spec.idempotent ? true : undefined, rawBody: text });
        expect(answer.status, `${label}: ${JSON.stringify(answer.body)}`).toBe(400);
        expect(answer.headers.get('content-type')).toBe('application/problem+json');
        expect(
          answer.body.errors.every((e: { path: string }) => e.path === 'body' || e.path.startsWith('body.')),
          label,
        ).toBe(true);
      }
    }
    expect(await tableSnapshot()).toBe(before);
  });
});

describe.each(routeTable.map((r) => [routeKey(r), r] as const))('%s', (_, spec) => {
  test('odd requests of every other shape (repeated and long query values, odd path values, odd numbers, strings, keys, control and direction characters, bytes that are not UTF-8, encodings, sizes, wide bodies, import bombs): never 500, every answer under 1 MB; a refusal is problem+json and writes nothing', async () => {
    const example = await examples[spec.operationId]!(f, api);
    const token = tokenFor(f, example.role);
    const failures: string[] = [];
    for (const odd of oddRequests(spec, example)) {
      const path = fillPath(spec.path, odd.params ?? example.params) + (odd.rawQuery !== undefined ? `?${odd.rawQuery}` : qs(example.query));
      const { result: answer, writes } = await writesDuring(() =>
        api
          .call(spec.method, path, {
            token,
            key: spec.idempotent ? true : undefined,
            ...(odd.rawBody !== undefined ? { rawBody: odd.rawBody } : odd.body !== undefined ? { body: odd.body } : {}),
            ...(odd.contentType !== undefined ? { contentType: odd.contentType } : {}),
          })
          .catch((error: Error) => ({
            status: 999,
            body: `no answer: ${error.message} ${String((error.cause as Error)?.message ?? '')}`,
            headers: new Headers(),
            bytes: 0,
          })),
      );
      const what = `${odd.label}: ${answer.status} ${String(JSON.stringify(answer.body)).slice(0, 300)}`;
      // Whatever was sent, the answer stays far under Lambda's 6 MB limit.
      if ((answer.bytes ?? 0) >= 1024 * 1024) failures.push(`answer of ${answer.bytes} bytes: ${what}`);
      if (answer.status >= 500) failures.push(what);
      else if (answer.status >= 400 && answer.headers.get('content-type') !== 'application/problem+json') failures.push(`not problem+json: ${what}`);
      // Refused as bad input: nothing written. (A rule's refusal may write by design: a wrong delivery code is counted.)
      else if ((answer.status === 400 || answer.status === 413 || answer.status === 415) && writes.length > 0) {
        failures.push(`wrote (${writes.join(', ')}): ${what}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
