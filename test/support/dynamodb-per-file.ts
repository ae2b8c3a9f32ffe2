import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { ensureTable } from '#scripts/local/create-table.ts';
import { localClient, startDynamoDbLocal } from '#scripts/local/dynamodb.ts';
import { freePort } from '#scripts/local/ports.ts';

/**
 * A DynamoDB Local of its own (in memory) for every test file, and the table in it.
 *
 * Not one for the whole run: DynamoDB Local keeps every stream record it ever
 * wrote, even a dropped table's, in one SQLite table without an index by
 * stream, and its stream and write paths read that table. One instance shared
 * by the run's files (tables dropped after each) slowed down as the run went
 * on: its SQLite thread at 100% of a core, files 5–10× slower than alone
 * (README, "Test"). A fresh one costs ~3.5 s per file.
 */
const dynamo = await startDynamoDbLocal({ port: await freePort() });

// Set before any handler module reads its config.
process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
process.env.TABLE_NAME = `test-${randomUUID()}`;
process.env.AWS_REGION = 'local';
process.env.LOG_LEVEL = 'silent';

beforeAll(async () => {
  const client = localClient(dynamo.endpoint);
  await ensureTable(client, process.env.TABLE_NAME!);
  client.destroy();
});

// This hook runs after the file's own; a file may point the environment at a DynamoDB of its own meanwhile.
afterAll(() => dynamo.stop());
