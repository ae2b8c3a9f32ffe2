import type { Confirmation } from '#domain/tab.ts';
import { RuleError, fieldError } from '#shared/errors.ts';
import { msg } from '#shared/i18n/messages.ts';
import type { Write } from './command.ts';
import { tableName } from './db.ts';
import { withoutKeys } from './items.ts';
import * as keys from './keys.ts';
import { read as readKeys, type Read } from './reads.ts';

export const read = (stationId: string, confirmationId: string): Read<Confirmation | undefined> =>
  readKeys([keys.confirmation(stationId, confirmationId)], (found) => {
    const item = found(keys.confirmation(stationId, confirmationId));
    return item ? withoutKeys<Confirmation>(item) : undefined;
  });

export function put(c: Confirmation): Write {
  return {
    item: {
      Put: {
        TableName: tableName(),
        Item: { ...keys.confirmation(c.stationId, c.confirmationId), type: 'confirmation', ...c },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  };
}

/** Used once: on condition nobody used it meanwhile (a twin request with another key loses, refused). */
export function use(c: Confirmation): Write {
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
}
