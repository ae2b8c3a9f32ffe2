import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { outboxConsumer, type Effect } from '#functions/outbox/consumer.ts';
import { startOutboxPoller, type OutboxPoller, type StreamHandler } from '#scripts/local/outbox-poller.ts';
import { ConflictError } from '#shared/errors.ts';
import { msg } from '#shared/i18n/messages.ts';
import { runCommand, type IdempotencyContext } from '#store/command.ts';
import { db, tableName } from '#store/db.ts';
import type { EffectName } from '#store/outbox.ts';
import * as outboxStore from '#store/outbox.ts';
import { allItems } from '../support/table.ts';

/**
 * The outbox on the table's stream, against DynamoDB Local's own stream: a
 * test effect (a counter in the table, applied with `applyOnce`) stands for
 * the real ones, so that each delivery and each application can be counted.
 */
/** The test's own effect, which no command of the system names. */
const probeEffect = 'probe' as EffectName;
const counterKey = (name: string) => ({ pk: `TESTCOUNTER#${name}`, sk: 'COUNTER' });
const probe: Effect = async (item, now) => {
  await outboxStore.applyOnce(
    item,
    [{ Update: { TableName: tableName(), Key: counterKey(String(item.counter)), UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': 1 } } }],
    now,
  );
};
const counted = async (name: string) =>
  Number((await db().send(new GetCommand({ TableName: tableName(), Key: counterKey(name), ConsistentRead: true }))).Item?.n ?? 0);
const idem = (): IdempotencyContext => ({ scope: 'partner:st_test:sub', key: randomUUID(), fingerprint: 'f' });

/** A command whose transaction holds `n` outbox items, each counting on `counter`. */
const command = (counter: string, n = 1, extra: Parameters<typeof outboxStore.add>[1] = {}) =>
  runCommand(idem(), {
    reads: [],
    plan: async () => ({
      status: 201,
      body: { ok: true },
      writes: Array.from({ length: n }, () => outboxStore.add(probeEffect, { counter, ...extra }, new Date())),
    }),
  });

let handler: StreamHandler;
let delivered = 0;
let poller: OutboxPoller;
const consume = outboxConsumer({ probe });
beforeAll(() => {
  handler = consume;
  poller = startOutboxPoller({
    endpoint: process.env.DYNAMODB_ENDPOINT!,
    tableName: process.env.TABLE_NAME!,
    handler: (event) => {
      delivered += event.Records.length;
      return handler(event);
    },
    maxAttempts: 4,
  });
});
afterAll(() => poller.stop());

describe('the outbox, on the table stream', () => {
  test("a committed command's outbox items reach the consumer and are applied once each", async () => {
    await command('plain', 3);
    await poller.drained();
    expect(await counted('plain')).toBe(3);
  });

  test('the consumer dies in the middle of a batch: the batch comes again, and what was applied before the death is not applied twice', async () => {
    let deaths = 0;
    handler = async (event) => {
      // Apply the first two records, then die, twice: the poller hands the batch over again, as the event source mapping does.
      if (deaths < 2) {
        deaths += 1;
        await consume({ Records: event.Records.slice(0, 2) });
        throw new Error('Lambda died');
      }
      return consume(event);
    };
    const before = delivered;
    await command('killed', 5);
    await poller.drained();
    handler = consume;
    expect(deaths).toBe(2);
    expect(delivered - before).toBeGreaterThan(5);
    expect(await counted('killed')).toBe(5);
  });

  test('a record delivered twice is applied once', async () => {
    const records: DynamoDBStreamEvent['Records'] = [];
    handler = async (event) => {
      records.push(...event.Records);
      return consume(event);
    };
    await command('twice', 2);
    await poller.drained();
    handler = consume;
    expect(await counted('twice')).toBe(2);
    // The same records again, as a stream may deliver them (a retry after a lost answer, a second mapping).
    expect(await consume({ Records: records })).toEqual({ batchItemFailures: [] });
    expect(await consume({ Records: [...records].reverse() })).toEqual({ batchItemFailures: [] });
    expect(await counted('twice')).toBe(2);
  });

  test('an effect that keeps failing is retried a bounded number of times, then goes to the dead letters; the items after it still go', async () => {
    const consumeFailing = outboxConsumer({
      probe: async (item, now) => {
        if (item.poison) throw new Error('the effect cannot be applied');
        return probe(item, now);
      },
    });
    handler = consumeFailing;
    const before = poller.deadLetters.length;
    await command('poisoned', 1, { poison: true });
    await command('after-poison', 2);
    await poller.drained();
    handler = consume;
    expect(poller.deadLetters.length - before).toBe(1);
    expect(await counted('poisoned')).toBe(0);
    expect(await counted('after-poison')).toBe(2);
  });

  test('a command that fails writes no outbox item, and nothing is applied', async () => {
    const refused = runCommand(idem(), {
      reads: [],
      plan: async () => ({
        status: 201,
        body: {},
        writes: [
          outboxStore.add(probeEffect, { counter: 'refused' }, new Date()),
          {
            item: { ConditionCheck: { TableName: tableName(), Key: counterKey('never-there'), ConditionExpression: 'attribute_exists(pk)' } },
            onConditionFailed: () => new ConflictError('changed-meanwhile', msg('changed-meanwhile')),
          },
        ],
      }),
    });
    await expect(refused).rejects.toMatchObject({ status: 409 });
    const thrown = runCommand(idem(), {
      reads: [],
      plan: async () => {
        throw new ConflictError('changed-meanwhile', msg('changed-meanwhile'));
      },
    });
    await expect(thrown).rejects.toMatchObject({ status: 409 });
    await poller.drained();
    const outbox = (await allItems()).filter((i) => String(i.pk).startsWith('OUTBOX#') && i.counter === 'refused');
    expect(outbox).toEqual([]);
    expect(await counted('refused')).toBe(0);
  });
});
