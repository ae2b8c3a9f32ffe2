import { DeadlineError, UnavailableError, type AppError } from '#shared/errors.ts';

const timeoutNames = new Set(['TimeoutError', 'AbortError', 'RequestTimeout', 'RequestTimeoutException']);
const timeoutCodes = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ABORT_ERR']);
const unavailableNames = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TransactionInProgressException',
]);
const connectionCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
]);

/**
 * What a failure to reach DynamoDB means for the client: 504 when it did not
 * answer in time (the write may have landed: send it again with the same key),
 * 503 when it could not be reached or stayed busy. Anything else is not a
 * dependency's fault (undefined): a bug, answered 500.
 */
export function dependencyFault(error: unknown): AppError | undefined {
  const e = error as { name?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number }; cause?: unknown } | undefined;
  if (!e || typeof e !== 'object') return undefined;
  if (timeoutNames.has(e.name ?? '') || timeoutCodes.has(e.code ?? '')) return new DeadlineError();
  if (unavailableNames.has(e.name ?? '') || connectionCodes.has(e.code ?? '') || /socket hang up/i.test(e.message ?? '')) return new UnavailableError();
  if ((e.$metadata?.httpStatusCode ?? 0) >= 500) return new UnavailableError();
  return e.cause ? dependencyFault(e.cause) : undefined;
}
