import { apiHandler } from '#http/api-handler.ts';
import { bind } from '#http/route.ts';
import { db } from '#store/db.ts';
import { tableAnswers } from '#store/readiness.ts';
import { UnavailableError } from '#shared/errors.ts';
import { readinessApi as api } from './api.ts';

export const routes = [
  bind(api.ready, async () => {
    if (!(await tableAnswers())) throw new UnavailableError('Not ready: the table does not answer. Try again in a moment.');
    return { status: 200, body: { status: 'ready' as const } };
  }),
];

export const handler = apiHandler(routes, { atColdStart: db });
