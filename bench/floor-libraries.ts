// "The libraries": the same client (bench/floor-same.ts) with what every data function carries before any code of its
// own: lib-dynamodb's document client built on it as shared/store/db.ts builds it, middy, zod/mini (the kinds of
// schema the routes use, built on the first call as the routes build theirs) and ulid. Bundled like the same client.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import middy from '@middy/core';
import { ulid } from 'ulid';
import * as z from 'zod/mini';
import { dynamoClientSettings } from '#store/client-settings.ts';

export const client = DynamoDBDocumentClient.from(new DynamoDBClient(dynamoClientSettings(process.env.AWS_REGION!)), {
  marshallOptions: { removeUndefinedValues: true },
});

const schema = () =>
  z.object({
    id: z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Z0-9]+$/)),
    fen: z.int().check(z.minimum(0)),
    kind: z.enum(['a', 'b']),
    lines: z.optional(z.array(z.union([z.literal('x'), z.boolean(), z.nullable(z.string())]))),
    extra: z.record(z.string(), z.number()),
  });

const commands = [GetCommand, QueryCommand, BatchGetCommand, TransactWriteCommand];
export const handler = middy(async (event: unknown) => ({ parsed: schema().safeParse(event).success, id: ulid(), commands: commands.length }));
