import { afterAll, beforeAll, expect, test } from 'vitest';
import { ensureTable } from '#scripts/local/create-table.ts';
import { localClient, startDynamoDbLocal, type LocalDynamo } from '#scripts/local/dynamodb.ts';
import { freePort } from '#scripts/local/ports.ts';
import { timeouts } from '#shared/timeouts.ts';
import { useApi, type Answer } from '../support/api.ts';
import { buildFixture, expectOk, type Fixture } from '../support/fixture.ts';

/**
 * docs/quality.md "A dependency down or slow": a dependency that is down or
 * slow answers 503/504 with what to do, never a 500, and never hides an effect
 * that was applied. This file runs its own DynamoDB Local, so freezing and
 * killing it disturbs no other test.
 */
const api = useApi();
let dynamo: LocalDynamo;
let f: Fixture;

beforeAll(async () => {
  dynamo = await startDynamoDbLocal({ port: await freePort() });
  // Before any handler reads its configuration: this file's handlers use this DynamoDB Local.
  process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
  const client = localClient(dynamo.endpoint);
  await ensureTable(client, process.env.TABLE_NAME!);
  client.destroy();
  f = await buildFixture(api);
});
afterAll(async () => {
  try {
    process.kill(dynamo.pid, 'SIGCONT');
  } catch {
    // already killed by the test
  }
  await dynamo.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function expectRetryAdvice(answer: Answer, status: number, label: string) {
  expect(answer.status, `${label}: ${JSON.stringify(answer.body)}`).toBe(status);
  expect(answer.headers.get('content-type'), label).toBe('application/problem+json');
  expect(answer.body.detail, label).toMatch(label === 'ready' ? /Try again/ : /same Idempotency-Key/);
  expect(answer.headers.get('retry-after'), label).toMatch(/^\d+$/);
}

test('up: health is alive, and ready says the table answers', async () => {
  expect((await api.call('GET', '/v1/health')).status).toBe(200);
  expect(await expectOk(api.call('GET', '/v1/health/ready'))).toEqual({ status: 'ready' });
});

test('frozen for 15 s: a payment and a read answer 504 before the function times out, and the payment is applied exactly once when retried', async () => {
  const order = `/v1/orders/${f.orderA}`;
  const before = await expectOk(api.call('GET', order, { token: f.partnerA }));
  const key = 'frozen-payment-0001';
  const pay = () => api.call('POST', `${order}/payments`, { token: f.partnerA, key, body: { amountFen: 1_234 } });

  process.kill(dynamo.pid, 'SIGSTOP');
  const frozenAt = Date.now();
  let payment: Answer;
  let read: Answer;
  try {
    const started = Date.now();
    [payment, read] = await Promise.all([pay(), api.call('GET', order, { token: f.partnerA })]);
    const took = Date.now() - started;
    if (process.env.SHOW_TIMINGS) console.log(`answered after ${took} ms`);
    // Answered at the request's own deadline, before the Lambda timeout would cut it off.
    expect(took).toBeLessThan(timeouts.functionSeconds * 1000);
    expect(took).toBeGreaterThanOrEqual(timeouts.dynamoAttemptMs);
    expect((await api.call('GET', '/v1/health')).status).toBe(200);
    const ready = await api.call('GET', '/v1/health/ready');
    expectRetryAdvice(ready, 503, 'ready');
  } finally {
    await sleep(Math.max(0, 15_000 - (Date.now() - frozenAt)));
    process.kill(dynamo.pid, 'SIGCONT');
  }
  expectRetryAdvice(payment, 504, 'payment');
  expectRetryAdvice(read, 504, 'read');

  // Whatever reached the database while it was frozen has landed by now; the retry applies the payment once.
  await sleep(500);
  const retried = await expectOk(pay());
  expect(retried.paidFen).toBe(before.paidFen + 1_234);
  expect(await expectOk(pay())).toEqual(retried);
  expect((await expectOk(api.call('GET', order, { token: f.partnerA }))).paidFen).toBe(before.paidFen + 1_234);
  const entries = await expectOk(api.call('GET', `/v1/stations/${f.stationA}/cash/entries?limit=100`, { token: f.partnerA }));
  expect(entries.items.filter((e: { orderId?: string; kind: string; amountFen?: number }) => e.orderId === f.orderA && e.kind === 'PAYMENT')).toHaveLength(1);
}, 60_000);

test('killed: reads and commands answer 503 saying to send the same request again; health stays alive, ready says not ready', async () => {
  process.kill(dynamo.pid, 'SIGKILL');
  await sleep(500);
  expectRetryAdvice(await api.call('GET', `/v1/orders/${f.orderA}`, { token: f.partnerA }), 503, 'read');
  expectRetryAdvice(await api.call('GET', `/v1/stations/${f.stationA}/orders`, { token: f.partnerA }), 503, 'list');
  expectRetryAdvice(await api.call('POST', `/v1/orders/${f.orderA}/payments`, { token: f.partnerA, key: true, body: { amountFen: 100 } }), 503, 'command');
  // What the client sent wrong is still named, whatever the database does.
  expect((await api.call('PUT', `/v1/products/${f.sku}`, { token: f.ops, body: { title: 'x' } })).status).toBe(400);
  expect((await api.call('GET', '/v1/health')).status).toBe(200);
  expectRetryAdvice(await api.call('GET', '/v1/health/ready'), 503, 'ready');
}, 60_000);
