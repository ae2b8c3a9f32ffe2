/** CORS as the HTTP API has it (infra/station-stack.ts); the local server mirrors it. */
export const cors = {
  allowOrigins: ['*'],
  allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
  allowHeaders: ['authorization', 'content-type', 'idempotency-key'],
  exposeHeaders: ['idempotent-replayed'],
  maxAgeSeconds: 600,
} as const;
