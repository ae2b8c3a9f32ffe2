import { route } from '#http/route.ts';
import * as r from './responses.ts';

/** Readiness: does the table answer? Liveness (GET /v1/health) touches no data and stays in the platform function. */
export const readinessApi = {
  ready: route({
    operationId: 'ready',
    method: 'GET',
    path: '/v1/health/ready',
    fn: 'readiness',
    summary: 'Can the API serve requests: does its table answer?',
    access: 'public',
    tenancy: 'none',
    idempotent: false,
    throttle: { ratePerSecond: 10, burst: 20 },
    response: { status: 200, description: 'Ready: the table answered', schema: r.Ready },
  }),
};
