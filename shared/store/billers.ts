import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { type Biller } from '#domain/bill.ts';
import type { Write } from './command.ts';
import { db, tableName } from './db.ts';
import { withoutKeys } from './items.ts';
import * as keys from './keys.ts';
import { queryPage, type Page } from './query.ts';

export async function find(billerCode: string): Promise<Biller | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.biller(billerCode) }));
  return Item ? withoutKeys<Biller>(Item) : undefined;
}

/** Creates or replaces (PUT semantics: the last write wins; payments copy what they need when the cash is taken). */
export async function put(biller: Biller): Promise<void> {
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...keys.biller(biller.billerCode), ...keys.billerListing(biller.billerCode), type: 'biller', ...biller },
    }),
  );
}

/** Seeding: only where nothing is yet. */
export function putIfAbsent(biller: Biller): Write {
  return {
    item: {
      Put: {
        TableName: tableName(),
        Item: { ...keys.biller(biller.billerCode), ...keys.billerListing(biller.billerCode), type: 'biller', ...biller },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  };
}

export async function list(limit: number, cursor?: string): Promise<Page<Biller>> {
  const page = await queryPage({ index: 'collection', partition: keys.billersCollection(), limit, cursor });
  return { ...page, items: page.items.map((i) => withoutKeys<Biller>(i)) };
}
