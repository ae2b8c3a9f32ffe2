import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './db.ts';

export interface Key {
  pk: string;
  sk: string;
}

const id = (k: Key) => `${k.pk}\u0000${k.sk}`;

/**
 * Several items in one round trip (strongly consistent, as money decisions need).
 * Returns a lookup by key; keys not found are simply absent.
 */
export async function getMany(keys: readonly Key[]): Promise<(key: Key) => Record<string, unknown> | undefined> {
  const found = new Map<string, Record<string, unknown>>();
  let pending: Key[] = [...new Map(keys.map((k) => [id(k), k])).values()];
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
    if (attempt > 6) throw Object.assign(new Error('BatchGetItem kept returning unprocessed keys'), { name: 'ThrottlingException', $retryable: {} });
    const batch = pending.slice(0, 100);
    const out = await db().send(
      new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: batch.map(({ pk, sk }) => ({ pk, sk })), ConsistentRead: true } } }),
    );
    for (const item of out.Responses?.[tableName()] ?? []) found.set(id(item as unknown as Key), item);
    const unprocessed = (out.UnprocessedKeys?.[tableName()]?.Keys ?? []) as Key[];
    pending = [...pending.slice(100), ...unprocessed];
  }
  return (key) => found.get(id(key));
}
