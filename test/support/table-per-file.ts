import { randomUUID } from 'node:crypto';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, inject } from 'vitest';
import { ensureTable } from '#scripts/local/create-table.ts';
import { localClient } from '#scripts/local/dynamodb.ts';

// Set before any handler module reads its config, so every test file has a table of its own.
const endpoint = inject('dynamoEndpoint');
const table = `test-${randomUUID()}`;
process.env.DYNAMODB_ENDPOINT = endpoint;
process.env.TABLE_NAME = table;
process.env.AWS_REGION = 'local';
process.env.LOG_LEVEL = 'silent';

beforeAll(async () => {
  const client = localClient(process.env.DYNAMODB_ENDPOINT!);
  await ensureTable(client, process.env.TABLE_NAME!);
  client.destroy();
});

// Dropped when the file is done (this hook runs after the file's own): the one DynamoDB Local of the run slows down as tables pile up in it.
// The run's DynamoDB Local and this file's table, as made above: a file may point the environment at a DynamoDB of its own meanwhile.
afterAll(async () => {
  const client = localClient(endpoint);
  await client.send(new DeleteTableCommand({ TableName: table }));
  client.destroy();
});
