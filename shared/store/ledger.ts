import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { CashCount } from '#domain/cash.ts';
import { fold, zeroBalances, type Balances, type Entry } from '#domain/ledger.ts';
import { ConflictError, type AppError } from '#shared/errors.ts';
import type { Write } from './command.ts';
import { counterUpdate } from './expressions.ts';
import { db, tableName } from './db.ts';
import { withoutKeys } from './items.ts';
import { keys } from './keys.ts';
import { queryPage, type Page } from './query.ts';
import { msg } from '#shared/i18n/messages.ts';

export function balancesOf(item: Record<string, unknown> | undefined): Balances {
  return {
    drawerFen: Number(item?.drawerFen ?? 0),
    dueToPlatformFen: Number(item?.dueToPlatformFen ?? 0),
    commissionEarnedFen: Number(item?.commissionEarnedFen ?? 0),
    varianceFen: Number(item?.varianceFen ?? 0),
  };
}

export const ledgerStore = {
  async balances(stationId: string): Promise<Balances> {
    const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.cash(stationId), ConsistentRead: true }));
    return Item ? balancesOf(Item) : { ...zeroBalances };
  },

  async entries(stationId: string, limit: number, cursor?: string, newestFirst = true): Promise<Page<Entry>> {
    const page = await queryPage({ partition: keys.station(stationId).pk, sortPrefix: keys.entryPrefix, limit, cursor, newestFirst });
    return { ...page, items: page.items.map((i) => withoutKeys<Entry>(i)) };
  },

  /**
   * The entry and the balances it moves, in one transaction. A transaction may
   * touch the cash item once, so the one guard it needs rides on that update:
   * when the drawer would go down it must hold enough (the drawer is never
   * negative); a new order needs the drawer within the limit; a count needs the
   * drawer still at what the partner was told to expect.
   */
  post(entry: Entry, guard: CashGuard): Write[] {
    return ledgerStore.postMany(entry.stationId, [entry], guard);
  },

  /** Several entries (a delivery stop's hand-overs): each kept on its own, the balances moved once by their sum. */
  postMany(stationId: string, entries: readonly Entry[], guard: CashGuard): Write[] {
    if (entries.length === 0) return ledgerStore.check(stationId, guard);
    const delta = fold(entries);
    const update = counterUpdate(
      {
        drawerFen: delta.drawerFen,
        dueToPlatformFen: delta.dueToPlatformFen,
        commissionEarnedFen: delta.commissionEarnedFen,
        varianceFen: delta.varianceFen,
        entries: entries.length,
      },
      { stationId, type: 'cash', updatedAt: entries.at(-1)!.at },
    );
    const condition = conditionOf(guard, delta.drawerFen);
    return [
      ...entries.map((entry): Write => ({
        item: {
          Put: {
            TableName: tableName(),
            Item: { ...keys.entry(entry.stationId, entry.entryId), type: 'entry', ...entry },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      })),
      {
        item: {
          Update: {
            TableName: tableName(),
            Key: keys.cash(stationId),
            ...update,
            ...(condition
              ? {
                  ConditionExpression: condition.expression,
                  ExpressionAttributeNames: { ...update.ExpressionAttributeNames, '#drawer': 'drawerFen' },
                  ExpressionAttributeValues: { ...update.ExpressionAttributeValues, ':guard': condition.value },
                }
              : {}),
          },
        },
        ...(condition ? { onConditionFailed: refusalOf(guard) } : {}),
      },
    ];
  },

  recordCount(count: CashCount): Write {
    return {
      item: {
        Put: {
          TableName: tableName(),
          Item: { ...keys.cashCount(count.stationId, count.countId), type: 'cashCount', ...count },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    };
  },

  /** The guard alone, for a transaction that moves no cash (an order placed without payment). */
  check(stationId: string, guard: CashGuard): Write[] {
    const condition = conditionOf(guard, 0);
    if (!condition) return [];
    return [
      {
        item: {
          ConditionCheck: {
            TableName: tableName(),
            Key: keys.cash(stationId),
            ConditionExpression: condition.expression,
            ExpressionAttributeNames: { '#drawer': 'drawerFen' },
            ExpressionAttributeValues: { ':guard': condition.value },
          },
        },
        onConditionFailed: refusalOf(guard),
      },
    ];
  },
};

export type CashGuard =
  /** The drawer never goes below zero; only a command that takes cash out needs to say what to tell the partner. */
  | { kind: 'cover'; refusal?: () => AppError }
  | { kind: 'within-limit'; limitFen: number; refusal: () => AppError }
  | { kind: 'drawer-is'; expectedFen: number; refusal: () => AppError };

const drawerShort = () => new ConflictError('drawer-short', msg('drawer-short'));
const refusalOf = (guard: CashGuard) => guard.refusal ?? drawerShort;

function conditionOf(guard: CashGuard, drawerDelta: number): { expression: string; value: number } | undefined {
  switch (guard.kind) {
    case 'cover':
      return drawerDelta < 0 ? { expression: '#drawer >= :guard', value: -drawerDelta } : undefined;
    case 'within-limit':
      return { expression: 'attribute_not_exists(#drawer) OR #drawer <= :guard', value: guard.limitFen };
    case 'drawer-is':
      return { expression: guard.expectedFen === 0 ? 'attribute_not_exists(#drawer) OR #drawer = :guard' : '#drawer = :guard', value: guard.expectedFen };
  }
}
