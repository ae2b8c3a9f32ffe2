// The cold-request floor: the DynamoDB client, built at load, and the raw commands a route's calls are replayed with.
import { BatchGetItemCommand, DynamoDBClient, GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';

export const client = new DynamoDBClient({});
const commands = {
  GetItem: (input: never) => client.send(new GetItemCommand(input)),
  BatchGetItem: (input: never) => client.send(new BatchGetItemCommand(input)),
  Query: (input: never) => client.send(new QueryCommand(input)),
};
export const send = (name: keyof typeof commands, input: never): Promise<unknown> => commands[name](input);
