// The cold-request floor: the DynamoDB client, built at load, and the raw commands a route's calls are replayed with.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { rawCommands } from './floor-commands.ts';

export const client = new DynamoDBClient({});
export const send = rawCommands(client);
