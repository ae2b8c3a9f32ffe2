import { apiHandler } from '#http/api-handler.ts';
import { bind } from '#http/route.ts';
import { db } from '#store/db.ts';
import { tableAnswers } from '#store/readiness.ts';
import { UnavailableError } from '#shared/errors.ts';
import { readinessApi as api } from './api.ts';
import { msg } from '#shared/i18n/messages.ts';

export const routes = [
  bind(api.ready, async () => {
    if (!(await tableAnswers())) throw new UnavailableError(msg('not-ready'));
    return { status: 200, body: { status: 'ready' as const } };
  }),
];

export const handler = apiHandler(routes, { atColdStart: db });
