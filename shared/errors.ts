/**
 * Errors the domain and the stores throw. They know nothing of HTTP; the one
 * error middleware (shared/http/problem.ts) maps each class to a status.
 * `code` is stable and machine-readable (clients translate it); `message` is
 * plain words for a person.
 */
export interface FieldError {
  path: string;
  message: string;
}

export abstract class AppError extends Error {
  abstract readonly status: number;
  constructor(
    readonly code: string,
    message: string,
    readonly errors?: FieldError[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad input: 400, naming every wrong field. */
export class InputError extends AppError {
  readonly status = 400;
  constructor(errors: FieldError[], message = 'The request has invalid fields.') {
    super('invalid-input', message, errors);
  }
}

export class UnauthenticatedError extends AppError {
  readonly status = 401;
  constructor(message = 'Sign in first: send a valid bearer token.') {
    super('unauthenticated', message);
  }
}

export class ForbiddenError extends AppError {
  readonly status = 403;
  constructor(message: string) {
    super('forbidden', message);
  }
}

/** Unknown, or belonging to another station: the caller can't tell which. */
export class NotFoundError extends AppError {
  readonly status = 404;
  constructor(what: string) {
    super('not-found', `${what} was not found.`);
  }
}

/** The object is in the wrong state, or someone else changed it first. */
export class ConflictError extends AppError {
  readonly status = 409;
}

/** Well-formed, but a business rule refuses it. */
export class RuleError extends AppError {
  readonly status = 422;
}

export class UnsupportedMediaError extends AppError {
  readonly status = 415;
  constructor() {
    super('unsupported-media-type', 'Send the body as JSON (Content-Type: application/json).');
  }
}

export class PayloadTooLargeError extends AppError {
  readonly status = 413;
  constructor(maxBytes: number) {
    super('payload-too-large', `The body is too large (over ${Math.round(maxBytes / 1024)} KB).`, [{ path: 'body', message: 'Too large.' }]);
  }
}

/** The database could not be reached, or stayed busy through every retry; the same request is safe to send again. */
export class UnavailableError extends AppError {
  readonly status = 503;
  constructor(
    message = 'The service is busy or its database cannot be reached. Send the same request again in a moment, with the same Idempotency-Key: it will not be applied twice.',
  ) {
    super('busy', message);
  }
}

/** The database did not answer before the request's deadline: the effect may or may not have landed, and the same key tells. */
export class DeadlineError extends AppError {
  readonly status = 504;
  constructor(
    message = 'The database did not answer in time, so this may or may not have been done. Send the same request again with the same Idempotency-Key: if it was done you get its answer, and it is never done twice.',
  ) {
    super('timeout', message);
  }
}
