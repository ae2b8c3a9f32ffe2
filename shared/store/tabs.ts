import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Tab } from '#domain/tab.ts';
import { getMany } from './batch.ts';
import type { Write } from './command.ts';
import { db, tableName } from './db.ts';
import { withoutKeys } from './items.ts';
import * as keys from './keys.ts';
import { queryAll } from './query.ts';
import { read as readKeys, type Read } from './reads.ts';

const tabItem = (tab: Tab) => ({ ...keys.tab(tab.stationId, tab.villagerId), ...keys.tabListing(tab.stationId, tab.villagerId), type: 'tab', ...tab });

// A villager's tab (docs/rules.md "The tab"): one item beside the villager, replaced whole on condition of the version read.

/** The tab, as a command's read (absent: the villager has none yet). */
export const read = (stationId: string, villagerId: string): Read<Tab | undefined> =>
  readKeys([keys.tab(stationId, villagerId)], (found) => {
    const item = found(keys.tab(stationId, villagerId));
    return item ? withoutKeys<Tab>(item) : undefined;
  });

/** The tab by BatchGetItem, from inside a command's plan (a cancellation finds it from the order it read). */
export async function fetch(stationId: string, villagerId: string): Promise<Tab | undefined> {
  const r = read(stationId, villagerId);
  return r.from(await getMany(r.keys));
}

export async function find(stationId: string, villagerId: string): Promise<Tab | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.tab(stationId, villagerId), ConsistentRead: true }));
  return Item ? withoutKeys<Tab>(Item) : undefined;
}

/**
 * The tab as the command decided it, on condition it is still as read (new:
 * absent): of two commands racing on one tab, the second plans again from
 * fresh reads, so a limit is never passed and a fen never repaid twice.
 */
export function save(before: Tab | undefined, after: Tab): Write {
  return {
    item: {
      Put: {
        TableName: tableName(),
        Item: tabItem(after),
        ConditionExpression: before ? 'version = :previous' : 'attribute_not_exists(pk)',
        ...(before ? { ExpressionAttributeValues: { ':previous': before.version } } : {}),
      },
    },
    replanOnConditionFailed: true,
  };
}

/** One station's tabs (its partition, sort keys TAB#…): what its statement's overdue figure is read from. */
export async function ofStation(stationId: string): Promise<Tab[]> {
  return (await queryAll({ partition: keys.station(stationId).pk, sortPrefix: keys.tabPrefix }, 500)).map((i) => withoutKeys<Tab>(i));
}

/** Every tab across stations, by station (the collection index): the tab book and the reminders walk it. */
export async function all(): Promise<Tab[]> {
  return (await queryAll({ index: 'collection', partition: keys.tabsCollection() }, 500)).map((i) => withoutKeys<Tab>(i));
}

/** The stations' names, for the tab book (one batch of 100 at a time). */
export async function stationNames(stationIds: readonly string[]): Promise<Map<string, string>> {
  const found = await getMany(stationIds.map((id) => keys.station(id)));
  return new Map(
    stationIds.flatMap((id) => {
      const name = found(keys.station(id))?.name;
      return name === undefined ? [] : [[id, String(name)] as const];
    }),
  );
}

/** A reminders run's change to one tab, with its messages and risk count, in one transaction: a reminder goes once however often the job runs. */
export async function saveReminders(before: Tab, after: Tab, writes: readonly Write[]): Promise<boolean> {
  try {
    await db().send(new TransactWriteCommand({ TransactItems: [save(before, after).item, ...writes.map((w) => w.item)] }));
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'TransactionCanceledException') return false;
    throw error;
  }
}
