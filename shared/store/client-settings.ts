import type { DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { timeouts } from '#shared/timeouts.ts';

/**
 * How every function builds its DynamoDB client (shared/store/db.ts): each
 * attempt with its own connection and answer timeouts, a few attempts a call.
 * The cold-start floor "the same client" is built with these too
 * (bench/floor-same.ts), so that what it leaves is the functions' own code.
 */
export const dynamoClientSettings = (region: string, endpoint?: string): DynamoDBClientConfig => ({
  region,
  maxAttempts: timeouts.dynamoAttempts,
  requestHandler: { connectionTimeout: timeouts.dynamoConnectMs, requestTimeout: timeouts.dynamoAttemptMs },
  ...(endpoint ? { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
});
