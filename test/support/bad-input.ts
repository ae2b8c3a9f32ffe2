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

// ---------------------------------------------------------------------------
// Shapes of input beyond one broken field: cursors nobody issued, inverted
// ranges, deep nesting, and odd requests of every other kind. Each generator
// reads only the route's own schemas, so a route added later joins by itself.

/** The names of a route's query fields, read from its schema. */
export function queryFields(spec: RouteSpec): string[] {
  const schema = spec.query?.() as { shape?: Record<string, unknown> } | undefined;
  return Object.keys(schema?.shape ?? {});
}

/** A list route pages with the opaque `next` cursor. */
export const isListRoute = (spec: RouteSpec) => queryFields(spec).includes('next');

const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const decodeCursor = (cursor: string): Record<string, unknown> | undefined => {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Cursors the API never issued: text that is not base64 JSON, JSON of another
 * shape, keys of the table with values of every type, and a genuine cursor
 * (when there is one) mangled attribute by attribute, moved to another
 * station's partition, or pointing outside the list asked for.
 */
export interface ForgedCursor {
  next: string;
  /** False where the mangling may still leave a position inside the same list (then 200 is as right as 400). */
  mustRefuse: boolean;
}

export function forgedCursors(keyNames: readonly string[], genuine: string | undefined, otherStation: [string, string]): fc.Arbitrary<ForgedCursor> {
  const anyValue = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(''),
    fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
    fc.constant({ S: 'STATION#x' }),
    fc.constant('x'.repeat(1500)),
  );
  const refused = (next: string): ForgedCursor => ({ next, mustRefuse: true });
  const options: fc.Arbitrary<ForgedCursor>[] = [
    fc.string({ minLength: 1, maxLength: 60 }).map(refused),
    fc.uint8Array({ minLength: 1, maxLength: 60 }).map((bytes) => refused(Buffer.from(bytes).toString('base64url'))),
    fc.jsonValue({ maxDepth: 2 }).map((v) => refused(base64url(JSON.stringify(v)))),
    fc.constantFrom('null', '[]', '"STATION#x"', '42', '{}', '{"pk":', '{"__proto__":{"pk":"x"}}').map((t) => refused(base64url(t))),
    fc
      .dictionary(fc.constantFrom(...keyNames, 'extra'), anyValue, { minKeys: 1, maxKeys: keyNames.length + 1 })
      .map((o) => refused(base64url(JSON.stringify(o)))),
  ];
  const key = genuine ? decodeCursor(genuine) : undefined;
  if (key) {
    const names = Object.keys(key);
    // The list's own partition: the index's where the cursor has one (the table's keys then only break ties).
    const indexPartitions = names.filter((n) => /pk$/i.test(n) && n !== 'pk');
    const partitions = indexPartitions.length ? indexPartitions : ['pk'];
    const [from, to] = otherStation;
    options.push(
      // Type-mangled: one attribute of a real cursor given another type, emptied, or removed.
      fc.tuple(fc.constantFrom(...names), fc.oneof(anyValue, fc.constant(undefined))).map(([name, value]) => {
        const copy: Record<string, unknown> = { ...key, [name]: value };
        if (value === undefined) delete copy[name];
        // Another non-empty string in a sort key may still be a place in the same list.
        const mustRefuse = typeof value !== 'string' || value === '' || partitions.includes(name) || typeof key[name] !== 'string';
        return { next: base64url(JSON.stringify(copy)), mustRefuse };
      }),
      // An attribute a cursor of this list never has.
      fc
        .tuple(fc.constantFrom(...keyNames.filter((n) => !names.includes(n)), 'extra', 'version'), fc.string({ maxLength: 10 }))
        .map(([name, value]) => refused(base64url(JSON.stringify({ ...key, [name]: value })))),
      // Forged: the same cursor, moved to another station (where the list belongs to one).
      fc.constant(Object.fromEntries(Object.entries(key).map(([k, v]) => [k, typeof v === 'string' ? v.replaceAll(from, to) : v]))).map((moved) => ({
        next: base64url(JSON.stringify(moved)),
        mustRefuse: partitions.some((p) => moved[p] !== key[p]),
      })),
      // The sort keys set before or after anything: outside a bounded list, a mere position in an unbounded one.
      fc.tuple(fc.constantFrom('!', '0', '~~~~', '2000-01-01T00:00:00.000Z', '2999-01-01T00:00:00.000Z'), fc.boolean()).map(([value, all]) => {
        const copy: Record<string, unknown> = { ...key };
        for (const name of names.filter((n) => /sk$/i.test(n) && typeof key[n] === 'string').slice(0, all ? undefined : 1)) copy[name] = value;
        return { next: base64url(JSON.stringify(copy)), mustRefuse: false };
      }),
    );
  }
  return fc.oneof(...options);
}

/** Pairs of query fields that bound a range (from/to, start/end, min/max, after/before, and their …From/…To forms). */
export function rangePairs(spec: RouteSpec): [string, string][] {
  const fields = queryFields(spec);
  const pairs: [string, string][] = [];
  const ends: [RegExp, string][] = [
    [/^(.*)from$/i, 'to'],
    [/^(.*)start$/i, 'end'],
    [/^(.*)min$/i, 'max'],
    [/^min(.*)$/i, 'max'],
    [/^(.*)after$/i, 'before'],
  ];
  for (const field of fields) {
    for (const [pattern, other] of ends) {
      const m = pattern.exec(field);
      if (!m) continue;
      const stem = m[1] ?? '';
      const candidates = [`${stem}${other}`, `${stem}${other[0]!.toUpperCase()}${other.slice(1)}`, `${other}${stem}`];
      const partner = candidates.find((c) => c !== field && fields.includes(c));
      if (partner) pairs.push([field, partner]);
    }
  }
  return pairs;
}

const rangeValues = ['2026-01-01', '2026-12-31', '2026-01', '2026-12', '1', '99', '2026-01-01T00:00:00.000Z', '2026-12-31T00:00:00.000Z'];

/**
 * For each range of the route: queries whose lower bound is above the upper one,
 * with the example's other filters and without them. Each bound alone is a value
 * the schema accepts, so only the order is wrong.
 */
export function invertedRanges(spec: RouteSpec, example: Example): { pair: [string, string]; query: Record<string, string> }[] {
  const schema = spec.query?.();
  if (!schema) return [];
  const out: { pair: [string, string]; query: Record<string, string> }[] = [];
  for (const [low, high] of rangePairs(spec)) {
    const accepted = rangeValues.filter((v) => schema.safeParse({ [low]: v }).success && schema.safeParse({ [high]: v }).success);
    const [first, second] = accepted;
    if (first === undefined || second === undefined) continue;
    const [small, big] = first < second ? [first, second] : [second, first];
    const others = Object.fromEntries(Object.entries(example.query ?? {}).filter(([k]) => k !== low && k !== high && k !== 'next'));
    out.push({ pair: [low, high], query: { ...others, [low]: big, [high]: small } });
    out.push({ pair: [low, high], query: { [low]: big, [high]: small } });
  }
  return out;
}

/** JSON text nested `depth` levels deep: objects, arrays, and a valid example with one field replaced by the nest. */
export function deeplyNested(example: Example, depth: number): { label: string; text: string }[] {
  const objects = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
  const arrays = `${'['.repeat(depth)}${']'.repeat(depth)}`;
  const out = [
    { label: `objects ${depth} deep`, text: objects },
    { label: `arrays ${depth} deep`, text: arrays },
  ];
  const body = example.body;
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    for (const field of Object.keys(body)) {
      const marker = '"__deep__"';
      const text = JSON.stringify({ ...(body as Record<string, unknown>), [field]: '__deep__' }).replace(marker, field.length % 2 ? arrays : objects);
      out.push({ label: `${field} nested ${depth} deep`, text });
    }
  }
  return out;
}

/** An odd request: anything a client could send that is not simply one wrong field. */
export interface OddRequest {
  label: string;
  params?: Record<string, string>;
  /** Raw query text (after "?"), so names may repeat. */
  rawQuery?: string;
  body?: unknown;
  rawBody?: string | Uint8Array;
  /** null: send no Content-Type header at all. */
  contentType?: string | null;
}

function leaves(value: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(value)) return value.length ? [prefix, ...value.flatMap((v, i) => leaves(v, [...prefix, i]))] : [prefix];
  if (value && typeof value === 'object') return [...(prefix.length ? [prefix] : []), ...Object.entries(value).flatMap(([k, v]) => leaves(v, [...prefix, k]))];
  return [prefix];
}

/** A catalogue CSV of 5,000 lines, every cell of them wrong: placed in every string of every body. */
const importBomb = [
  'sku,title,titleEn,category,onlinePriceYuan,localStorePriceYuan,merchantCostYuan,weightGrams,needsInstallation,returnWindowDays',
  ...Array.from({ length: 5_000 }, (_, i) => `bad sku ${i},,,nowhere,x,y,z,-1,maybe,-3`),
].join('\n');

/** Every odd shape, for one route, built from its valid example. */
export function oddRequests(spec: RouteSpec, example: Example): OddRequest[] {
  const out: OddRequest[] = [];
  const query = example.query ?? {};
  const qs = (q: [string, string][]) => q.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  if (spec.query) {
    const names = [...new Set([...Object.keys(query), ...queryFields(spec)])];
    for (const name of names) {
      const rest = Object.entries(query).filter(([k]) => k !== name);
      const value = query[name] ?? '1';
      out.push({ label: `query ${name} twice`, rawQuery: qs([...rest, [name, value], [name, value === '1' ? '2' : value]]) });
      // Long, but within what API Gateway lets through (10 KB of request line and headers).
      out.push({ label: `query ${name} very long`, rawQuery: qs([...rest, [name, value.padEnd(700, value.slice(-1) || 'x')]]) });
      out.push({ label: `query ${name} with control characters`, rawQuery: qs([...rest, [name, `${value}\u0000\u202e\ud83d\ude00`]]) });
    }
    out.push({ label: 'query with an empty name', rawQuery: `${qs(Object.entries(query))}&=x` });
    out.push({ label: 'query broken escapes', rawQuery: `${qs(Object.entries(query))}&limit=%ZZ` });
  }
  for (const name of Object.keys(example.params ?? {})) {
    for (const value of ['x'.repeat(1500), '../..', '%2F', '\u0000', '王秀英', ' ', 'st_' + '0'.repeat(26) + '\n']) {
      out.push({ label: `path ${name} = ${JSON.stringify(value.slice(0, 20))}`, params: { ...example.params, [name]: value } });
    }
  }
  if (spec.body) {
    const body = example.body;
    for (const path of leaves(body)) {
      if (path.length === 0) continue;
      const at = path.join('.');
      const current = path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)?.[k], body);
      const values: [string, unknown][] = [
        ['a 100,000-character string', 'x'.repeat(100_000)],
        ['1e308', 1e308],
        ['-0', -0],
        ['2^53 + 1', 2 ** 53 + 1],
        ['NUL and a lone surrogate', 'a\u0000b\ud800'],
        ['a right-to-left override', 'SLIP\u202e1-7'],
        ['an escape sequence and a line break', '\u001b[31mred\nline'],
        ['an invisible direction mark', '王\u2066秀\u2069英\u200f'],
        ['U+FFFD (what bytes that were not UTF-8 become)', '王\ufffd秀英'],
        ['an import bomb: 5,000 bad CSV lines', importBomb],
        ['expression syntax', '#pk = :pk OR attribute_exists(sk)'],
        ['an empty object', {}],
      ];
      if (Array.isArray(current)) values.push(['5,000 copies of its first element', Array.from({ length: 5000 }, () => current[0] ?? 1)]);
      for (const [what, value] of values) out.push({ label: `body ${at} = ${what}`, body: setAt(body, path, { kind: 'set', value }) });
    }
    for (const value of [null, 'text', 1, true, [], {}]) out.push({ label: `body is ${JSON.stringify(value)}`, rawBody: JSON.stringify(value) });
    const text = JSON.stringify(body ?? {});
    const spliced = (extra: string) => (text === '{}' ? `{${extra}}` : text.replace(/^\{/, `{${extra},`));
    out.push({ label: 'body with __proto__', rawBody: spliced('"__proto__":{"isAdmin":true,"stationId":"st_00000000000000000000000000"}') });
    out.push({ label: 'body with constructor.prototype', rawBody: spliced('"constructor":{"prototype":{"isAdmin":true}}') });
    out.push({ label: 'body with a duplicated key', rawBody: spliced(`"${Object.keys((body as object) ?? {})[0] ?? 'x'}":"dup"`) });
    out.push({ label: 'number as 1e400', rawBody: spliced('"n":1e400') });
    out.push({ label: 'body with a byte-order mark', rawBody: `\ufeff${text}` });
    out.push({ label: 'body not UTF-8', rawBody: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), contentType: 'application/json' });
    out.push({ label: 'body with no content type', rawBody: new TextEncoder().encode(text), contentType: null });
    out.push({ label: 'content type with a charset', rawBody: text, contentType: 'application/json; charset=utf-8' });
    out.push({ label: 'content type +json', rawBody: text, contentType: 'application/vnd.example+json' });
    out.push({ label: 'content type latin-1', rawBody: text, contentType: 'application/json; charset=iso-8859-1' });
    out.push({ label: 'content type text/json', rawBody: text, contentType: 'text/json' });
    out.push({ label: 'body over a megabyte', rawBody: spliced(`"pad":"${'x'.repeat(1_100_000)}"`) });
    // Tens of thousands of keys: a refusal names the first few and counts the rest, never megabytes of them.
    out.push({ label: 'a wide body: 30,000 keys', rawBody: spliced(Array.from({ length: 30_000 }, (_, i) => `"k${i}":${i}`).join(',')) });
    // Bytes that are not UTF-8 inside each string the body holds (the event decodes them to U+FFFD).
    for (const path of leaves(body)) {
      const value = path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)?.[k], body);
      if (typeof value !== 'string' || path.length === 0) continue;
      const marker = '__not_utf8__';
      const [before, after] = JSON.stringify(setAt(body, path, { kind: 'set', value: `${value.slice(0, 2)}${marker}` })).split(marker) as [string, string];
      const bytes = new Uint8Array([...new TextEncoder().encode(before), 0xff, 0xc3, 0x28, 0xed, 0xa0, 0x80, ...new TextEncoder().encode(after)]);
      out.push({ label: `body ${path.join('.')} with bytes that are not UTF-8`, rawBody: bytes, contentType: 'application/json' });
    }
  } else if (spec.method !== 'GET') {
    out.push({ label: 'a body where none is expected', rawBody: '{"a":1}', contentType: 'application/json' });
  }
  return out;
}
