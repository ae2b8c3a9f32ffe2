import { route } from '#http/route.ts';
import * as r from './responses.ts';

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
    response: { status: 200, description: 'Up', schema: r.Health },
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
    throttle: { ratePerSecond: 10, burst: 20 },
    response: { status: 200, description: 'The OpenAPI document', schema: r.OpenApi },
  }),
};
