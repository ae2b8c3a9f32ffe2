import type { Write } from './command.ts';
import type { Fact } from './facts.ts';

/**
 * What a failed attempt of a command means, decided from the error alone.
 * - `retry`: try again from fresh reads (busy, a conflicting transaction, our
 *   own record already taken by a twin — the next read replays it — or a fact
 *   read while planning changed, so plan again);
 * - `refused`: a write's condition on the caller's request failed (`write` is
 *   its index) — refuse, unless a twin with the same key committed first;
 * - `learn`: only conditions that ask about something not read failed (a
 *   villager already served this month): plan again knowing these facts;
 * - `fatal`: a fault that retrying cannot mend.
 */
export type Failure = { kind: 'retry' } | { kind: 'learn'; facts: Fact[] } | { kind: 'refused'; write: number } | { kind: 'fatal' };

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

function cancellationCodes(error: unknown): (string | undefined)[] | undefined {
  const e = error as { name?: string; CancellationReasons?: { Code?: string }[] };
  return e?.name === 'TransactionCanceledException' ? (e.CancellationReasons ?? []).map((r) => r.Code) : undefined;
}

/** `writes` are the command's own writes; the idempotency record is written right after them. */
export function classifyFailure(error: unknown, writes: readonly Write[]): Failure {
  const codes = cancellationCodes(error);
  if (!codes) return isRetryable(error) ? { kind: 'retry' } : { kind: 'fatal' };
  if (codes.includes('TransactionConflict')) return { kind: 'retry' };
  const failed = codes.flatMap((code, i) => (code === 'ConditionalCheckFailed' ? [i] : []));
  if (failed.length === 0) return { kind: 'fatal' };
  if (failed.includes(writes.length)) return { kind: 'retry' };
  const facts = failed.map((i) => writes[i]?.learnsOnConditionFailed);
  if (facts.every((f) => f !== undefined)) return { kind: 'learn', facts: facts as Fact[] };
  const refused = failed.find((i) => !writes[i]?.learnsOnConditionFailed && !writes[i]?.replanOnConditionFailed);
  return refused === undefined ? { kind: 'retry' } : { kind: 'refused', write: refused };
}
