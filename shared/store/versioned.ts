import { ConflictError } from '#shared/errors.ts';
import { msg } from '#shared/i18n/messages.ts';
import type { Write } from './command.ts';
import { tableName } from './db.ts';

/**
 * Writes an aggregate with an optimistic version check: version 1 is created
 * only if absent; any later version replaces the item only if it still holds
 * the version that was read. Of two racing changes one wins, the other gets 409.
 */
export function putVersioned(Item: Record<string, unknown> & { version: number }, what: string): Write {
  const first = Item.version === 1;
  return {
    item: {
      Put: {
        TableName: tableName(),
        Item,
        ConditionExpression: first ? 'attribute_not_exists(pk)' : 'version = :previous',
        ...(first ? {} : { ExpressionAttributeValues: { ':previous': Item.version - 1 } }),
      },
    },
    onConditionFailed: () => new ConflictError('changed-meanwhile', msg('changed-meanwhile.what', { what })),
  };
}
