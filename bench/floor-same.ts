// "The same client": the floor's DynamoDB client built with the functions' settings (shared/store/client-settings.ts),
// bundled with their credential alias (bench/bundles.ts): what a function's import costs beyond it is its own code.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { dynamoClientSettings } from '#store/client-settings.ts';

export const client = new DynamoDBClient(dynamoClientSettings(process.env.AWS_REGION!));
export const handler = async () => client.config.region();
