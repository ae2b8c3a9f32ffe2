import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Confirmation, RequestStatus, Tab, TabRequest } from '#domain/tab.ts';
import { RuleError, fieldError } from '#shared/errors.ts';
import { msg } from '#shared/i18n/messages.ts';
import { getMany } from './batch.ts';
import type { Write } from './command.ts';
import { db, tableName } from './db.ts';
import { counterUpdate } from './expressions.ts';
import { withoutKeys } from './items.ts';
import { keys } from './keys.ts';
import { queryPage, type Page } from './query.ts';
import { read, type Read } from './reads.ts';

const tabItem = (tab: Tab) => ({ ...keys.tab(tab.stationId, tab.villagerId), ...keys.tabListing(tab.stationId, tab.villagerId), type: 'tab', ...tab });

/** Every item of a partition, page by page. */
async function queryAll(request: Omit<Parameters<typeof queryPage>[0], 'limit' | 'cursor'>): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let cursor: string | undefined;
  do {
    const page = await queryPage({ ...request, limit: 500, cursor });
    out.push(...page.items);
    cursor = page.next;
  } while (cursor);
  return out;
}

/** A villager's tab (docs/rules.md "The tab"): one item beside the villager, replaced whole on condition of the version read. */
export const tabStore = {
  read: (stationId: string, villagerId: string): Read<Tab | undefined> =>
    read([keys.tab(stationId, villagerId)], (found) => {
      const item = found(keys.tab(stationId, villagerId));
      return item ? withoutKeys<Tab>(item) : undefined;
    }),

  /** The tab by BatchGetItem, from inside a command's plan (a cancellation finds it from the order it read). */
  async fetch(stationId: string, villagerId: string): Promise<Tab | undefined> {
    const r = tabStore.read(stationId, villagerId);
    return r.from(await getMany(r.keys));
  },

  async find(stationId: string, villagerId: string): Promise<Tab | undefined> {
    const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.tab(stationId, villagerId), ConsistentRead: true }));
    return Item ? withoutKeys<Tab>(Item) : undefined;
  },

  /**
   * The tab as the command decided it, on condition it is still as read (new:
   * absent): of two commands racing on one tab, the second plans again from
   * fresh reads, so a limit is never passed and a fen never repaid twice.
   */
  save(before: Tab | undefined, after: Tab): Write {
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
  },

  /** One station's tabs (its partition, sort keys TAB#…): what its statement's overdue figure is read from. */
  async ofStation(stationId: string): Promise<Tab[]> {
    return (await queryAll({ partition: keys.station(stationId).pk, sortPrefix: keys.tabPrefix })).map((i) => withoutKeys<Tab>(i));
  },

  /** Every tab across stations, by station (the collection index): the tab book and the reminders walk it. */
  async all(): Promise<Tab[]> {
    return (await queryAll({ index: 'collection', partition: keys.tabsCollection() })).map((i) => withoutKeys<Tab>(i));
  },
};

export const confirmationStore = {
  read: (stationId: string, confirmationId: string): Read<Confirmation | undefined> =>
    read([keys.confirmation(stationId, confirmationId)], (found) => {
      const item = found(keys.confirmation(stationId, confirmationId));
      return item ? withoutKeys<Confirmation>(item) : undefined;
    }),

  put(c: Confirmation): Write {
    return {
      item: {
        Put: {
          TableName: tableName(),
          Item: { ...keys.confirmation(c.stationId, c.confirmationId), type: 'confirmation', ...c },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    };
  },

  /** Used once: on condition nobody used it meanwhile (a twin request with another key loses, refused). */
  use(c: Confirmation): Write {
    return {
      item: {
        Update: {
          TableName: tableName(),
          Key: keys.confirmation(c.stationId, c.confirmationId),
          UpdateExpression: 'SET usedAt = :at',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt)',
          ExpressionAttributeValues: { ':at': c.usedAt },
        },
      },
      onConditionFailed: () => new RuleError('tab-code-used', msg('tab-code-used'), [fieldError('body.code', 'field.tabCode')]),
    };
  },
};

const requestItem = (r: TabRequest) => ({
  ...keys.tabRequest(r.requestId),
  ...keys.tabRequestListing(r.stationId, r.villagerId, r.status, r.requestedAt, r.requestId),
  type: 'tabRequest',
  ...r,
});

export const tabRequestStore = {
  read: (requestId: string): Read<TabRequest | undefined> =>
    read([keys.tabRequest(requestId)], (found) => {
      const item = found(keys.tabRequest(requestId));
      return item ? withoutKeys<TabRequest>(item) : undefined;
    }),

  save(r: TabRequest): Write {
    return {
      item: {
        Put: {
          TableName: tableName(),
          Item: requestItem(r),
          ConditionExpression: r.version === 1 ? 'attribute_not_exists(pk)' : 'version = :previous',
          ...(r.version === 1 ? {} : { ExpressionAttributeValues: { ':previous': r.version - 1 } }),
        },
      },
      replanOnConditionFailed: true,
    };
  },

  /** One villager's requests at a station, newest first: what the partner sees of ops' decisions and their reasons. */
  async ofVillager(stationId: string, villagerId: string, limit: number, cursor?: string): Promise<Page<TabRequest>> {
    const page = await queryPage({ index: 'lookup', partition: keys.tabRequestsOfVillager(stationId, villagerId), limit, cursor, newestFirst: true });
    return { ...page, items: page.items.map((i) => withoutKeys<TabRequest>(i)) };
  },

  /** Across stations, one status, oldest first (what ops should decide). */
  async ofStatus(status: RequestStatus, limit: number, cursor?: string): Promise<Page<TabRequest>> {
    const page = await queryPage({ index: 'collection', partition: keys.tabRequestsOfStatus(status), limit, cursor });
    return { ...page, items: page.items.map((i) => withoutKeys<TabRequest>(i)) };
  },
};

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

/** What a villager has sold the station in produce (ADDed by every weigh ticket): the suggestion's basis. */
export const produceSoldStore = {
  read: (stationId: string, villagerId: string): Read<number> =>
    read([keys.produceSold(stationId, villagerId)], (found) => Number(found(keys.produceSold(stationId, villagerId))?.soldFen ?? 0)),

  add(stationId: string, villagerId: string, amountFen: number, at: string): Write {
    return {
      item: {
        Update: {
          TableName: tableName(),
          Key: keys.produceSold(stationId, villagerId),
          ...counterUpdate({ soldFen: amountFen, tickets: 1 }, { stationId, villagerId, type: 'produceSold', updatedAt: at }),
        },
      },
    };
  },
};

/** A reminders run's change to one tab, with its messages and risk count, in one transaction: a reminder goes once however often the job runs. */
export async function saveReminders(before: Tab, after: Tab, writes: readonly Write[]): Promise<boolean> {
  try {
    await db().send(new TransactWriteCommand({ TransactItems: [tabStore.save(before, after).item, ...writes.map((w) => w.item)] }));
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'TransactionCanceledException') return false;
    throw error;
  }
}
