import { GetCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { AppError, ConflictError, DeadlineError, NotFoundError, RuleError, UnavailableError, type FieldError, type Findable } from '#shared/errors.ts';
import { getMany } from './batch.ts';
import { db, tableName } from './db.ts';
import { currentDeadline } from './deadline.ts';
import { dependencyFault } from './faults.ts';
import * as keys from './keys.ts';
import { factKey, type Fact } from './facts.ts';
import { classifyFailure } from './outcome.ts';
import type { Lookup, Read } from './reads.ts';
import { msg, type Msg } from '#shared/i18n/messages.ts';
import { recordIdOf, seal, unseal, type RecordOwner } from './sealed.ts';

export { recordIdOf };

export interface IdempotencyContext extends RecordOwner {
  /** Who may replay: the caller's role, station and user (keys are never shared between callers, nor between a user's stations). */
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
  /**
   * Its condition asks about something not read (a villager already served this
   * month): if it fails, that fact is learnt and the command plans again from
   * the same reads, knowing it, without reading anything again.
   */
  learnsOnConditionFailed?: Fact;
}

/**
 * What a command decided, before it is written: the answer, or a refusal, and
 * every write, applied all-or-nothing. A refusal with writes keeps them though
 * the request fails (a wrong delivery code still counts as a try), and is
 * replayed like any answer, so a retry never counts it twice.
 */
export type Plan<B = unknown> = (
  | {
      status: number;
      body: B;
      headers?: Record<string, string>;
      /**
       * What the idempotency record keeps instead of the answer, when the answer
       * holds what must not be kept 90 days (a villager's name, phone, address):
       * only what the command's `rebuild` needs to answer a retry afresh.
       */
      stored?: unknown;
    }
  | { refusal: AppError }
) & { writes: Write[] };

/** Refuse the request, yet commit these writes (typed so that a handler's answer type is unaffected). */
export const refuse = (refusal: AppError, writes: Write[]): Plan<never> => ({ refusal, writes });

export interface CommandResult<B = unknown> {
  status: number;
  body: B;
  headers?: Record<string, string>;
}

const maxAttempts = 6;
/** Long enough for any offline queue to drain: the pages keep a command until its answer arrives, however long the network is down. */
const recordLifetimeSeconds = 90 * 24 * 3600;

interface StoredRefusal {
  status: number;
  code: string;
  msg: Msg;
  errors?: FieldError[];
}

/** What a record holds, sealed with the Idempotency-Key (shared/store/sealed.ts): the table keeps none of it in plain text. */
interface StoredResponse {
  fingerprint?: string;
  status: number;
  response?: string;
  refusal?: StoredRefusal;
  headers?: Record<string, string>;
  /** The answer kept is not the answer given: the command rebuilds it. */
  rebuild?: boolean;
  /** What the command was about has been erased (a villager withdrew consent): retries answer 404, and nothing of the request is kept. */
  erased?: string;
}

/** The record as the table holds it: its id (a hash of the caller and key), the sealed answer, or a tombstone. */
interface RecordItem {
  sealed?: string;
  erased?: string;
}

/** The record opened with the caller's key: a tombstone opens to itself; anything that will not open was not theirs. */
function openRecord(item: RecordItem, idem: IdempotencyContext): StoredResponse {
  if (item.erased) return { status: 404, erased: item.erased };
  const text = item.sealed === undefined ? undefined : unseal(item.sealed, idem);
  if (text === undefined) throw new RuleError('idempotency-key-reused', msg('idempotency-key-reused'));
  return JSON.parse(text) as StoredResponse;
}

/** A refusal read back from the record: the same status, code and words as the first time. */
class ReplayedRefusal extends AppError {
  readonly status: number;
  constructor(stored: StoredRefusal) {
    super(stored.code, stored.msg, stored.errors);
    this.status = stored.status;
  }
}

/** The record's key in the table. */
export const recordKeyOf = (idem: RecordOwner) => keys.idempotency(recordIdOf(idem));

async function readRecord(idem: IdempotencyContext): Promise<StoredResponse | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: recordKeyOf(idem), ConsistentRead: true }));
  return Item ? openRecord(Item as RecordItem, idem) : undefined;
}

async function replay<B>(record: StoredResponse, idem: IdempotencyContext, options: Pick<Command<B, never[]>, 'rebuild'>): Promise<CommandResult<B>> {
  if (record.erased) throw new NotFoundError(record.erased as Findable);
  if (record.fingerprint !== idem.fingerprint) {
    throw new RuleError('idempotency-key-reused', msg('idempotency-key-reused'));
  }
  if (record.refusal) throw new ReplayedRefusal(record.refusal);
  const stored: CommandResult = {
    status: record.status,
    body: JSON.parse(record.response ?? 'null') as unknown,
    ...(record.headers ? { headers: record.headers } : {}),
  };
  const result = record.rebuild && options.rebuild ? await options.rebuild(stored) : (stored as CommandResult<B>);
  return { ...result, headers: { ...result.headers, 'idempotent-replayed': 'true' } };
}

/**
 * Replaces a command's idempotency record with a tombstone that keeps neither
 * the answer nor the request's fingerprint (a hash of a name and a phone can be
 * searched for): a retry of that request then answers 404 rather than running
 * again. For erasing a person's data (shared/store/villagers.ts).
 */
export function eraseRecord(recordId: string, what: string, now: Date): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: {
        ...keys.idempotency(recordId),
        erased: what,
        createdAt: now.toISOString(),
        expiresAt: Math.floor(now.getTime() / 1000) + recordLifetimeSeconds,
      },
    },
  };
}

function recordWrite(idem: IdempotencyContext, plan: Plan, now: Date): TransactItem {
  const outcome =
    'refusal' in plan
      ? {
          status: plan.refusal.status,
          refusal: {
            status: plan.refusal.status,
            code: plan.refusal.code,
            msg: plan.refusal.msg,
            ...(plan.refusal.errors ? { errors: plan.refusal.errors } : {}),
          },
        }
      : {
          status: plan.status,
          response: JSON.stringify(plan.stored === undefined ? plan.body : plan.stored),
          ...(plan.stored === undefined ? {} : { rebuild: true }),
          ...(plan.headers ? { headers: plan.headers } : {}),
        };
  const stored: StoredResponse = { fingerprint: idem.fingerprint, ...outcome };
  return {
    Put: {
      TableName: tableName(),
      Item: {
        ...recordKeyOf(idem),
        sealed: seal(JSON.stringify(stored), idem),
        createdAt: now.toISOString(),
        expiresAt: Math.floor(now.getTime() / 1000) + recordLifetimeSeconds,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What a command has learnt from the conditions of its earlier attempts. */
export interface Attempt {
  knows(fact: Fact): boolean;
}

type Reads<T extends unknown[]> = { [K in keyof T]: Read<T[K]> };

/** A command: what it reads, how it plans its writes from what it read, and how it answers a retry. */
export interface Command<B, T extends unknown[]> {
  /** Fetched with the idempotency record in one consistent BatchGetItem (none: the record alone). */
  reads: Reads<T>;
  /**
   * Decides from the reads (and what earlier attempts learnt). A plan that must
   * read what it cannot name beforehand (a run's parcels) reads inside; it costs
   * that command a round trip more.
   */
  plan: (values: T, attempt: Attempt) => Promise<Plan<B>>;
  /** Answers a retry from what `Plan.stored` kept (a re-read); required by commands that store less than their answer. */
  rebuild?: (stored: CommandResult) => Promise<CommandResult<B>>;
  now?: () => Date;
}

/**
 * Runs a command exactly once per Idempotency-Key.
 *
 * The idempotency record is written in the same transaction as the command's
 * effect, with a condition that it does not exist yet. So whatever happens (a
 * concurrent twin, a Lambda that dies after commit, an SDK retry of a request
 * whose answer was lost) the effect is committed at most once, and every later
 * request with the key gets the first answer back. The plan is recomputed on
 * every attempt from fresh reads, so a retry never writes stale numbers.
 *
 * The record and everything the command declares it reads come in one
 * consistent BatchGetItem: a command is one read round trip and one
 * TransactWriteItems, the physical floor (docs/architecture.md "Exactly once").
 */
export async function runCommand<B, T extends unknown[]>(idem: IdempotencyContext, command: Command<B, T>): Promise<CommandResult<B>> {
  const now = command.now ?? (() => new Date());
  const recordKey = recordKeyOf(idem);
  const learnt = new Set<string>();
  const attemptContext: Attempt = { knows: (fact) => learnt.has(factKey(fact)) };
  let found: Lookup | undefined;
  for (let attempt = 1; ; attempt++) {
    let existing: StoredResponse | undefined;
    let planned: Plan<B> | undefined;
    try {
      found ??= await getMany([recordKey, ...command.reads.flatMap((r) => r.keys)]);
      const lookup = found;
      const item = lookup(recordKey) as RecordItem | undefined;
      existing = item ? openRecord(item, idem) : undefined;
      if (!existing) planned = await command.plan(command.reads.map((r) => r.from(lookup)) as T, attemptContext);
      if (planned) await db().send(new TransactWriteCommand({ TransactItems: [...planned.writes.map((w) => w.item), recordWrite(idem, planned, now())] }));
    } catch (error) {
      if (error instanceof AppError) {
        // A twin with the same key may have committed after our read, and our
        // plan then saw its effect ("already paid"): answer as the twin did.
        const twin = await readRecord(idem);
        if (twin) return await replay(twin, idem, command);
        throw error;
      }
      const failure = classifyFailure(error, planned?.writes ?? []);
      if (failure.kind === 'fatal') throw error;
      if (failure.kind === 'refused') {
        // A twin with the same key may have committed between our read and our write.
        const twin = await readRecord(idem);
        if (twin) return await replay(twin, idem, command);
        throw planned?.writes[failure.write]?.onConditionFailed?.() ?? new ConflictError('changed-meanwhile', msg('changed-meanwhile'));
      }
      // Past the request's deadline nothing more is tried: the client hears 504 and sends the same key again.
      if (currentDeadline()?.aborted) throw new DeadlineError();
      if (attempt >= maxAttempts) throw dependencyFault(error) ?? new UnavailableError();
      if (failure.kind === 'learn') {
        // Nothing was written; what was read still holds (every write we rely on is conditioned on it): plan again, knowing.
        for (const fact of failure.facts) learnt.add(factKey(fact));
        continue;
      }
      found = undefined;
      await sleep(Math.random() * 25 * 2 ** attempt);
      continue;
    }
    if (existing) return await replay(existing, idem, command);
    if (!planned) throw new Error('unreachable: neither a record nor a plan');
    if ('refusal' in planned) throw planned.refusal;
    return { status: planned.status, body: planned.body, ...(planned.headers ? { headers: planned.headers } : {}) };
  }
}
