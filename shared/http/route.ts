import type * as z from 'zod/mini';
import type { Principal, Role } from '#domain/access.ts';
import type { IdempotencyContext } from '#store/command.ts';
import type { Lang } from '#shared/i18n/messages.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

type Schema = z.ZodMiniType;

type Access = 'public' | readonly Role[];

/**
 * One row of the route table: everything CDK, the local server, the OpenAPI
 * document, the fuzz harness and the tenancy matrix need to know about a route.
 * It holds no handler code, so importing it costs no I/O set-up.
 */
export interface RouteSpec<
  P extends Schema = Schema,
  Q extends Schema = Schema,
  B extends Schema = Schema,
  R extends Schema = Schema,
  A extends Access = Access,
  I extends boolean = boolean,
  F extends string = string,
> {
  operationId: string;
  method: HttpMethod;
  path: `/v1/${string}` | `/v1` | `/.well-known/${string}`;
  /** The bounded context (one Lambda function) that serves it: a key of functions/registry.ts. */
  fn: F;
  summary: string;
  /** 'public' routes have no authorizer (health, the OpenAPI document). */
  access: A;
  /**
   * How tenancy is enforced. 'station': the path's `stationId` must be the
   * caller's own (checked before anything else). 'object': the handler loads
   * the object and checks its station. 'none': not station data.
   */
  tenancy: 'none' | 'station' | 'object';
  /** Creates something or moves money: needs an Idempotency-Key and replays. */
  idempotent: I;
  /** True when the route moves money (the kiosk may never call these). */
  movesMoney?: boolean;
  /** Schemas are factories: each is built on the route's first request (shared/schemas/lazy.ts). */
  params?: () => P;
  query?: () => Q;
  body?: () => B;
  /**
   * A throttle of its own (API Gateway route settings), below the stage's default:
   * for routes that cost much (planning a run) or that anyone may call.
   */
  throttle?: Throttle;
  /** The answer's schema: only the OpenAPI document and the tests build it (handlers never validate their answers). */
  response: {
    status: number;
    description: string;
    /** Other success statuses it answers with the same schema (PUT: 201 when it creates). */
    also?: Record<number, string>;
    schema: () => R;
  };
}

export interface Throttle {
  ratePerSecond: number;
  burst: number;
}

/** Every route's throttle unless it has its own (the HTTP API stage's default), per account and region. */
export const defaultThrottle: Throttle = { ratePerSecond: 500, burst: 1000 };

export function route<
  P extends Schema,
  Q extends Schema,
  B extends Schema,
  R extends Schema,
  const A extends Access,
  const I extends boolean,
  const F extends string,
>(spec: RouteSpec<P, Q, B, R, A, I, F>): RouteSpec<P, Q, B, R, A, I, F> {
  return spec;
}

export type { IdempotencyContext };

export const routeKey = (spec: Pick<RouteSpec, 'method' | 'path'>) => `${spec.method} ${spec.path}`;

type Out<S> = S extends () => infer T ? z.output<T> : undefined;

export interface ApiRequest<S extends RouteSpec> {
  params: Out<Exclude<S['params'], undefined>>;
  query: Out<Exclude<S['query'], undefined>>;
  body: Out<Exclude<S['body'], undefined>>;
  /** Undefined only on public routes. */
  principal: S['access'] extends 'public' ? Principal | undefined : Principal;
  idempotency: S['idempotent'] extends true ? IdempotencyContext : IdempotencyContext | undefined;
  requestId: string;
  /** The language the client reads problems in (Accept-Language). */
  lang: Lang;
  now: Date;
  /** The request as it came, for a route that checks a signature over it (the SMS gateway's receipts). */
  raw: { method: string; path: string; body: string; headers: Readonly<Record<string, string | undefined>>; sourceIp: string };
}

export interface ApiResult<S extends RouteSpec = RouteSpec> {
  status: number;
  body: z.input<ReturnType<S['response']['schema']>>;
  headers?: Record<string, string>;
}

export type RouteHandler<S extends RouteSpec> = (request: ApiRequest<S>) => Promise<ApiResult<S>>;

export interface BoundRoute {
  spec: RouteSpec;
  handle: RouteHandler<RouteSpec>;
}

/** Pairs a spec with its handler; the types make the handler honour the spec's schemas. */
export function bind<S extends RouteSpec>(spec: S, handle: RouteHandler<S>): BoundRoute {
  return { spec, handle: handle as unknown as RouteHandler<RouteSpec> };
}
