import { AsyncLocalStorage } from 'node:async_hooks';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from '#shared/config.ts';
import { timeouts } from '#shared/timeouts.ts';

let client: DynamoDBDocumentClient | undefined;

/** The deadline of the request being served: every DynamoDB call it makes is aborted when it passes. */
const deadline = new AsyncLocalStorage<AbortSignal>();

/** Runs `work` with every DynamoDB call it makes bound to `signal` (the request's deadline). */
export function withDeadline<T>(signal: AbortSignal | undefined, work: () => Promise<T>): Promise<T> {
  return signal ? deadline.run(signal, work) : work();
}

/** The current request's deadline, if it has one. */
export const currentDeadline = (): AbortSignal | undefined => deadline.getStore();

/**
 * The document client, built once per container (on first use, so importing costs nothing).
 * Each attempt has a deadline of its own (connection and answer timeouts), each call a few
 * attempts, and every call the request's deadline: a slow or stuck DynamoDB never holds a
 * request past the moment it must answer.
 */
export function db(): DynamoDBDocumentClient {
  if (client) return client;
  const { DYNAMODB_ENDPOINT, AWS_REGION } = config();
  const base = new DynamoDBClient({
    region: AWS_REGION,
    maxAttempts: timeouts.dynamoAttempts,
    requestHandler: { connectionTimeout: timeouts.dynamoConnectMs, requestTimeout: timeouts.dynamoAttemptMs },
    ...(DYNAMODB_ENDPOINT ? { endpoint: DYNAMODB_ENDPOINT, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
  const documents = DynamoDBDocumentClient.from(base, {
    marshallOptions: { removeUndefinedValues: true },
  });
  const send = documents.send.bind(documents) as (command: unknown, options?: { abortSignal?: AbortSignal }) => Promise<unknown>;
  documents.send = ((command: unknown, options?: { abortSignal?: AbortSignal }) => {
    const signal = deadline.getStore();
    return send(command, signal && !options?.abortSignal ? { ...options, abortSignal: signal } : options);
  }) as typeof documents.send;
  client = documents;
  return client;
}

export function tableName(): string {
  return config().TABLE_NAME;
}
