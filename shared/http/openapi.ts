import * as z from 'zod/mini';
import type { RouteSpec } from './route.ts';

type JsonSchema = Record<string, unknown> & { properties?: Record<string, JsonSchema>; required?: string[] };

const jsonSchema = (schema: z.ZodMiniType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
};

const problem = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['path', 'message'],
        properties: { path: { type: 'string' }, message: { type: 'string' }, code: { type: 'string' } },
      },
    },
  },
};

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

function parameters(where: 'path' | 'query', schema: z.ZodMiniType | undefined) {
  if (!schema) return [];
  const object = jsonSchema(schema, 'input');
  return Object.entries(object.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (object.required ?? []).includes(name),
    schema: s,
  }));
}

function operation(spec: RouteSpec) {
  const errors: Record<string, unknown> = { '400': problemResponse('Invalid input; every wrong field is named') };
  if (spec.access !== 'public') {
    errors['401'] = problemResponse('No valid token');
    errors['403'] = problemResponse('Your role may not do this');
  }
  if (spec.tenancy !== 'none' || spec.params) errors['404'] = problemResponse('Unknown, or belongs to another station');
  if (spec.method !== 'GET') {
    errors['409'] = problemResponse('Wrong state, or changed by someone else meanwhile');
    errors['422'] = problemResponse('A business rule refuses it');
  }
  return {
    operationId: spec.operationId,
    summary: spec.summary,
    tags: [spec.fn],
    ...(spec.access === 'public' ? { security: [] } : { 'x-roles': spec.access }),
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
      [String(spec.response.status)]: {
        description: spec.response.description,
        content: { 'application/json': { schema: jsonSchema(spec.response.schema(), 'output') } },
      },
      ...errors,
    },
  };
}

export function openApiDocument(routes: readonly RouteSpec[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of routes) {
    (paths[spec.path] ??= {})[spec.method.toLowerCase()] = operation(spec);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Village station API',
      version: '1.0.0',
      description:
        'Assisted ordering, cash, commission and last-kilometre delivery for village service stations. Money is in integer fen (1 yuan = 100 fen). Errors are application/problem+json.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Problem: problem },
    },
    paths,
  };
}
