import { villagerErasedFact } from './facts.ts';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Produce } from '#domain/produce.ts';
import type { Villager } from '#domain/villager.ts';
import type { Task } from '#domain/delivery/task.ts';
import { NotFoundError } from '#shared/errors.ts';
import { getMany } from './batch.ts';
import type { Write } from './command.ts';
import { db, tableName } from './db.ts';
import { withoutKeys } from './items.ts';
import * as keys from './keys.ts';
import { queryAll } from './query.ts';
import { read as readKeys, type Read } from './reads.ts';

/** Create or replace a buying price list entry. Tickets copied the old price: nothing else changes. */
export async function save(produce: Produce): Promise<void> {
  await db().send(new PutCommand({ TableName: tableName(), Item: { ...keys.produce(produce.code), type: 'produce', ...produce } }));
}

export async function find(code: string): Promise<Produce | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.produce(code), ConsistentRead: true }));
  return Item ? withoutKeys<Produce>(Item) : undefined;
}

/** Today's buying prices: the whole list, one partition, by code. */
export async function list(): Promise<Produce[]> {
  return (await queryAll({ partition: keys.producePartition() })).map((i) => withoutKeys<Produce>(i));
}

/** Today's price for one code, in one BatchGetItem round trip (as a quote reads it). */
export async function quoteRead(code: string): Promise<Produce | undefined> {
  const r = read(code);
  return r.from(await getMany(r.keys));
}

export const read = (code: string): Read<Produce | undefined> =>
  readKeys([keys.produce(code)], (found) => {
    const item = found(keys.produce(code));
    return item ? withoutKeys<Produce>(item) : undefined;
  });

/** The villager a ticket or payout is for, as a command's read (unknown or erased: 404). */
export const villagerRead = (stationId: string, villagerId: string): Read<Villager> =>
  readKeys([keys.villager(stationId, villagerId)], (found) => {
    const item = found(keys.villager(stationId, villagerId));
    if (!item) throw new NotFoundError('villager');
    return withoutKeys<Villager>(item);
  });

/** A pick-up task, if a ticket names one (absent: undefined; the domain says what that means). */
export const taskRead = (stationId: string, taskId: string | undefined): Read<Task | undefined> =>
  readKeys(taskId ? [keys.task(stationId, taskId)] : [], (found) => {
    const item = taskId ? found(keys.task(stationId, taskId)) : undefined;
    return item ? withoutKeys<Task>(item) : undefined;
  });

const villagerExists = (stationId: string, villagerId: string) => ({
  ConditionCheck: { TableName: tableName(), Key: keys.villager(stationId, villagerId), ConditionExpression: 'attribute_exists(pk)' },
});

/** The villager is still there when the transaction commits (an erasure racing a ticket on credit loses, or wins and the ticket plans again). */
export const villagerStillThere = (stationId: string, villagerId: string): Write => ({
  item: villagerExists(stationId, villagerId),
  replanOnConditionFailed: true,
});

/**
 * The villager is registered when the transaction commits. Not read beforehand
 * (an order names its villager only once it is read): if they were erased, the
 * command learns it and plans again without reading anything again.
 */
export const villagerRegistered = (stationId: string, villagerId: string): Write => ({
  item: villagerExists(stationId, villagerId),
  learnsOnConditionFailed: villagerErasedFact(stationId, villagerId),
});
