import { beforeAll, expect, test } from 'vitest';
import { useApi } from '../support/api.ts';
import { buildFixture, expectOk, type Fixture } from '../support/fixture.ts';
import { tableSnapshot } from '../support/table.ts';

/** A command that would change nothing says so, rather than answering 200 as if it had done something. */
const api = useApi();
let f: Fixture;
beforeAll(async () => {
  f = await buildFixture(api);
});

test('unlocking an order that is not locked: 409, nothing written', async () => {
  const before = await tableSnapshot();
  const answer = await api.call('POST', `/v1/orders/${f.orderA}/unlock`, { token: f.ops, key: true });
  expect(answer.status, JSON.stringify(answer.body)).toBe(409);
  expect(answer.body).toMatchObject({ code: 'not-locked' });
  expect(await tableSnapshot()).toBe(before);
});

test('moving a stop to a position that does not exist: 400 naming the position, nothing written', async () => {
  const run = await expectOk(api.call('GET', `/v1/delivery-runs/${f.runA}`, { token: f.partnerA }));
  const stops = run.trips[0].stops.length;
  const before = await tableSnapshot();
  for (const position of [stops + 1, stops + 5, 999]) {
    const answer = await api.call('POST', `/v1/delivery-runs/${f.runA}/stops/${f.stopA}/move`, { token: f.partnerA, key: true, body: { trip: 1, position } });
    expect(answer.status, JSON.stringify(answer.body)).toBe(400);
    expect(answer.body.errors.map((e: { path: string }) => e.path)).toContain('body.position');
  }
  expect(await tableSnapshot()).toBe(before);
  // The last place of its own trip is a real position.
  await expectOk(api.call('POST', `/v1/delivery-runs/${f.runA}/stops/${f.stopA}/move`, { token: f.partnerA, key: true, body: { trip: 1, position: stops } }));
});
