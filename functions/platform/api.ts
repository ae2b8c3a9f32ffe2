import * as z from 'zod/mini';
import { route } from '../../shared/http/route.ts';

export const platformApi = {
  health: route({
    operationId: 'health',
    method: 'GET',
    path: '/v1/health',
    fn: 'platform',
    summary: 'Is the API up?',
    access: 'public',
    tenancy: 'none',
    idempotent: false,
    response: { status: 200, description: 'Up', schema: z.object({ status: z.literal('ok') }) },
  }),
  openapi: route({
    operationId: 'openapi',
    method: 'GET',
    path: '/v1/openapi.json',
    fn: 'platform',
    summary: 'This API, as an OpenAPI 3.1 document generated from the schemas that validate it',
    access: 'public',
    tenancy: 'none',
    idempotent: false,
    response: { status: 200, description: 'The OpenAPI document', schema: z.record(z.string(), z.unknown()) },
  }),
};
