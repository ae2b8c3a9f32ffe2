import fc from 'fast-check';
import type * as z from 'zod/mini';
import type { RouteSpec } from '#http/route.ts';
import type { Example } from './examples.ts';

export interface Candidate {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  /** Field paths the answer must name (from the same schema, run here). */
  expected: string[];
}

type Path = (string | number)[];

function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(value)) return [prefix, ...value.flatMap((v, i) => pathsOf(v, [...prefix, i]))];
  if (value && typeof value === 'object') {
    return [prefix, ...Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...prefix, k]))];
  }
  return [prefix];
}

function setAt(root: unknown, path: Path, op: { kind: 'delete' } | { kind: 'set'; value: unknown } | { kind: 'add'; key: string; value: unknown }): unknown {
  const copy = structuredClone(root);
  if (path.length === 0) {
    if (op.kind === 'set') return op.value;
    if (op.kind === 'add' && copy && typeof copy === 'object' && !Array.isArray(copy)) {
      (copy as Record<string, unknown>)[op.key] = op.value;
      return copy;
    }
    return op.kind === 'delete' ? undefined : copy;
  }
  let parent = copy as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (op.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else if (op.kind === 'set') parent[last] = op.value;
  else {
    const target = parent[last];
    if (target && typeof target === 'object' && !Array.isArray(target)) (target as Record<string, unknown>)[op.key] = op.value;
    else parent[last] = op.value;
  }
  return copy;
}

/** Fields a client must never set (mass assignment), plus random names. */
const unknownKey = fc.oneof(
  fc.constantFrom('onlinePriceFen', 'merchantCostFen', 'commissionFen', 'paidFen', 'status', 'stationId', 'isAdmin', '__proto__x'),
  fc.string({ minLength: 1, maxLength: 12 }),
);

const mutation = fc.oneof(
  fc.constant({ kind: 'delete' as const }),
  fc.record({ kind: fc.constant('set' as const), value: fc.jsonValue({ maxDepth: 2 }) }),
  fc.record({
    kind: fc.constant('set' as const),
    value: fc.oneof(fc.double(), fc.integer({ min: -1e12, max: 1e12 }), fc.string(), fc.constant(null), fc.constant(1.5), fc.constant(-1)),
  }),
  fc.record({ kind: fc.constant('add' as const), key: unknownKey, value: fc.jsonValue({ maxDepth: 1 }) }),
);

/** JSON round trip: what actually travels over the wire. */
const wire = (v: unknown) => (v === undefined ? undefined : (JSON.parse(JSON.stringify(v)) as unknown));

function expectedErrors(where: string, schema: z.ZodMiniType | undefined, value: unknown): string[] | undefined {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (result.success) return undefined;
  // Written out here rather than reusing the server's mapping, so a wrong mapping fails the test.
  return result.error.issues.flatMap((issue) => {
    const at = [where, ...issue.path].join('.');
    return issue.code === 'unrecognized_keys' ? issue.keys.map((k) => `${at}.${k}`) : [at];
  });
}

/** Requests that the route's own schemas refuse: one part of a valid example broken at a time. */
export function badInputs(spec: RouteSpec, example: Example): fc.Arbitrary<Candidate> {
  const options: fc.Arbitrary<Candidate | undefined>[] = [];
  if (spec.body) {
    const bodyPaths = pathsOf(example.body);
    options.push(
      fc.tuple(fc.constantFrom(...bodyPaths), mutation).map(([path, op]) => {
        const body = wire(setAt(example.body, path, op));
        const expected = expectedErrors('body', spec.body?.(), body);
        return expected ? { ...example, body, expected } : undefined;
      }),
      fc.jsonValue({ maxDepth: 3 }).map((body) => {
        const expected = expectedErrors('body', spec.body?.(), wire(body));
        return expected ? { ...example, body: wire(body), expected } : undefined;
      }),
    );
  }
  if (spec.query) {
    const names = [...Object.keys(example.query ?? {}), 'limit', 'next', 'unexpected'];
    options.push(
      fc.tuple(fc.constantFrom(...names), fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('0', '-1', '101', '1.5', 'abc', ''))).map(([name, value]) => {
        const query = { ...example.query, [name]: value };
        const expected = expectedErrors('query', spec.query?.(), query);
        return expected ? { ...example, query, expected } : undefined;
      }),
    );
  }
  if (spec.params) {
    const names = Object.keys(example.params ?? {});
    options.push(
      fc
        .tuple(
          fc.constantFrom(...names),
          fc.string({ minLength: 1, maxLength: 40 }).filter((s) => !/^\.+$/.test(s)),
        )
        .map(([name, value]) => {
          const params = { ...example.params, [name]: value };
          const expected = expectedErrors('path', spec.params?.(), params);
          return expected ? { ...example, params, expected } : undefined;
        }),
    );
  }
  return fc.oneof(...options).filter((c): c is Candidate => c !== undefined);
}
