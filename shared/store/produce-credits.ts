import { type AppError } from '#shared/errors.ts';
import type { Write } from './command.ts';
import { tableName } from './db.ts';
import { counterUpdate } from './expressions.ts';
import * as keys from './keys.ts';
import { read as readKeys, type Read } from './reads.ts';

// A villager's credit: what the station owes them for produce, kept beside the villager and moved with the ledger's entry.

/** The credit in fen, as a command's read (none yet: 0). */
export const read = (stationId: string, villagerId: string): Read<number> =>
  readKeys([keys.produceCredit(stationId, villagerId)], (found) => Number(found(keys.produceCredit(stationId, villagerId))?.creditFen ?? 0));

/**
 * Adds to the credit (ADD commutes). Taking from it is on condition it still
 * holds what is taken: the credit is never negative; if another command took
 * some meanwhile, the command plans again from fresh reads.
 */
export function add(stationId: string, villagerId: string, deltaFen: number, at: string, notRead?: () => AppError): Write {
  const update = counterUpdate({ creditFen: deltaFen }, { stationId, villagerId, type: 'credit', updatedAt: at });
  return {
    item: {
      Update: {
        TableName: tableName(),
        Key: keys.produceCredit(stationId, villagerId),
        ...update,
        ...(deltaFen < 0
          ? {
              ConditionExpression: '#credit >= :need',
              ExpressionAttributeNames: { ...update.ExpressionAttributeNames, '#credit': 'creditFen' },
              ExpressionAttributeValues: { ...update.ExpressionAttributeValues, ':need': -deltaFen },
            }
          : {}),
      },
    },
    // Read beforehand: plan again from fresh reads. Not read (a payment on an order): the condition is the check.
    ...(deltaFen < 0 ? (notRead ? { onConditionFailed: notRead } : { replanOnConditionFailed: true }) : {}),
  };
}
