import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { newId } from '#shared/ids.ts';
import type { TransactItem, Write } from './command.ts';
import { db, tableName } from './db.ts';
import * as keys from './keys.ts';

/**
 * The outbox (docs/architecture.md "The outbox"). A command that causes an
 * effect outside its transaction (a message to a villager's phone, say)
 * writes an outbox item in that same transaction, so the effect is caused if
 * and only if the command commits. The table's stream carries each new item to
 * one consumer (functions/outbox), which applies its effect at least once in
 * and exactly once out: an effect inside the table commits with the item's
 * mark (`applyOnce`); one outside it keeps its own state on the item (a
 * message: functions/outbox/send-sms.ts). No queue or broker of our own.
 */
export interface OutboxItem {
  outboxId: string;
  /** Which effect (functions/outbox/effects.ts); the rest of the item is the effect's own. */
  effect: EffectName;
  createdAt: string;
  /** Set, once, by the transaction that applied an effect inside the table. */
  appliedAt?: string;
  [field: string]: unknown;
}

/** The effects an outbox item can name; functions/outbox/effects.ts applies each. */
export const effectNames = {
  /** A message to a villager's phone (the item is the message). */
  sms: 'sms',
  /** A run started: write a message to each villager whose parcels are on it. */
  runNotice: 'run-notice',
  /** A sign-in code to a user's phone (the item holds the code until it is sent). */
  signInCode: 'sign-in-code',
} as const;
export type EffectName = (typeof effectNames)[keyof typeof effectNames];

/**
 * Only new outbox items reach the consumer. The same pattern filters the
 * event source mapping in AWS (infra/outbox.ts) and the local stream poller
 * (scripts/local/outbox-poller.ts); a status written later on the item is a
 * MODIFY and passes neither.
 */
export const outboxStreamFilter = {
  eventName: ['INSERT'],
  dynamodb: { NewImage: { pk: { S: [{ prefix: keys.partitionPrefixes.outbox }] } } },
} as const;

/** Kept 90 days, like the idempotency records (what was sent can be looked up meanwhile), then removed by TTL. */
const lifetimeSeconds = 90 * 24 * 3600;
/** When an outbox item made at `createdAt` goes (TTL, epoch seconds). */
export const outboxExpiry = (createdAt: string): number => Math.floor(Date.parse(createdAt) / 1000) + lifetimeSeconds;

/**
 * One item of a command's transaction: the effect, with its own fields
 * (index keys too, for an effect that is listed, such as a message).
 */
export function add(effect: EffectName, fields: Record<string, unknown>, now: Date, outboxId: string = newId('outbox', now.getTime())): Write {
  const item = {
    ...fields,
    ...keys.outbox(outboxId),
    type: 'outbox',
    outboxId,
    effect,
    createdAt: now.toISOString(),
    expiresAt: outboxExpiry(now.toISOString()),
  };
  return { item: { Put: { TableName: tableName(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' } } };
}

/** The new outbox items of a batch from the stream, in order, each with the sequence number that reports it failed. */
export function fromStream(event: DynamoDBStreamEvent): { sequenceNumber: string; item: OutboxItem }[] {
  return event.Records.flatMap((record) => {
    const image = record.dynamodb?.NewImage;
    const sequenceNumber = record.dynamodb?.SequenceNumber;
    if (record.eventName !== 'INSERT' || !image || !sequenceNumber) return [];
    const item = unmarshall(image as Record<string, AttributeValue>);
    if (typeof item.pk !== 'string' || !item.pk.startsWith(keys.partitionPrefixes.outbox)) return [];
    const { pk: _pk, sk: _sk, type: _type, expiresAt: _expiresAt, ...rest } = item;
    return [{ sequenceNumber, item: rest as OutboxItem }];
  });
}

/**
 * Applies an effect inside the table exactly once: its writes commit
 * together with the item's mark, conditioned on the mark being absent. A
 * second delivery of the same item (streams deliver at least once) finds
 * the mark and writes nothing.
 */
export async function applyOnce(item: Pick<OutboxItem, 'outboxId'>, writes: readonly TransactItem[], now: Date): Promise<'applied' | 'already-applied'> {
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          ...writes,
          {
            Update: {
              TableName: tableName(),
              Key: keys.outbox(item.outboxId),
              UpdateExpression: 'SET appliedAt = :now',
              ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(appliedAt)',
              ExpressionAttributeValues: { ':now': now.toISOString() },
            },
          },
        ],
      }),
    );
    return 'applied';
  } catch (error) {
    const reasons = (error as { name?: string; CancellationReasons?: { Code?: string }[] }).CancellationReasons;
    if ((error as { name?: string }).name === 'TransactionCanceledException' && reasons?.at(-1)?.Code === 'ConditionalCheckFailed') return 'already-applied';
    throw error;
  }
}
