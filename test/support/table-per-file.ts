import { randomUUID } from 'node:crypto';
import { beforeAll, inject } from 'vitest';
import { ensureTable } from '#scripts/local/create-table.ts';
import { localClient } from '#scripts/local/dynamodb.ts';

// Set before any handler module reads its config, so every test file has a table of its own.
process.env.DYNAMODB_ENDPOINT = inject('dynamoEndpoint');
process.env.TABLE_NAME = `test-${randomUUID()}`;
process.env.AWS_REGION = 'local';
process.env.LOG_LEVEL = 'silent';

beforeAll(async () => {
  const client = localClient(process.env.DYNAMODB_ENDPOINT!);
  await ensureTable(client, process.env.TABLE_NAME!);
  client.destroy();
});
