import type { RouteSpec } from '#http/route.ts';

export interface Match<S extends RouteSpec = RouteSpec> {
  spec: S;
  pathParameters: Record<string, string>;
}

interface Compiled<S extends RouteSpec> {
  spec: S;
  pattern: RegExp;
  names: string[];
}

/** Matches a method and path against the route table, as the HTTP API does (unmatched: no route). */
export function createRouter<S extends RouteSpec>(routes: readonly S[]) {
  const compiled: Compiled<S>[] = routes.map((spec) => {
    const names: string[] = [];
    const source = spec.path
      .split('/')
      .map((part) => {
        const param = /^\{(\w+)\}$/.exec(part);
        if (!param) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(param[1]!);
        return '([^/]+)';
      })
      .join('/');
    return { spec, pattern: new RegExp(`^${source}$`), names };
  });
  // Literal paths win over templated ones (GET /v1/products/search vs /v1/products/{sku}).
  compiled.sort((a, b) => a.names.length - b.names.length);

  return (method: string, path: string): Match<S> | undefined => {
    for (const { spec, pattern, names } of compiled) {
      if (spec.method !== method) continue;
      const found = pattern.exec(path);
      if (!found) continue;
      const pathParameters: Record<string, string> = {};
      names.forEach((name, i) => {
        const raw = found[i + 1]!;
        try {
          pathParameters[name] = decodeURIComponent(raw);
        } catch {
          pathParameters[name] = raw;
        }
      });
      return { spec, pathParameters };
    }
    return undefined;
  };
}
