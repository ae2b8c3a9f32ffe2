import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from '#shared/config.ts';
import { dynamoClientSettings } from './client-settings.ts';
import { currentDeadline } from './deadline.ts';

let client: DynamoDBDocumentClient | undefined;

/**
 * The document client, built once per container (on first use; each function's handler asks
 * for it at cold start, as the floor does: `apiHandler(..., { atColdStart: db })`).
 * Each attempt has a deadline of its own (connection and answer timeouts, shared/store/client-settings.ts),
 * each call a few attempts, and every call the request's deadline: a slow or stuck DynamoDB never holds a
 * request past the moment it must answer.
 */
export function db(): DynamoDBDocumentClient {
  if (client) return client;
  const { DYNAMODB_ENDPOINT, AWS_REGION } = config();
  const base = new DynamoDBClient(dynamoClientSettings(AWS_REGION, DYNAMODB_ENDPOINT));
  const documents = DynamoDBDocumentClient.from(base, {
    marshallOptions: { removeUndefinedValues: true },
  });
  const send = documents.send.bind(documents) as (command: unknown, options?: { abortSignal?: AbortSignal }) => Promise<unknown>;
  documents.send = ((command: unknown, options?: { abortSignal?: AbortSignal }) => {
    const signal = currentDeadline();
    return send(command, signal && !options?.abortSignal ? { ...options, abortSignal: signal } : options);
  }) as typeof documents.send;
  client = documents;
  return client;
}

export function tableName(): string {
  return config().TABLE_NAME;
}
