import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '#store/db.ts';
import { canonicalJson } from '#http/parse.ts';

/** Every item of this test file's table (tests may Scan; the product never does). */
export async function allItems(): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db().send(new ScanCommand({ TableName: tableName(), ExclusiveStartKey: start, ConsistentRead: true }));
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

/** A fingerprint of the whole table, to prove a request wrote nothing. */
export async function tableSnapshot(): Promise<string> {
  return (await allItems()).map(canonicalJson).sort().join('\n');
}
