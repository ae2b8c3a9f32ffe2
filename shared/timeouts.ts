/**
 * How long anything may take, in one place: the DynamoDB client
 * (shared/store/db.ts), the request's own deadline (shared/http/api-handler.ts),
 * the Lambda timeout (infra/api-function.ts) and the local server's stand-in for
 * it (scripts/local/handlers.ts) all read these, and a test holds them in order:
 * an SDK attempt ≪ the request's deadline < the function's timeout.
 */
export const timeouts = {
  /** DynamoDB: opening a connection. */
  dynamoConnectMs: 1_000,
  /** DynamoDB: one attempt's wait for its answer (DynamoDB answers in milliseconds; a stuck connection is retried on another). */
  dynamoAttemptMs: 2_000,
  /** DynamoDB: attempts per call, the first included (the SDK's own retries, with backoff). */
  dynamoAttempts: 3,
  /** The readiness check's one read: a table slower than this is not ready. */
  readinessMs: 2_000,
  /** Each function's Lambda timeout. */
  functionSeconds: 15,
  /**
   * The handler answers (504, "send it again with the same Idempotency-Key") this
   * long before the Lambda timeout, aborting whatever is still in flight: so a
   * client never gets the platform's bare timeout, and every late effect is one
   * that a retry with the same key replays instead of repeating.
   */
  answerBeforeTimeoutMs: 2_500,
} as const;

/** The request's own deadline, from its start. */
export const requestDeadlineMs = timeouts.functionSeconds * 1000 - timeouts.answerBeforeTimeoutMs;

/** One DynamoDB call at worst: every attempt timing out, with the SDK's largest backoff between them (throttling: 500 ms × 2^n). */
export const dynamoCallWorstMs =
  timeouts.dynamoAttempts * (timeouts.dynamoConnectMs + timeouts.dynamoAttemptMs) +
  Array.from({ length: timeouts.dynamoAttempts - 1 }, (_, i) => 500 * 2 ** (i + 1)).reduce((a, b) => a + b, 0);
