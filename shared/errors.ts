/**
 * Errors the domain and the stores throw. They know nothing of HTTP; the one
 * error middleware (shared/http/problem.ts) maps each class to a status.
 * `code` is stable and machine-readable; the message is a key of the message
 * catalogue (shared/i18n/messages.ts) with its parameters, rendered in the
 * reader's language only when the answer is written. `Error.message` holds the
 * English rendering, for logs.
 */
import { msg, render, type Msg } from '#shared/i18n/messages.ts';

export interface FieldError {
  path: string;
  message: Msg;
}

export abstract class AppError extends Error {
  abstract readonly status: number;
  constructor(
    readonly code: string,
    readonly msg: Msg,
    readonly errors?: FieldError[],
  ) {
    super(render(msg, 'en'));
    this.name = new.target.name;
  }
}

/** Bad input: 400, naming every wrong field. */
export class InputError extends AppError {
  readonly status = 400;
  constructor(errors: FieldError[], message: Msg = msg('invalid-input')) {
    super('invalid-input', message, errors);
  }
}

export class UnauthenticatedError extends AppError {
  readonly status = 401;
  constructor() {
    super('unauthenticated', msg('unauthenticated'));
  }
}

export class ForbiddenError extends AppError {
  readonly status = 403;
  constructor(message: Msg) {
    super('forbidden', message);
  }
}

/** What a 404 can be about: named in the reader's language (`what.<kind>` in the catalogue). */
export type Findable =
  | 'order'
  | 'villager'
  | 'station'
  | 'product'
  | 'cart'
  | 'run'
  | 'task'
  | 'route'
  | 'remittance'
  | 'count'
  | 'entry'
  | 'biller'
  | 'billPayment'
  | 'account'
  | 'produce'
  | 'lot'
  | 'installation'
  | 'claim'
  | 'message'
  | 'parcel'
  | 'courier'
  | 'user'
  | 'tab'
  | 'tabRequest'
  | 'confirmation';

/** Unknown, or belonging to another station: the caller can't tell which. */
export class NotFoundError extends AppError {
  readonly status = 404;
  constructor(what: Findable, message: Msg = msg('not-found', { what })) {
    super('not-found', message);
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
    super('unsupported-media-type', msg('unsupported-media-type'));
  }
}

export class PayloadTooLargeError extends AppError {
  readonly status = 413;
  constructor(maxBytes: number) {
    super('payload-too-large', msg('payload-too-large', { kb: Math.round(maxBytes / 1024) }), [{ path: 'body', message: msg('field.tooLarge') }]);
  }
}

/** A sign-in refused: a wrong or used code, a refresh token that no longer works. */
export class SignInRefusedError extends AppError {
  readonly status = 401;
  constructor(message: Msg, code = 'sign-in-refused') {
    super(code, message);
  }
}

/** Asked too often (sign-in codes): 429, with when to try again. */
export class TooManyRequestsError extends AppError {
  readonly status = 429;
  constructor(
    message: Msg,
    readonly retryAfterSeconds: number,
  ) {
    super('too-many-requests', message);
  }
}

/** The database could not be reached, or stayed busy through every retry; the same request is safe to send again. */
export class UnavailableError extends AppError {
  readonly status = 503;
  constructor(message: Msg = msg('busy')) {
    super('busy', message);
  }
}

/** The database did not answer before the request's deadline: the effect may or may not have landed, and the same key tells. */
export class DeadlineError extends AppError {
  readonly status = 504;
  constructor(message: Msg = msg('timeout')) {
    super('timeout', message);
  }
}
/** A field error: the path and a catalogue message. */
export const fieldError = (path: string, key: Msg['key'], params?: Msg['params']): FieldError => ({ path, message: msg(key, params) });
