import { apiHandler } from '../../shared/http/api-handler.ts';
import { openApiDocument } from '../../shared/http/openapi.ts';
import { bind } from '../../shared/http/route.ts';
import { routeTable } from '../routes.ts';
import { platformApi as api } from './api.ts';

let document: ReturnType<typeof openApiDocument> | undefined;

export const routes = [
  bind(api.health, async () => ({ status: 200, body: { status: 'ok' as const } })),
  bind(api.openapi, async () => ({ status: 200, body: (document ??= openApiDocument(routeTable)) })),
];

export const handler = apiHandler(routes);
