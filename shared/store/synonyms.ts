import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Synonym } from '#domain/synonyms.ts';
import { db, tableName } from './db.ts';
import { withoutKeys } from './items.ts';
import * as keys from './keys.ts';
import { queryPage, type Page } from './query.ts';

// Ops' search synonyms: one item per word (a search reads its query's with one GetItem), listed by word.

export async function find(word: string, consistent = false): Promise<Synonym | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.synonym(word), ConsistentRead: consistent }));
  return Item ? withoutKeys<Synonym>(Item) : undefined;
}

export async function save(synonym: Synonym): Promise<void> {
  await db().send(
    new PutCommand({ TableName: tableName(), Item: { ...keys.synonym(synonym.word), ...keys.synonymListing(synonym.word), type: 'synonym', ...synonym } }),
  );
}

/** Gone (whether or not it was there: a word without synonyms expands to nothing). */
export async function remove(word: string): Promise<void> {
  await db().send(new DeleteCommand({ TableName: tableName(), Key: keys.synonym(word) }));
}

export async function list(limit: number, cursor?: string): Promise<Page<Synonym>> {
  const page = await queryPage({ index: 'collection', partition: keys.synonymsCollection(), limit, cursor });
  return { ...page, items: page.items.map((i) => withoutKeys<Synonym>(i)) };
}
