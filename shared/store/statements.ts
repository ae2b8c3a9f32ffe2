import { servedFact } from './facts.ts';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { emptyStatement, statementCounterNames, type Statement, type StatementDelta } from '#domain/statement.ts';
import type { Station } from '#domain/station.ts';
import { getMany } from './batch.ts';
import type { Write } from './command.ts';
import { db, tableName } from './db.ts';
import { counterUpdate } from './expressions.ts';
import * as keys from './keys.ts';
import { queryPage, type Page } from './query.ts';

export interface RankedStatement extends Statement {
  stationId: string;
  stationName?: string;
  county?: string;
}

/** A statement item as counters (absent counters are 0). */
export function statementOf(month: string, item: Record<string, unknown> | undefined): Statement {
  const s = emptyStatement(month);
  for (const name of statementCounterNames) s[name] = Number(item?.[name] ?? 0);
  return s;
}

/** One GetItem, whatever the month's volume. */
export async function get(stationId: string, month: string): Promise<Statement> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.statement(stationId, month), ConsistentRead: true }));
  return statementOf(month, Item);
}

/**
 * A month's stations by sales, highest first (Query on salesRank, never Scan); the index holds only the order
 * (docs/architecture.md "Hot spots"), so the page's statements and station names are read in one batch.
 */
export async function ranking(month: string, limit: number, cursor?: string): Promise<Page<RankedStatement>> {
  const page = await queryPage({ index: 'salesRank', partition: keys.statementsOfMonth(month), limit, cursor, newestFirst: true });
  const stationIds = page.items.map((i) => String(i.stationId));
  const lookup = await getMany(stationIds.flatMap((id) => [keys.statement(id, month), keys.station(id)]));
  const items = stationIds.map((stationId): RankedStatement => {
    const station = lookup(keys.station(stationId)) as Partial<Station> | undefined;
    return {
      stationId,
      ...statementOf(month, lookup(keys.statement(stationId, month))),
      ...(station ? { stationName: station.name, county: station.county } : {}),
    };
  });
  return { ...page, items };
}

/** Adds to the month's counters (ADD commutes: concurrent commands never lose each other's figures). */
export function add(stationId: string, month: string, delta: StatementDelta): Write {
  const add = Object.fromEntries(Object.entries(delta).filter(([, v]) => v !== 0)) as Record<string, number>;
  // Present from the first write (even at 0), so the month's ranking lists every active station.
  add.rankSalesFen = delta.salesFen ?? 0;
  return {
    item: {
      Update: {
        TableName: tableName(),
        Key: keys.statement(stationId, month),
        ...counterUpdate(add, { stationId, month, type: 'statement', rankPk: keys.statementsOfMonth(month) }),
      },
    },
  };
}

/**
 * First hand-over to this villager this month, as far as the command knows:
 * not read beforehand, but written on the condition that it is new. If the
 * villager was served already, the command learns it and plans again without
 * the marker and the count (no read in between).
 */
export function markServed(stationId: string, month: string, villagerId: string): Write {
  return {
    item: {
      Put: {
        TableName: tableName(),
        Item: { ...keys.served(stationId, month, villagerId), type: 'served', villagerId },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    learnsOnConditionFailed: servedFact(stationId, month, villagerId),
  };
}
