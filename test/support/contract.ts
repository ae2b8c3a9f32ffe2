import * as z from 'zod/mini';
import { routeTable } from '#functions/registry.ts';
import type { RouteSpec } from '#http/route.ts';

const templates = routeTable.map((spec) => ({
  spec,
  pattern: new RegExp(`^${spec.path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
}));

/** The route a request went to, as API Gateway would pick it (a literal segment beats a parameter). */
export function routeOf(method: string, url: string): RouteSpec | undefined {
  const path = new URL(url, 'http://x').pathname;
  const matches = templates.filter((t) => t.spec.method === method && t.pattern.test(path));
  return matches.sort((a, b) => b.spec.path.split('{').length - a.spec.path.split('{').length).at(-1)?.spec;
}

/** Paths of every key the answer has that the parsed output lacks: fields the schema doesn't declare. */
function undeclared(answer: unknown, parsed: unknown, at = ''): string[] {
  if (Array.isArray(answer) && Array.isArray(parsed)) return answer.flatMap((a, i) => undeclared(a, parsed[i], `${at}[${i}]`));
  if (answer && typeof answer === 'object' && parsed && typeof parsed === 'object') {
    return Object.entries(answer).flatMap(([k, v]) => (k in parsed ? undeclared(v, (parsed as Record<string, unknown>)[k], `${at}.${k}`) : [`${at}.${k}`]));
  }
  return [];
}

/**
 * Every answer a test gets with its route's documented status must be what the
 * OpenAPI document says: it parses by the route's response schema, and holds no
 * field the schema does not declare (zod objects strip unknown keys, so a key
 * that the parse dropped is drift).
 */
export function assertContract(method: string, url: string, status: number, body: unknown): void {
  const spec = routeOf(method, url);
  if (!spec || status !== spec.response.status) return;
  // A 204 has no body at all; its schema says null.
  const result = z.safeParse(spec.response.schema(), status === 204 && body === undefined ? null : body);
  if (!result.success) {
    throw new Error(`${spec.method} ${spec.path} answered ${status} outside its response schema: ${z.prettifyError(result.error)}`);
  }
  const extra = undeclared(body, result.data);
  if (extra.length > 0) throw new Error(`${spec.method} ${spec.path} answered fields its response schema does not declare: ${extra.join(', ')}`);
}
