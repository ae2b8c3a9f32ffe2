// The cold-request floor with the functions' client settings (bench/floor-same.ts), and the same raw commands.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { dynamoClientSettings } from '#store/client-settings.ts';
import { rawCommands } from './floor-commands.ts';

export const client = new DynamoDBClient(dynamoClientSettings(process.env.AWS_REGION!));
export const send = rawCommands(client);
