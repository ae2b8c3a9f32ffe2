import { createHash, timingSafeEqual } from 'node:crypto';
import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CodeState, FamilyState, RefreshState } from '#domain/user.ts';
import type { Write } from './command.ts';
import { db, tableName } from './db.ts';
import { withoutKeys } from './items.ts';
import * as keys from './keys.ts';
import * as outboxStore from './outbox.ts';

/**
 * What signing in keeps (shared/domain/user.ts): per phone, the last code
 * (hashed) and when codes were sent; per sign-in, its family of refresh
 * tokens, each kept hashed. Every write is conditional on what was read, so
 * two requests racing on the same code or token cannot both win.
 */
const isConditionFailure = (error: unknown): boolean => {
  const name = (error as { name?: string }).name;
  return name === 'ConditionalCheckFailedException' || name === 'TransactionCanceledException';
};

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('base64url');

/** Whether `text` hashes to `hash`, in constant time. */
export function hashMatches(text: string, hash: string | undefined): boolean {
  if (!hash) return false;
  const a = Buffer.from(sha256(text));
  const b = Buffer.from(hash);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A code's hash: bound to the phone and the code's expiry, so it matches nowhere else. */
export const codeHash = (phone: string, code: string, expiresAt: string): string => sha256(`${phone}:${code}:${expiresAt}`);

const dayAfter = (at: string) => Math.floor(Date.parse(at) / 1000) + 2 * 24 * 3600;

export async function code(phone: string): Promise<CodeState | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.signIn(phone), ConsistentRead: true }));
  return Item ? withoutKeys<CodeState>(Item) : undefined;
}

/**
 * A new code for the phone (the send counted), and for a user's phone the
 * message that carries it (an outbox item, in the same transaction). False if
 * another request changed the phone's state first.
 */
export async function saveCode(
  before: CodeState | undefined,
  after: CodeState,
  message: { userId: string; code: string } | undefined,
  now: Date,
): Promise<boolean> {
  const item = { ...keys.signIn(after.phone), type: 'signIn', ...after, expiresAt: dayAfter(now.toISOString()) };
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName(),
              Item: item,
              ConditionExpression: before ? '#v = :v' : 'attribute_not_exists(pk)',
              ...(before ? { ExpressionAttributeNames: { '#v': 'version' }, ExpressionAttributeValues: { ':v': before.version } } : {}),
            },
          },
          ...(message ? [outboxStore.add(outboxStore.effectNames.signInCode, { userId: message.userId, code: message.code }, now).item] : []),
        ],
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** A wrong try counted, or the code used up (gone): only if nobody else tried it first. */
export async function codeTried(state: CodeState, outcome: 'wrong' | 'used'): Promise<boolean> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.signIn(state.phone),
        UpdateExpression: outcome === 'wrong' ? 'SET wrongTries = wrongTries + :one, #v = #v + :one' : 'REMOVE codeHash SET #v = #v + :one',
        ConditionExpression: '#v = :v',
        ExpressionAttributeNames: { '#v': 'version' },
        ExpressionAttributeValues: { ':v': state.version, ':one': 1 },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** One more sign-in request from this address this hour; false once past `limit`. */
export async function countFrom(address: string, hour: string, limit: number, now: Date): Promise<boolean> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.signInFrom(address, hour),
        UpdateExpression: 'ADD n :one SET expiresAt = :ttl',
        ConditionExpression: 'attribute_not_exists(n) OR n < :limit',
        ExpressionAttributeValues: { ':one': 1, ':limit': limit, ':ttl': dayAfter(now.toISOString()) },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

export async function refresh(tokenId: string): Promise<RefreshState | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.refresh(tokenId), ConsistentRead: true }));
  return Item ? withoutKeys<RefreshState>(Item) : undefined;
}

export async function session(familyId: string): Promise<FamilyState | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.session(familyId), ConsistentRead: true }));
  return Item ? withoutKeys<FamilyState>(Item) : undefined;
}

/** A new sign-in: its family and first refresh token. */
export async function start(family: FamilyState, token: RefreshState): Promise<void> {
  const ttl = Math.floor(Date.parse(token.validUntil) / 1000) + 24 * 3600;
  await db().send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: tableName(),
            Item: { ...keys.session(family.familyId), type: 'session', ...family, expiresAt: ttl },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        { Put: { TableName: tableName(), Item: { ...keys.refresh(token.tokenId), type: 'refresh', ...token, expiresAt: ttl } } },
      ],
    }),
  );
}

/** The token exchanged for the next, once: false if it was exchanged already (a race, or a copy). */
export async function rotate(used: RefreshState, next: RefreshState, now: Date): Promise<boolean> {
  const ttl = Math.floor(Date.parse(next.validUntil) / 1000) + 24 * 3600;
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName(),
              Key: keys.refresh(used.tokenId),
              UpdateExpression: 'SET usedAt = :now',
              ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt)',
              ExpressionAttributeValues: { ':now': now.toISOString() },
            },
          },
          {
            Update: {
              TableName: tableName(),
              Key: keys.session(used.familyId),
              UpdateExpression: 'SET expiresAt = :ttl',
              ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(revokedAt)',
              ExpressionAttributeValues: { ':ttl': ttl },
            },
          },
          { Put: { TableName: tableName(), Item: { ...keys.refresh(next.tokenId), type: 'refresh', ...next, expiresAt: ttl } } },
        ],
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** The sign-in ended: none of its refresh tokens works any more. */
export async function revoke(familyId: string, now: Date): Promise<void> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.session(familyId),
        UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :now)',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':now': now.toISOString() },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

/** A kiosk pairing code of a station, kept as its hash until used or expired. */
export function pairing(code: string, stationId: string, by: string, validUntil: string): Write {
  return {
    item: {
      Put: {
        TableName: tableName(),
        Item: {
          ...keys.kioskPairing(sha256(code)),
          type: 'kioskPairing',
          stationId,
          by,
          validUntil,
          expiresAt: Math.floor(Date.parse(validUntil) / 1000) + 3600,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  };
}

/** A pairing code used, once, while it is good: its station and who made it; undefined if there is no such code (any more). */
export async function usePairing(code: string, now: Date): Promise<{ stationId: string; by: string } | undefined> {
  try {
    const { Attributes } = await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.kioskPairing(sha256(code)),
        UpdateExpression: 'SET usedAt = :now',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt) AND validUntil > :now',
        ExpressionAttributeValues: { ':now': now.toISOString() },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return Attributes ? { stationId: String(Attributes.stationId), by: String(Attributes.by) } : undefined;
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
}

/** The outbox's side: take a sign-in code's message to send it, once (false: taken before, or the code is gone). */
export async function takeCodeMessage(outboxId: string, now: Date): Promise<boolean> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.outbox(outboxId),
        UpdateExpression: 'SET takenAt = :now',
        ConditionExpression: 'attribute_exists(code) AND attribute_not_exists(takenAt)',
        ExpressionAttributeValues: { ':now': now.toISOString() },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** The code's message sent (or refused): the code is not kept. */
export async function codeMessageDone(outboxId: string, outcome: string): Promise<void> {
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.outbox(outboxId),
      UpdateExpression: 'REMOVE code SET outcome = :outcome',
      ExpressionAttributeValues: { ':outcome': outcome },
    }),
  );
}
