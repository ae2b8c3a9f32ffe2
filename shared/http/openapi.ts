import * as z from 'zod/mini';
import { maxBodyDepth } from './parse.ts';
import type { RouteSpec } from './route.ts';
import { defaultThrottle } from './route.ts';

type JsonSchema = Record<string, unknown> & { properties?: Record<string, JsonSchema>; required?: string[] };

const jsonSchema = (schema: z.ZodMiniType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
};

const problem = {
  type: 'object',
  description: 'RFC 9457 problem details. `code` is stable, for programs; `title`, `detail` and field messages are for people.',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string' },
    requestId: { type: 'string', description: 'Quote it to support: the logs are keyed by it.' },
    errors: {
      type: 'array',
      description:
        "The wrong fields (the first 50), each named by where it is (body.lines.0.qty, query.next, headers.idempotency-key, path.orderId; at most 200 characters), what to do in the client's language, and a stable code.",
      items: {
        type: 'object',
        required: ['path', 'message'],
        properties: { path: { type: 'string' }, message: { type: 'string' }, code: { type: 'string' } },
      },
    },
    errorsOmitted: { type: 'integer', description: 'How many more wrong fields there were than `errors` lists (the detail says so too).' },
  },
};

const problemRef = { $ref: '#/components/schemas/Problem' };
const problemResponse = (description: string, headers?: Record<string, unknown>) => ({
  description,
  ...(headers ? { headers } : {}),
  content: { 'application/problem+json': { schema: problemRef } },
});
const retryAfter = { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } };

/** Every status a route can answer besides its success, and why. */
function errorResponses(spec: RouteSpec): Record<string, unknown> {
  const touchesData = spec.fn !== 'platform';
  const errors: Record<string, unknown> = {};
  if (spec.params || spec.query || spec.body || spec.idempotent) {
    errors['400'] = problemResponse(
      `Invalid input: every wrong field is named (path, query, body${spec.idempotent ? ', the Idempotency-Key header' : ''}; a forged or mangled cursor; a body nested deeper than ${maxBodyDepth} levels).`,
    );
  }
  if (spec.access !== 'public') {
    errors['401'] = problemResponse('No valid bearer token.');
    errors['403'] = problemResponse('Your role may not do this.');
  }
  if (spec.tenancy !== 'none' || spec.params) errors['404'] = problemResponse('Unknown, or belongs to another station (the two look the same).');
  if (spec.method !== 'GET') {
    errors['409'] = problemResponse('Wrong state, or changed by someone else meanwhile.');
    errors['422'] = problemResponse(
      spec.idempotent ? 'A business rule refuses it, or this Idempotency-Key was used for a different request.' : 'A business rule refuses it.',
    );
  }
  if (spec.body) {
    errors['413'] = problemResponse('The body is too large.');
    errors['415'] = problemResponse('The body is not JSON: send Content-Type: application/json.');
  }
  errors['429'] = {
    description: `Throttled by the API (${spec.throttle ? `this route: ${spec.throttle.ratePerSecond} requests a second, bursts of ${spec.throttle.burst}` : `${defaultThrottle.ratePerSecond} requests a second across the API`}). Wait and send it again.`,
    content: { 'application/json': { schema: { type: 'object', properties: { message: { type: 'string' } } } } },
  };
  errors['500'] = problemResponse('A fault of ours (never something the client sent): quote the requestId to support.');
  if (touchesData) {
    errors['503'] = problemResponse(
      spec.operationId === 'ready'
        ? 'Not ready: the table does not answer.'
        : 'The database cannot be reached or stays busy. Send the same request again after Retry-After, with the same Idempotency-Key: it is never applied twice.',
      retryAfter,
    );
    if (spec.operationId !== 'ready') {
      errors['504'] = problemResponse(
        'The database did not answer in time: the request may or may not have taken effect. Send the same request again with the same Idempotency-Key: if it was done you get its first answer, and it is never done twice.',
        retryAfter,
      );
    }
  }
  return errors;
}

function parameters(where: 'path' | 'query', schema: z.ZodMiniType | undefined) {
  if (!schema) return [];
  const object = jsonSchema(schema, 'input');
  return Object.entries(object.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (object.required ?? []).includes(name),
    ...(name === 'next' ? { description: 'The opaque cursor from the previous page; any other value is refused (400).' } : {}),
    ...(name === 'limit' ? { description: 'Page size, 1 to 100.' } : {}),
    schema: s,
  }));
}

/** What a reader needs beyond the summary: who may call it, whose data it reaches, what retrying does. */
function description(spec: RouteSpec): string {
  const who = spec.access === 'public' ? 'Anyone, without a token.' : `Callers: ${spec.access.join(', ')}.`;
  const tenancy =
    spec.tenancy === 'station'
      ? 'A partner or kiosk reaches only its own station (the one in its token): any other station answers 404.'
      : spec.tenancy === 'object'
        ? "The object's station must be the caller's own (ops: any); another station's answers 404."
        : '';
  const retry = spec.idempotent
    ? 'Needs an Idempotency-Key: sending it again with the same body replays the first answer (header Idempotent-Replayed: true) and changes nothing; with another body it is refused (422).'
    : spec.method === 'GET'
      ? 'Reads only.'
      : '';
  const money = spec.movesMoney ? 'Moves money: every movement is a balanced journal entry, in the same transaction as the change.' : '';
  return [spec.summary + '.', who, tenancy, retry, money].filter(Boolean).join(' ');
}

function operation(spec: RouteSpec) {
  // A 204 (a villager erased) has no body.
  const success =
    spec.response.status === 204
      ? { description: spec.response.description }
      : { description: spec.response.description, content: { 'application/json': { schema: jsonSchema(spec.response.schema(), 'output') } } };
  const replayed = spec.idempotent
    ? {
        headers: {
          'Idempotent-Replayed': { description: '"true" when this is the first answer, replayed for a retry.', schema: { type: 'string', enum: ['true'] } },
        },
      }
    : {};
  return {
    operationId: spec.operationId,
    summary: spec.summary,
    description: description(spec),
    tags: [spec.fn],
    ...(spec.access === 'public' ? { security: [] } : { 'x-roles': spec.access }),
    ...(spec.throttle ? { 'x-throttle': spec.throttle } : {}),
    parameters: [
      ...parameters('path', spec.params?.()),
      ...parameters('query', spec.query?.()),
      ...(spec.idempotent
        ? [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: true,
              description: 'A fresh key (a UUID) per intended action; sending it again replays the first answer and changes nothing.',
              schema: { type: 'string', minLength: 8, maxLength: 128 },
            },
          ]
        : []),
    ],
    ...(spec.body
      ? { requestBody: { required: !spec.body().safeParse(undefined).success, content: { 'application/json': { schema: jsonSchema(spec.body(), 'input') } } } }
      : {}),
    responses: {
      [String(spec.response.status)]: { ...success, ...replayed },
      ...Object.fromEntries(Object.entries(spec.response.also ?? {}).map(([status, text]) => [status, { ...success, description: text, ...replayed }])),
      ...errorResponses(spec),
    },
  };
}

/** The document of `routes`; `tags` says what each bounded context (a route's `fn`) does. */
export function openApiDocument(routes: readonly RouteSpec[], tags: Readonly<Record<string, string>>) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of routes) {
    (paths[spec.path] ??= {})[spec.method.toLowerCase()] = operation(spec);
  }
  const used = new Set(routes.map((r) => r.fn));
  return {
    openapi: '3.1.0',
    info: {
      title: 'Village station API',
      version: '1.0.0',
      description:
        'Assisted ordering, cash, commission and last-kilometre delivery for village service stations. Money is in integer fen (1 yuan = 100 fen). Errors are application/problem+json. Every request that creates something or moves money carries an Idempotency-Key.',
      contact: { name: 'Village station platform team', email: 'platform@village-station.cn', url: 'https://village-station.cn/' },
      license: { name: 'Proprietary', url: 'https://village-station.cn/terms' },
    },
    servers: [
      {
        url: '{origin}',
        description: 'Where the API runs',
        variables: { origin: { default: 'http://localhost:3000', description: 'npm start locally; in AWS, the ApiUrl output of the stack' } },
      },
    ],
    security: [{ bearer: [] }],
    tags: Object.entries(tags)
      .filter(([name]) => used.has(name))
      .map(([name, text]) => ({ name, description: text })),
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'An access token from POST /v1/auth/tokens (ES256; locally also POST /local/token).',
        },
      },
      schemas: { Problem: problem },
      headers: {
        RetryAfter: { description: 'Seconds to wait before sending the same request again.', schema: { type: 'integer', minimum: 1 } },
      },
    },
    paths,
  };
}
