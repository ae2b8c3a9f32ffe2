import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dueAt, unreached, type Message, type MessageStatus } from '#domain/message.ts';
import { shanghaiMonth } from '#domain/time.ts';
import type { TransactItem, Write } from './command.ts';
import { db, tableName } from './db.ts';
import { withoutKeys } from './items.ts';
import * as keys from './keys.ts';
import * as outboxStore from './outbox.ts';
import { queryPage, type Page } from './query.ts';
import { read as readKeys, type Read } from './reads.ts';
import * as statementStore from './statements.ts';

const smsEffect = outboxStore.effectNames.sms;

/** The message's own fields and index keys, as the outbox item holds them (its stream record is the send order). */
const fields = (m: Message) => ({ ...m, ...keys.messageListing(m.stationId, m.createdAt, m.messageId, unreached(m.status)) });

const toMessage = (item: Record<string, unknown>): Message => {
  const { outboxId: _o, effect: _e, appliedAt: _a, ...rest } = withoutKeys<Message & { outboxId?: string; effect?: string; appliedAt?: string }>(item);
  return rest as Message;
};

/** The retry job's marker: present exactly while the message is not finished, due when it should be looked at again. */
function markerWrite(m: Message): TransactItem {
  const due = dueAt(m);
  return due
    ? { Put: { TableName: tableName(), Item: { ...keys.pendingMessage(m.messageId), type: 'pending-message', stationId: m.stationId, dueAt: due } } }
    : { Delete: { TableName: tableName(), Key: keys.pendingMessage(m.messageId) } };
}

export class MessageChangedError extends Error {
  constructor() {
    super('The message changed meanwhile (another attempt took it).');
    this.name = 'MessageChangedError';
  }
}

/**
 * One item of a command's transaction: the message, as an outbox item, so
 * the stream hands it to the sender once the command commits. (Its marker
 * for the retry job is written when an attempt leaves it waiting.)
 */
export function queue(message: Message, now: Date): Write[] {
  return [outboxStore.add(smsEffect, fields(message), now, message.messageId)];
}

/**
 * A message written on its own (not in a command's transaction), on
 * condition that it is new: a message whose id is made from what it is about
 * is written once however often this is called. False if it was there.
 */
export async function queueOnce(message: Message, now: Date): Promise<boolean> {
  const { item } = outboxStore.add(smsEffect, fields(message), now, message.messageId);
  try {
    await db().send(new PutCommand(item.Put!));
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

export const read = (messageId: string): Read<Message | undefined> =>
  readKeys([keys.outbox(messageId)], (found) => {
    const item = found(keys.outbox(messageId));
    return item ? toMessage(item) : undefined;
  });

export async function get(messageId: string): Promise<Message | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.outbox(messageId), ConsistentRead: true }));
  return Item ? toMessage(Item) : undefined;
}

/**
 * Writes a message's next state, on the condition that it is still as it was
 * read (status, attempts and last change): of two attempts racing on one
 * message, one writes and the other learns it lost (MessageChangedError).
 * Its marker follows it; a message the gateway took counts in its station's
 * month (`smsSent`), once.
 */
export async function save(before: Message, after: Message): Promise<void> {
  const items: TransactItem[] = [
    {
      Put: {
        TableName: tableName(),
        Item: {
          ...fields(after),
          ...keys.outbox(after.messageId),
          type: 'outbox',
          outboxId: after.messageId,
          effect: smsEffect,
          expiresAt: outboxStore.outboxExpiry(after.createdAt),
        },
        ConditionExpression: '#status = :status AND attempts = :attempts AND updatedAt = :updatedAt',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':status': before.status, ':attempts': before.attempts, ':updatedAt': before.updatedAt },
      },
    },
    markerWrite(after),
  ];
  if (after.sentAt && !before.sentAt) items.push(statementStore.add(after.stationId, shanghaiMonth(new Date(after.sentAt!)), { smsSent: 1 }).item);
  try {
    await db().send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    const e = error as { name?: string; CancellationReasons?: { Code?: string }[] };
    if (e.name === 'TransactionCanceledException' && e.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') throw new MessageChangedError();
    throw error;
  }
}

/** A station's messages, newest first; `status` and `villagerId` are checked within each page read (a page may come back short, with `next`). */
export async function listForStation(
  stationId: string,
  options: { status?: MessageStatus | undefined; villagerId?: string | undefined; limit: number; cursor?: string | undefined },
) {
  const conditions: string[] = [];
  const values: Record<string, unknown> = {};
  const names: Record<string, string> = {};
  if (options.status) {
    conditions.push('#status = :status');
    names['#status'] = 'status';
    values[':status'] = options.status;
  }
  if (options.villagerId) {
    conditions.push('villagerId = :villagerId');
    values[':villagerId'] = options.villagerId;
  }
  const page = await queryPage({
    index: 'lookup',
    partition: keys.messagesOfStation(stationId),
    newestFirst: true,
    limit: options.limit,
    cursor: options.cursor,
    ...(conditions.length
      ? {
          filter: {
            FilterExpression: conditions.join(' AND '),
            ExpressionAttributeValues: values,
            ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
          },
        }
      : {}),
  });
  return { ...page, items: page.items.map(toMessage) } as Page<Message>;
}

/** Every station's messages that did not reach their villager (undelivered or refused), by station. */
export async function listUnreached(limit: number, cursor?: string): Promise<Page<Message>> {
  const page = await queryPage({ index: 'collection', partition: keys.unreachedMessages(), limit, cursor });
  return { ...page, items: page.items.map(toMessage) };
}

/** The messages due for another look (the retry job), oldest marker first; at most `limit`. */
export async function due(now: Date, limit: number): Promise<string[]> {
  const page = await queryPage({
    partition: keys.pendingMessage('').pk,
    limit,
    filter: { FilterExpression: 'dueAt <= :now', ExpressionAttributeValues: { ':now': now.toISOString() } },
  });
  return page.items.map((i) => String(i.sk));
}
