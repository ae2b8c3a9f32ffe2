import { BatchGetItemCommand, GetItemCommand, QueryCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** The raw commands a route's DynamoDB calls are replayed with in the cold-request floors. */
export function rawCommands(client: DynamoDBClient) {
  const commands = {
    GetItem: (input: never) => client.send(new GetItemCommand(input)),
    BatchGetItem: (input: never) => client.send(new BatchGetItemCommand(input)),
    Query: (input: never) => client.send(new QueryCommand(input)),
  };
  return (name: keyof typeof commands, input: never): Promise<unknown> => commands[name](input);
}
