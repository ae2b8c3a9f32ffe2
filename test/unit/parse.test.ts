import * as z from 'zod/mini';
import { expect, test } from 'vitest';
import { canonicalJson, fieldErrors, maxBodyDepth, nestedBeyond, readJsonBody } from '#http/parse.ts';
import { decodeCursor, encodeCursor, type CursorShape } from '#store/cursor.ts';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

test('field errors name each wrong field, and each unknown key on its own', () => {
  const schema = z.strictObject({ lines: z.array(z.strictObject({ qty: z.int() })) });
  const result = schema.safeParse({ lines: [{ qty: 1.5, priceFen: 1 }], extra: true });
  expect(result.success).toBe(false);
  expect(
    fieldErrors('body', result.error!.issues)
      .map((e) => e.path)
      .sort(),
  ).toEqual(['body.extra', 'body.lines.0.priceFen', 'body.lines.0.qty']);
});

test('canonical JSON ignores key order, so the same request always fingerprints the same', () => {
  expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe(canonicalJson({ a: [{ c: 3, d: 2 }], b: 1 }));
  expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: 2 }));
});

test('bodies: JSON only; base64 decoded; none is undefined', () => {
  const event = (body: string | undefined, contentType = 'application/json', isBase64Encoded = false) =>
    ({ body, headers: { 'content-type': contentType }, isBase64Encoded }) as unknown as APIGatewayProxyEventV2;
  expect(readJsonBody(event('{"a":1}'))).toEqual({ a: 1 });
  expect(readJsonBody(event(Buffer.from('{"a":2}').toString('base64'), 'application/json; charset=utf-8', true))).toEqual({ a: 2 });
  expect(readJsonBody(event(undefined))).toBeUndefined();
  expect(() => readJsonBody(event('a=1', 'application/x-www-form-urlencoded'))).toThrow(expect.objectContaining({ status: 415 }));
  expect(() => readJsonBody(event('{'))).toThrow(expect.objectContaining({ status: 400 }));
});

test('a cursor only opens the list it came from', () => {
  const cursor = encodeCursor({ collectionPk: 'STATIONS', collectionSk: 'a#b', pk: 'STATION#1', sk: 'STATION' });
  expect(decodeCursor(cursor, stations('STATIONS'))).toMatchObject({ collectionSk: 'a#b' });
  expect(() => decodeCursor(cursor, stations('PRODUCTS'))).toThrow(expect.objectContaining({ status: 400 }));
  expect(() => decodeCursor('%%%', stations('STATIONS'))).toThrow(expect.objectContaining({ status: 400 }));
});

const stations = (partition: string, sortWithin?: (v: string | number) => boolean): CursorShape => ({
  attributes: { pk: 'S', sk: 'S', collectionPk: 'S', collectionSk: 'S' },
  partition: ['collectionPk', partition],
  sortKey: 'collectionSk',
  ...(sortWithin ? { sortWithin } : {}),
});

test('a cursor must have exactly the list key attributes, each of its type, and a place inside the range asked for', () => {
  const key = { collectionPk: 'STATIONS', collectionSk: 'a#b', pk: 'STATION#1', sk: 'STATION' };
  const refused = expect.objectContaining({ status: 400, errors: [expect.objectContaining({ path: 'query.next' })] });
  expect(
    decodeCursor(
      encodeCursor(key),
      stations('STATIONS', (v) => String(v).startsWith('a#')),
    ),
  ).toEqual(key);
  for (const bad of [
    { ...key, extra: 'x' },
    { collectionPk: 'STATIONS', collectionSk: 'a#b', pk: 'STATION#1' },
    { ...key, collectionSk: 7 },
    { ...key, sk: '' },
    { ...key, pk: null },
    { ...key, collectionSk: { S: 'a#b' } },
    [key],
  ]) {
    expect(() =>
      decodeCursor(encodeCursor(bad as Record<string, unknown>) ?? Buffer.from(JSON.stringify(bad)).toString('base64url'), stations('STATIONS')),
    ).toThrow(refused);
  }
  expect(() =>
    decodeCursor(
      encodeCursor(key),
      stations('STATIONS', (v) => String(v).startsWith('b#')),
    ),
  ).toThrow(refused);
});

test('a body nested deeper than any request needs is found without recursion, and named by its top-level field', () => {
  const deep = (n: number): unknown => {
    let v: unknown = 1;
    for (let i = 0; i < n; i++) v = [v];
    return v;
  };
  expect(nestedBeyond({ a: deep(maxBodyDepth - 1) }, maxBodyDepth)).toBeUndefined();
  expect(nestedBeyond({ ok: 1, lines: deep(maxBodyDepth) }, maxBodyDepth)).toBe('body.lines');
  expect(nestedBeyond(deep(1_000_000), maxBodyDepth)).toBe('body.0');
  expect(() => readJsonBody({ body: `${'['.repeat(100_000)}${']'.repeat(100_000)}`, headers: { 'content-type': 'application/json' } } as never)).toThrow(
    expect.objectContaining({ status: 400 }),
  );
});
