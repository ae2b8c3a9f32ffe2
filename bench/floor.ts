// The cold-start floor: a bundle holding only the DynamoDB client, built by it at load like any handler.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

export const client = new DynamoDBClient({});
export const handler = async () => client.config.region();
