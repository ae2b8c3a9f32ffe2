import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { maxWrongTotps, UserPhoneTakenError, type User, type UserChange } from '#domain/user.ts';
import { ConflictError } from '#shared/errors.ts';
import { msg } from '#shared/i18n/messages.ts';
import type { Write } from './command.ts';
import { db, tableName } from './db.ts';
import { withoutKeys } from './items.ts';
import * as keys from './keys.ts';
import { queryPage, type Page } from './query.ts';

/**
 * Users who sign in (shared/domain/user.ts): the user item, a guard item per
 * phone (one user per number; the sign-in finds the user by it), and each
 * change kept beside the user (who changed whom, and what). An operator's TOTP
 * secret is on the user item but never in a User; the wrong tries at replacing
 * it are an item of their own beside it, which saving the user leaves alone.
 */
const userItem = (user: User, totpSecret?: string) => ({
  ...keys.user(user.userId),
  ...keys.userListing(user.name, user.userId),
  type: 'user',
  ...user,
  ...(totpSecret ? { totpSecret } : {}),
});

const changeWrites = (userId: string, changes: readonly UserChange[]): Write[] =>
  changes.map((change, n) => ({
    item: { Put: { TableName: tableName(), Item: { ...keys.userChange(userId, change.at, n), type: 'userChange', userId, ...change } } },
  }));

const phoneClaim = (user: User): Write => ({
  item: {
    Put: {
      TableName: tableName(),
      Item: { ...keys.userPhone(user.phone), type: 'userPhone', userId: user.userId },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  },
  onConditionFailed: () => new UserPhoneTakenError(),
});

const toUser = (item: Record<string, unknown>): User => {
  const { totpSecret: _secret, ...rest } = withoutKeys<User & { totpSecret?: string }>(item);
  return rest;
};

export async function get(userId: string): Promise<User | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.user(userId) }));
  return Item ? toUser(Item) : undefined;
}

/** The user and their TOTP secret, for the sign-in. */
export async function withSecret(userId: string): Promise<{ user: User; totpSecret?: string } | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.user(userId), ConsistentRead: true }));
  if (!Item) return undefined;
  return { user: toUser(Item), ...(typeof Item.totpSecret === 'string' ? { totpSecret: Item.totpSecret } : {}) };
}

/** Until when replacing the user's authenticator is refused, if it is. */
export async function totpLockedUntil(userId: string): Promise<string | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.userTotpGuard(userId), ConsistentRead: true }));
  return typeof Item?.lockedUntil === 'string' ? Item.lockedUntil : undefined;
}

/**
 * A wrong code of the current authenticator, counted; the last one allowed ends
 * every sign-in of the user (their session version goes up) and refuses
 * replacing the app until `lockUntil`. Whether this one locked it.
 */
export async function totpWrong(userId: string, now: Date, lockUntil: Date): Promise<boolean> {
  const { Attributes } = await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.userTotpGuard(userId),
      UpdateExpression: 'SET #type = :type ADD wrongTries :one',
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: { ':one': 1, ':type': 'totpGuard' },
      ReturnValues: 'ALL_NEW',
    }),
  );
  if (Number(Attributes?.wrongTries ?? 0) < maxWrongTotps) return false;
  // Every sign-in ends (a refresh token of an older session version is refused), and the tries start again after the lock.
  await db().send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Update: {
            TableName: tableName(),
            Key: keys.userTotpGuard(userId),
            UpdateExpression: 'SET lockedUntil = :until REMOVE wrongTries',
            ExpressionAttributeValues: { ':until': lockUntil.toISOString() },
          },
        },
        {
          Update: {
            TableName: tableName(),
            Key: keys.user(userId),
            UpdateExpression: 'SET sessionVersion = sessionVersion + :one, updatedAt = :now',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':one': 1, ':now': now.toISOString() },
          },
        },
      ],
    }),
  );
  return true;
}

/** Whose phone this is, if anyone's. */
export async function userIdByPhone(phone: string): Promise<string | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.userPhone(phone) }));
  return typeof Item?.userId === 'string' ? Item.userId : undefined;
}

/** A kiosk: no phone, so no phone guard. */
export function createKiosk(user: User, change: UserChange): Write[] {
  return [
    { item: { Put: { TableName: tableName(), Item: userItem(user), ConditionExpression: 'attribute_not_exists(pk)' } } },
    ...changeWrites(user.userId, [change]),
  ];
}

export function create(user: User, change: UserChange): Write[] {
  return [
    { item: { Put: { TableName: tableName(), Item: userItem(user), ConditionExpression: 'attribute_not_exists(pk)' } } },
    phoneClaim(user),
    ...changeWrites(user.userId, [change]),
  ];
}

/** The user as changed, if nobody changed it meanwhile; the phone's guard moves with a new number. */
export function save(before: User, after: User, changes: readonly UserChange[], totpSecret?: string): Write[] {
  const writes: Write[] = [
    {
      item: {
        Put: {
          TableName: tableName(),
          Item: userItem(after, totpSecret),
          ConditionExpression: 'updatedAt = :before',
          ExpressionAttributeValues: { ':before': before.updatedAt },
        },
      },
      onConditionFailed: () => new ConflictError('user-changed', msg('user-changed')),
    },
    ...changeWrites(after.userId, changes),
  ];
  if (after.phone !== before.phone) {
    writes.push(phoneClaim(after), {
      item: {
        Delete: {
          TableName: tableName(),
          Key: keys.userPhone(before.phone),
          ConditionExpression: 'userId = :id',
          ExpressionAttributeValues: { ':id': before.userId },
        },
      },
    });
  }
  return writes;
}

/** The user's TOTP secret set (an operator's second factor), keeping everything else. */
export function setTotp(user: User, secret: string, now: Date): Write[] {
  const after: User = { ...user, totp: true, updatedAt: now.toISOString() };
  // A new app: the wrong tries at replacing the old one start again.
  const guard: Write = { item: { Put: { TableName: tableName(), Item: { ...keys.userTotpGuard(user.userId), type: 'totpGuard', userId: user.userId } } } };
  return [...save(user, after, [], secret), guard];
}

/** Every user, by name. */
export async function list(limit: number, cursor?: string): Promise<Page<User>> {
  const page = await queryPage({ index: 'collection', partition: keys.usersCollection(), limit, cursor });
  return { ...page, items: page.items.map(toUser) };
}

/** A user's changes, newest first. */
export async function changes(userId: string, limit: number, cursor?: string): Promise<Page<UserChange>> {
  const page = await queryPage({ partition: keys.user(userId).pk, sortPrefix: keys.userChangePrefix, limit, cursor, newestFirst: true });
  return { ...page, items: page.items.map((i) => withoutKeys<UserChange & { userId?: string }>(i)).map(({ userId: _u, ...c }) => c as UserChange) };
}

/** Writes of a command that needs no Idempotency-Key (it sets what it sets): all or nothing, a failed condition as its error. */
export async function runUnkeyed(writes: readonly Write[]): Promise<void> {
  try {
    await db().send(new TransactWriteCommand({ TransactItems: writes.map((w) => w.item) }));
  } catch (error) {
    const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
    const failed = reasons.findIndex((r) => r.Code === 'ConditionalCheckFailed');
    const refusal = failed >= 0 ? writes[failed]?.onConditionFailed?.() : undefined;
    throw refusal ?? error;
  }
}
