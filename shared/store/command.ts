import { GetCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { AppError, ConflictError, RuleError, UnavailableError } from '#shared/errors.ts';
import { db, tableName } from './db.ts';
import { keys } from './keys.ts';
import { msg } from '#shared/i18n/messages.ts';

export interface IdempotencyContext {
  /** Who may replay: keys are unique per caller, never shared between callers. */
  scope: string;
  key: string;
  /** Hash of the route and the request; the same key with another fingerprint is refused. */
  fingerprint: string;
}

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** One item of a command's transaction, and what to tell the caller if its condition fails. */
export interface Write {
  item: TransactItem;
  onConditionFailed?: () => AppError;
  /** Its condition guards a fact read while planning (not the caller's input): if it fails, plan again. */
  replanOnConditionFailed?: boolean;
}

/** What a command decided, before it is written: the answer and every write, applied all-or-nothing. */
export interface Plan<B = unknown> {
  status: number;
  body: B;
  headers?: Record<string, string>;
  writes: Write[];
}

export interface CommandResult<B = unknown> {
  status: number;
  body: B;
  headers?: Record<string, string>;
}

const maxAttempts = 6;
/** Long enough for any offline queue to drain; the web form gives up on a command after 7 days. */
const recordLifetimeSeconds = 90 * 24 * 3600;

interface StoredResponse {
  fingerprint: string;
  status: number;
  response: string;
  headers?: Record<string, string>;
}

async function readRecord(idem: IdempotencyContext): Promise<StoredResponse | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.idempotency(idem.scope, idem.key), ConsistentRead: true }));
  return Item as StoredResponse | undefined;
}

function replay(record: StoredResponse, idem: IdempotencyContext): CommandResult {
  if (record.fingerprint !== idem.fingerprint) {
    throw new RuleError('idempotency-key-reused', msg('idempotency-key-reused'));
  }
  return {
    status: record.status,
    body: JSON.parse(record.response) as unknown,
    headers: { ...record.headers, 'idempotent-replayed': 'true' },
  };
}

function recordWrite(idem: IdempotencyContext, plan: Plan, now: Date): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: {
        ...keys.idempotency(idem.scope, idem.key),
        fingerprint: idem.fingerprint,
        status: plan.status,
        response: JSON.stringify(plan.body),
        ...(plan.headers ? { headers: plan.headers } : {}),
        createdAt: now.toISOString(),
        expiresAt: Math.floor(now.getTime() / 1000) + recordLifetimeSeconds,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

const retryableNames = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TransactionInProgressException',
  'TimeoutError',
]);
const retryableCodes = new Set(['ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ECONNREFUSED', 'EAI_AGAIN']);

export function isRetryable(error: unknown): boolean {
  const e = error as { name?: string; code?: string; $retryable?: unknown; $metadata?: { httpStatusCode?: number } };
  return Boolean(e?.$retryable) || retryableNames.has(e?.name ?? '') || retryableCodes.has(e?.code ?? '') || (e?.$metadata?.httpStatusCode ?? 0) >= 500;
}

interface CancellationReason {
  Code?: string;
}

function cancellationReasons(error: unknown): CancellationReason[] | undefined {
  const e = error as { name?: string; CancellationReasons?: CancellationReason[] };
  return e?.name === 'TransactionCanceledException' ? (e.CancellationReasons ?? []) : undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs a command exactly once per Idempotency-Key.
 *
 * The idempotency record is written in the same transaction as the command's
 * effect, with a condition that it does not exist yet. So whatever happens (a
 * concurrent twin, a Lambda that dies after commit, an SDK retry of a request
 * whose answer was lost) the effect is committed at most once, and every later
 * request with the key gets the first answer back. The plan is recomputed on
 * every attempt from fresh reads, so a retry never writes stale numbers.
 */
export async function runCommand<B>(idem: IdempotencyContext, plan: () => Promise<Plan<B>>, now: () => Date = () => new Date()): Promise<CommandResult<B>> {
  for (let attempt = 1; ; attempt++) {
    let planned: Plan<B> | undefined;
    try {
      const existing = await readRecord(idem);
      if (existing) return replay(existing, idem) as CommandResult<B>;
      planned = await plan();
      await db().send(
        new TransactWriteCommand({
          TransactItems: [...planned.writes.map((w) => w.item), recordWrite(idem, planned, now())],
        }),
      );
      return { status: planned.status, body: planned.body, ...(planned.headers ? { headers: planned.headers } : {}) };
    } catch (error) {
      if (error instanceof AppError) {
        // A twin with the same key may have committed after our first read, and
        // our plan then saw its effect ("already paid"): answer as the twin did.
        const twin = planned ? undefined : await readRecord(idem);
        if (twin) return replay(twin, idem) as CommandResult<B>;
        throw error;
      }
      const reasons = cancellationReasons(error);
      if (reasons && planned) {
        const conflicted = reasons.some((r) => r.Code === 'TransactionConflict');
        const failed = reasons.findIndex((r) => r.Code === 'ConditionalCheckFailed');
        const recordTaken = failed === planned.writes.length;
        const replan = failed >= 0 && planned.writes[failed]?.replanOnConditionFailed === true;
        if (!conflicted && !recordTaken && failed >= 0 && !replan) {
          // A twin with the same key may have committed between our read and our write.
          const twin = await readRecord(idem);
          if (twin) return replay(twin, idem) as CommandResult<B>;
          throw planned.writes[failed]?.onConditionFailed?.() ?? new ConflictError('changed-meanwhile', msg('changed-meanwhile'));
        }
        if (!conflicted && !recordTaken && !replan) throw error;
      } else if (!isRetryable(error)) {
        throw error;
      }
      if (attempt >= maxAttempts) throw new UnavailableError();
      await sleep(Math.random() * 25 * 2 ** attempt);
    }
  }
}
