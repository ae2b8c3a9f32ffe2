import { handlerFor } from '#scripts/local/handlers.ts';
import { startOutboxPoller, type OutboxPoller, type StreamHandler } from '#scripts/local/outbox-poller.ts';

/** The outbox's consumer for this test file's table, as npm start runs it: the table's stream, handed to the function Lambda runs. */
export async function startOutbox(): Promise<OutboxPoller> {
  // Loaded on first use, as a Lambda is: a test file may point the handlers at a DynamoDB Local of its own first.
  const handler: StreamHandler = async (event) => ((await handlerFor('outbox')) as unknown as StreamHandler)(event);
  return startOutboxPoller({ endpoint: process.env.DYNAMODB_ENDPOINT!, tableName: process.env.TABLE_NAME!, handler, idleMs: 100 });
}
