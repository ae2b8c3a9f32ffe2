import { apiHandler } from '#http/api-handler.ts';
import { bind } from '#http/route.ts';
import { platformApi as api } from './api.ts';

/** Built on first request: health checks never load the whole route table. */
let document: Promise<unknown> | undefined;
const openApi = async () => {
  const [{ openApiDocument }, { routeTable }] = await Promise.all([import('#http/openapi.ts'), import('../routes.ts')]);
  return openApiDocument(routeTable);
};

export const routes = [
  bind(api.health, async () => ({ status: 200, body: { status: 'ok' as const } })),
  bind(api.openapi, async () => ({ status: 200, body: (await (document ??= openApi())) as Record<string, unknown> })),
];

export const handler = apiHandler(routes);
