import { drawerShort, type CashCount } from '#domain/cash.ts';
import { cashHeld, fold, tabFold, type Balances, type Entry, type TabBalances } from '#domain/ledger.ts';
import type { AppError } from '#shared/errors.ts';
import type { Write } from './command.ts';
import { counterUpdate } from './expressions.ts';
import { tableName } from './db.ts';
import { withoutKeys } from './items.ts';
import * as keys from './keys.ts';
import { queryPage, type Page } from './query.ts';

export function balancesOf(item: Record<string, unknown> | undefined): Balances {
  return {
    drawerFen: Number(item?.drawerFen ?? 0),
    pendingRemittancesFen: Number(item?.pendingRemittancesFen ?? 0),
    dueToPlatformFen: Number(item?.dueToPlatformFen ?? 0),
    commissionEarnedFen: Number(item?.commissionEarnedFen ?? 0),
    varianceFen: Number(item?.varianceFen ?? 0),
    villagerCreditFen: Number(item?.villagerCreditFen ?? 0),
  };
}

/** The tab's balances as the cash item keeps them (absent: 0). */
export function tabBalancesOf(item: Record<string, unknown> | undefined): TabBalances {
  return {
    tabOwedFen: Number(item?.tabOwedFen ?? 0),
    tabPlatformFen: Number(item?.tabPlatformFen ?? 0),
    commissionHeldFen: Number(item?.commissionHeldFen ?? 0),
  };
}

export async function entries(stationId: string, limit: number, cursor?: string, newestFirst = true): Promise<Page<Entry>> {
  const page = await queryPage({ partition: keys.station(stationId).pk, sortPrefix: keys.entryPrefix, limit, cursor, newestFirst });
  return { ...page, items: page.items.map((i) => withoutKeys<Entry>(i)) };
}

/**
 * The entry and the balances it moves, in one transaction. A transaction may
 * touch the cash item once, so the one guard it needs rides on that update:
 * when the drawer would go down it must hold enough (the drawer is never
 * negative); a new order needs the cash held (drawer and remittances in
 * transit, kept as `heldFen` by the same ADD, since a condition cannot add two
 * attributes) within the limit; a count needs the drawer still at what the
 * partner was told to expect.
 */
export function post(entry: Entry, guard: CashGuard): Write[] {
  return postMany(entry.stationId, [entry], guard);
}

/** Several entries (a delivery stop's hand-overs): each kept on its own, the balances moved once by their sum. */
export function postMany(stationId: string, entries: readonly Entry[], guard: CashGuard): Write[] {
  if (entries.length === 0) return check(stationId, guard);
  const delta = fold(entries);
  const tab = tabFold(entries);
  const update = counterUpdate(
    {
      drawerFen: delta.drawerFen,
      pendingRemittancesFen: delta.pendingRemittancesFen,
      heldFen: cashHeld(delta),
      dueToPlatformFen: delta.dueToPlatformFen,
      commissionEarnedFen: delta.commissionEarnedFen,
      varianceFen: delta.varianceFen,
      villagerCreditFen: delta.villagerCreditFen,
      // Kept only by stations that sell on tabs.
      ...Object.fromEntries(Object.entries(tab).filter(([, v]) => v !== 0)),
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
                ExpressionAttributeNames: { ...update.ExpressionAttributeNames, '#guarded': condition.attribute },
                ExpressionAttributeValues: { ...update.ExpressionAttributeValues, ':guard': condition.value },
              }
            : {}),
        },
      },
      ...(condition ? { onConditionFailed: refusalOf(guard) } : {}),
    },
  ];
}

export function recordCount(count: CashCount): Write {
  return {
    item: {
      Put: {
        TableName: tableName(),
        Item: {
          ...keys.cashCount(count.stationId, count.countId),
          ...(count.flagged ? keys.flaggedCountListing(count.at, count.countId) : {}),
          type: 'cashCount',
          ...count,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  };
}

/** Counts flagged for ops across stations, newest first (Query on the collection index, never Scan). */
export async function flaggedCounts(limit: number, cursor?: string): Promise<Page<CashCount>> {
  const page = await queryPage({ index: 'collection', partition: keys.flaggedCounts(), limit, cursor, newestFirst: true });
  return { ...page, items: page.items.map((i) => withoutKeys<CashCount>(i)) };
}

/** The guard alone, for a transaction that moves no cash (an order placed without payment). */
export function check(stationId: string, guard: CashGuard): Write[] {
  const condition = conditionOf(guard, 0);
  if (!condition) return [];
  return [
    {
      item: {
        ConditionCheck: {
          TableName: tableName(),
          Key: keys.cash(stationId),
          ConditionExpression: condition.expression,
          ExpressionAttributeNames: { '#guarded': condition.attribute },
          ExpressionAttributeValues: { ':guard': condition.value },
        },
      },
      onConditionFailed: refusalOf(guard),
    },
  ];
}

export type CashGuard =
  /** The drawer never goes below zero; only a command that takes cash out needs to say what to tell the partner. */
  | { kind: 'cover'; refusal?: () => AppError }
  | { kind: 'within-limit'; limitFen: number; refusal: () => AppError }
  | { kind: 'drawer-is'; expectedFen: number; refusal: () => AppError };

const refusalOf = (guard: CashGuard) => guard.refusal ?? (() => drawerShort());

function conditionOf(guard: CashGuard, drawerDelta: number): { expression: string; attribute: string; value: number } | undefined {
  switch (guard.kind) {
    case 'cover':
      return drawerDelta < 0 ? { expression: '#guarded >= :guard', attribute: 'drawerFen', value: -drawerDelta } : undefined;
    case 'within-limit':
      return { expression: 'attribute_not_exists(#guarded) OR #guarded <= :guard', attribute: 'heldFen', value: guard.limitFen };
    case 'drawer-is':
      return {
        expression: guard.expectedFen === 0 ? 'attribute_not_exists(#guarded) OR #guarded = :guard' : '#guarded = :guard',
        attribute: 'drawerFen',
        value: guard.expectedFen,
      };
  }
}
