/**
 * The API of the load test in a process of its own, so that the load can kill
 * it (SIGKILL, mid-request) and start it again: the local server with the
 * Lambda handlers, its job timers, and the outbox's consumer on the table's
 * stream, as `npm start` runs them. Settings come from the environment the
 * load runner gives it; it prints `ready` once it listens.
 */
import { join } from 'node:path';
import { handlerFor } from '#scripts/local/handlers.ts';
import { startOutboxPoller, type StreamHandler } from '#scripts/local/outbox-poller.ts';
import { createLocalServer, listen } from '#scripts/local/server.ts';
import { localKeyFor, useLocalKey } from '#shared/tokens/local-signer.ts';

const dataDir = process.env.DATA_DIR!;
useLocalKey(localKeyFor(dataDir));
const server = createLocalServer({
  timers: [
    { job: 'reconcile-bills', everyMs: 10_000 },
    { job: 'retry-messages', everyMs: 5_000 },
  ],
});
await listen(server, Number(process.env.PORT), '127.0.0.1');
startOutboxPoller({
  endpoint: process.env.DYNAMODB_ENDPOINT!,
  tableName: process.env.TABLE_NAME!,
  handler: async (event) => ((await handlerFor('outbox')) as unknown as StreamHandler)(event),
  checkpointFile: join(dataDir, 'outbox-stream-checkpoint.json'),
});
console.log('ready');
