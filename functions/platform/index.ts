import { readFile } from 'node:fs/promises';
import { apiHandler } from '#http/api-handler.ts';
import { bind } from '#http/route.ts';
import { platformApi as api } from './api.ts';
import { openApiFile } from './openapi-file.ts';

/**
 * The document as synthesised beside the bundle; in the dev tree, where there
 * is no such file, built from the route table on first request. Either way,
 * health checks never load it.
 */
let document: Promise<unknown> | undefined;
const openApi = async () => {
  try {
    return JSON.parse(await readFile(new URL(`./${openApiFile}`, import.meta.url), 'utf8')) as unknown;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const [{ openApiDocument }, { contextTags, routeTable }] = await Promise.all([import('#http/openapi.ts'), import('#functions/registry.ts')]);
  return openApiDocument(routeTable, contextTags);
};

const forget = (error: unknown) => {
  document = undefined;
  throw error;
};

export const routes = [
  bind(api.health, async () => ({ status: 200, body: { status: 'ok' as const } })),
  bind(api.openapi, async () => ({ status: 200, body: (await (document ??= openApi().catch(forget))) as Record<string, unknown> })),
];

export const handler = apiHandler(routes);
