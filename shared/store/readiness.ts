import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { timeouts } from '#shared/timeouts.ts';
import { db, tableName } from './db.ts';
import * as keys from './keys.ts';

/** One GetItem of a key nobody writes, with a short deadline of its own: true when the table answers. */
export async function tableAnswers(): Promise<boolean> {
  try {
    await db().send(new GetCommand({ TableName: tableName(), Key: keys.readiness() }), { abortSignal: AbortSignal.timeout(timeouts.readinessMs) });
    return true;
  } catch {
    return false;
  }
}
