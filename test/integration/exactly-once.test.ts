import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { useApi, type Answer } from '../support/api.ts';
import { expectOk } from '../support/fixture.ts';
import { intercept } from '../support/sdk.ts';
import { effectCounters, entriesPerCommand, moneyCommandNames, moneyCommands } from '../support/money-commands.ts';
import { expectProblem, freshStation, partnerCalls, type Day } from '../support/station-day.ts';
import { allItems } from '../support/table.ts';

const api = useApi();
let day: Day;
let p: ReturnType<typeof partnerCalls>;
let villager: string;
beforeAll(async () => {
  day = await freshStation(api);
  p = partnerCalls(api, day);
  villager = await day.villager('王秀英');
  commands = moneyCommands(api, day, villager);
});
afterEach(() => intercept(undefined));

const entriesOf = async (stationId: string) => (await allItems()).filter((i) => String(i.pk) === `STATION#${stationId}` && String(i.sk).startsWith('ENTRY#'));

async function placedOrder(cash = 0, fulfilment = 'STATION_PICKUP') {
  return expectOk(
    p.place({ villagerId: villager, lines: [{ sku: day.sku.ac, qty: 1 }], paymentMode: 'CASH_ON_DELIVERY', fulfilment, cashReceivedFen: cash }),
    201,
  );
}
async function arrivedOrder(cash = 0) {
  const o = await placedOrder(cash);
  await expectOk(p.arrive(o.orderId));
  return o;
}
/** What one application of a command adds: a journal entry, or what an after-sales command creates or changes. */
const effectOf = (name: (typeof moneyCommandNames)[number]) => effectCounters(day.stationId)[name] ?? (async () => (await entriesOf(day.stationId)).length);

/** What one application adds: one effect, or a bill's two entries (its cash taken, then its commission). */
const perApplication = (name: (typeof moneyCommandNames)[number]) => (effectCounters(day.stationId)[name] ? 1 : (entriesPerCommand[name] ?? 1));

/** Each money command, with what to prepare and a key to send it under. */
let commands: ReturnType<typeof moneyCommands>;

/**
 * A 503 or 504 says "send it again with the same key" (docs/architecture.md); the
 * pages do, and so does a twin here when the database stalls under twenty at
 * once. Any other answer is final.
 */
async function sendAsThePagesDo(send: (key: string) => Promise<Answer>, key: string): Promise<Answer> {
  for (let attempt = 1; ; attempt++) {
    const answer = await send(key);
    if ((answer.status !== 503 && answer.status !== 504) || attempt === 3) return answer;
    expect(answer.headers.get('retry-after')).toMatch(/^\d+$/);
  }
}

describe.each(moneyCommandNames)('%s', (name) => {
  test('20 concurrent identical requests: one effect, twenty identical answers', async () => {
    const send = await commands[name]();
    const effects = effectOf(name);
    const before = await effects();
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 20 }, () => sendAsThePagesDo(send, key)));
    const statuses = new Set(answers.map((a) => a.status));
    expect([...statuses], answers.map((a) => `${a.status} ${a.body.code ?? ''}`).join(', ')).toHaveLength(1);
    expect(answers[0]!.status).toBeLessThan(300);
    for (const a of answers) expect(a.body).toEqual(answers[0]!.body);
    expect((await effects()) - before).toBe(perApplication(name));
  });

  test('the Lambda dies after its transaction committed: the retry answers as the first would have, nothing applied twice', async () => {
    const send = await commands[name]();
    const effects = effectOf(name);
    const before = await effects();
    intercept(async (command, _input, call) => {
      const result = await call();
      if (command === 'TransactWriteItemsCommand') {
        intercept(undefined);
        throw Object.assign(new Error('Runtime exited'), { name: 'RuntimeExitError' });
      }
      return result;
    });
    const key = randomUUID();
    const crashed = await send(key);
    expect(crashed.status).toBe(500);
    const afterCrash = await effects();
    expect(afterCrash - before).toBe(1); // it did commit
    const retried = await send(key);
    expect(retried.status).toBeLessThan(300);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    // What the first transaction committed is not written again; a command of several transactions finishes the rest.
    expect(await effects()).toBe(before + perApplication(name));
  });
});

test('the same key with a different body is refused (422) and changes nothing', async () => {
  const o = await placedOrder();
  const key = randomUUID();
  await expectOk(p.pay(o.orderId, 1_000, key));
  const before = await allItems();
  expectProblem(await p.pay(o.orderId, 2_000, key), 422, 'idempotency-key-reused');
  expect(await allItems()).toEqual(before);
});

test('two tabs racing on one order: one wins, the other gets a clear 409', async () => {
  const o = await placedOrder();
  // Hold every transaction back a moment so both requests read the same version first.
  intercept(async (command, _input, call) => {
    if (command === 'TransactWriteItemsCommand') await new Promise((r) => setTimeout(r, 500));
    return call();
  });
  const [a, b] = await Promise.all([p.pay(o.orderId, 1_000), p.pay(o.orderId, 2_000)]);
  intercept(undefined);
  expect([a.status, b.status].sort()).toEqual([200, 409]);
  const loser = a.status === 409 ? a : b;
  expectProblem(loser, 409, 'changed-meanwhile');
  expect(loser.body.detail).toMatch(/someone else|another tab/);
  const paid = (await p.order(o.orderId)).paidFen;
  expect([1_000, 2_000]).toContain(paid);
});

test('two partners racing to hand over the same parcel: one hand-over, one commission', async () => {
  const o = await arrivedOrder(390_000);
  const before = (await entriesOf(day.stationId)).length;
  intercept(async (command, _input, call) => {
    if (command === 'TransactWriteItemsCommand') await new Promise((r) => setTimeout(r, 500));
    return call();
  });
  const answers = await Promise.all([p.pickUp(o.orderId, o.deliveryCode), p.pickUp(o.orderId, o.deliveryCode)]);
  intercept(undefined);
  expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
  expect((await entriesOf(day.stationId)).length - before).toBe(1);
  expect((await p.order(o.orderId)).commissionEarnedFen).toBe(6_000);
});
