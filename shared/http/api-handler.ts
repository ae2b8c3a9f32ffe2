import { createHash } from 'node:crypto';
import middy, { type MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod/mini';
import { lazy } from '#schemas/lazy.ts';
import { timeouts } from '#shared/timeouts.ts';
import { withDeadline } from '#store/deadline.ts';
import { dependencyFault } from '#store/faults.ts';
import { negotiate, type Lang } from '#shared/i18n/messages.ts';
import { DeadlineError, fieldError, InputError, NotFoundError, type FieldError } from '#shared/errors.ts';
import { logger } from '#shared/logger.ts';
import { canonicalJson, parsePart, readJsonBody } from './parse.ts';
import { principalFromClaims, requireRole } from './principal.ts';
import { assertStationAccess, type Principal } from '#domain/access.ts';
import { baseHeaders, problemOf, problemResponse } from './problem.ts';
import { routeKey, type ApiRequest, type BoundRoute, type IdempotencyContext, type RouteSpec } from './route.ts';

type Event = APIGatewayProxyEventV2 & Partial<Pick<APIGatewayProxyEventV2WithJWTAuthorizer, 'requestContext'>>;
type Result = APIGatewayProxyStructuredResultV2;

const IdempotencyKey = lazy(() => z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{7,127}$/, 'idempotency-key-format')));

function idempotencyOf(spec: RouteSpec, event: Event, principal: Principal, body: unknown, errors: FieldError[]): IdempotencyContext | undefined {
  if (!spec.idempotent) return undefined;
  const raw = event.headers?.['idempotency-key'];
  if (raw === undefined) {
    errors.push(fieldError('headers.idempotency-key', 'idempotency-key-missing'));
    return undefined;
  }
  const key = parsePart('headers.idempotency-key', IdempotencyKey(), raw, errors);
  if (key === undefined) return undefined;
  const fingerprint = createHash('sha256')
    .update(`${routeKey(spec)}\n${canonicalJson(event.pathParameters ?? {})}\n${canonicalJson(body ?? null)}`)
    .digest('base64url');
  return { scope: scopeOf(principal), key, fingerprint };
}

/**
 * Who may replay a record: the same user in the same role at the same station.
 * A user moved to another station (or holding tokens of two) replays nothing of
 * the first one's: there the request is a fresh one, checked as any other.
 */
export const scopeOf = (principal: Principal): string => `${principal.role}:${principal.stationId ?? '*'}:${principal.sub}`;

/** The language the client reads (Accept-Language; zh-CN first). */
export const langOf = (event: Pick<Event, 'headers'>): Lang => negotiate(event.headers?.['accept-language']);

/** Auth, tenancy, then every part of the request parsed; all wrong fields reported together. */
export function buildRequest(spec: RouteSpec, event: Event, now = new Date()): ApiRequest<RouteSpec> {
  const principal = principalFromClaims(event.requestContext?.authorizer?.jwt?.claims);
  if (spec.access !== 'public') requireRole(principal, spec.access);
  const errors: FieldError[] = [];
  const params = parsePart('path', spec.params?.(), event.pathParameters ?? {}, errors) as Record<string, string> | undefined;
  if (spec.tenancy === 'station' && principal && params?.stationId) assertStationAccess(principal, params.stationId);
  const query = parsePart('query', spec.query?.(), event.queryStringParameters ?? {}, errors);
  const rawBody = spec.body ? readJsonBody(event) : undefined;
  const body = parsePart('body', spec.body?.(), rawBody, errors);
  const idempotency = principal ? idempotencyOf(spec, event, principal, rawBody, errors) : undefined;
  if (errors.length > 0) throw new InputError(errors);
  return {
    params,
    query,
    body,
    principal: principal as Principal,
    idempotency: idempotency as IdempotencyContext,
    requestId: event.requestContext?.requestId ?? 'local',
    lang: langOf(event),
    now,
    raw: {
      method: spec.method,
      path: event.rawPath,
      body: event.body ? (event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body) : '',
      headers: event.headers ?? {},
      sourceIp: event.requestContext?.http?.sourceIp ?? 'unknown',
    },
  };
}

/** Every failure becomes problem+json; only our own faults are 5xx, and they are logged whole. */
const problemJson = (): MiddlewareObj<Event, Result> => ({
  onError: async (request) => {
    const lang = langOf(request.event);
    const problem = problemOf(dependencyFault(request.error) ?? request.error, lang);
    const where = { route: request.event.routeKey, apiRequestId: request.event.requestContext?.requestId };
    if (problem.status >= 500) logger.error('request failed', { ...where, error: request.error });
    else logger.info('request refused', { ...where, status: problem.status, code: problem.code });
    request.response = problemResponse(problem, lang, request.event.requestContext?.requestId);
  },
});

/** The Lambda handler of one bounded context: dispatches on the HTTP API route key. */
export interface HandlerOptions {
  /**
   * Work for the cold start rather than the first request: the data functions
   * pass `db`, so a wrong environment fails at once and the client is built
   * during init. The platform function touches no data and bundles no SDK.
   */
  atColdStart?: () => unknown;
}

export function apiHandler(routes: readonly BoundRoute[], options: HandlerOptions = {}) {
  options.atColdStart?.();
  const byKey = new Map(routes.map((r) => [routeKey(r.spec), r]));
  // The request's deadline: middy answers 504 this long before the Lambda timeout and aborts the
  // signal, and every DynamoDB call made for the request carries that signal (shared/store/db.ts).
  return middy<Event, Result>({
    timeoutEarlyInMillis: timeouts.answerBeforeTimeoutMs,
    timeoutEarlyResponse: () => {
      throw new DeadlineError();
    },
  })
    .use(problemJson())
    .handler(async (event, _context, { signal }) => {
      const bound = byKey.get(event.routeKey);
      if (!bound) throw new NotFoundError('route');
      const result = await withDeadline(signal, () => bound.handle(buildRequest(bound.spec, event)));
      // 204: no body, so no content type either.
      if (result.status === 204) return { statusCode: 204, headers: { ...baseHeaders, ...result.headers } };
      return {
        statusCode: result.status,
        headers: { ...baseHeaders, 'content-type': 'application/json', ...result.headers },
        body: JSON.stringify(result.body),
      };
    });
}
