import { APIGatewayProxyEventV2Schema } from '@aws-lambda-powertools/parser/schemas/api-gatewayv2';
import { expect, test } from 'vitest';
import { routeTable } from '#functions/registry.ts';
import { toHttpApiEvent } from '#scripts/local/event.ts';
import { verifyToken } from '#scripts/local/tokens.ts';
import { principalFromClaims } from '#http/principal.ts';
import { useApi } from '../support/api.ts';

const api = useApi();

const spec = (operationId: string) => routeTable.find((r) => r.operationId === operationId)!;

test('the events it builds are valid HTTP API v2 events (Powertools schema), with the claims where the JWT authorizer puts them', async () => {
  const token = await api.token('partner', 'st_7D3M0000000000000000000001', 'p-1');
  const claims = await verifyToken(token);
  const cases = [
    toHttpApiEvent(
      {
        method: 'POST',
        url: new URL('http://localhost:3000/v1/stations/st_7D3M0000000000000000000001/villagers?x=1&x=2'),
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, cookie: 'a=1; b=2', 'user-agent': 'test' },
        body: Buffer.from('{"name":"王秀英"}'),
        sourceIp: '127.0.0.1',
      },
      spec('registerVillager'),
      { stationId: 'st_7D3M0000000000000000000001' },
      claims,
    ),
    toHttpApiEvent(
      { method: 'GET', url: new URL('http://localhost:3000/v1/health'), headers: {}, body: Buffer.alloc(0), sourceIp: '::1' },
      spec('health'),
      {},
      undefined,
    ),
    toHttpApiEvent(
      {
        method: 'PUT',
        url: new URL('http://localhost/v1/products/X-1'),
        headers: { 'content-type': 'image/png' },
        body: Buffer.from([0, 1, 2]),
        sourceIp: '::1',
      },
      spec('putProduct'),
      { sku: 'X-1' },
      claims,
    ),
  ];
  for (const event of cases) {
    const parsed = APIGatewayProxyEventV2Schema.safeParse(event);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  }
  const [post, get, binary] = cases;
  expect(post!.routeKey).toBe('POST /v1/stations/{stationId}/villagers');
  expect(post!.queryStringParameters).toEqual({ x: '1,2' });
  expect(post!.cookies).toEqual(['a=1', 'b=2']);
  expect(post!.body).toBe('{"name":"王秀英"}');
  expect(post!.isBase64Encoded).toBe(false);
  expect(get!.body).toBeUndefined();
  expect(binary!.isBase64Encoded).toBe(true);
  expect(Buffer.from(binary!.body!, 'base64')).toEqual(Buffer.from([0, 1, 2]));
  // As API Gateway hands them over: strings.
  const jwt = (post!.requestContext as unknown as { authorizer: { jwt: { claims: Record<string, string> } } }).authorizer.jwt.claims;
  expect(jwt.role).toBe('partner');
  expect(jwt.aud).toBe('village-station');
  expect(principalFromClaims(jwt)).toEqual({ sub: 'p-1', role: 'partner', stationId: 'st_7D3M0000000000000000000001' });
});

test('health and the OpenAPI document need no token; the document lists every route of the table', async () => {
  expect((await api.call('GET', '/v1/health')).body).toEqual({ status: 'ok' });
  const doc = (await api.call('GET', '/v1/openapi.json')).body;
  expect(doc.openapi).toBe('3.1.0');
  const operations = Object.values(doc.paths as Record<string, Record<string, { operationId: string }>>).flatMap((p) =>
    Object.values(p).map((o) => o.operationId),
  );
  expect(operations.sort()).toEqual(routeTable.map((r) => r.operationId).sort());
  const place = doc.paths['/v1/stations/{stationId}/villagers'].post;
  expect(place.parameters.map((p: { name: string; in: string; required: boolean }) => [p.name, p.in, p.required])).toEqual([
    ['stationId', 'path', true],
    ['Idempotency-Key', 'header', true],
  ]);
  expect(place.requestBody.content['application/json'].schema.required).toEqual(expect.arrayContaining(['name', 'villageId', 'consent']));
  expect(place.requestBody.content['application/json'].schema.additionalProperties).toBe(false);
});

test('an unknown route or method is a 404 problem, as the HTTP API answers', async () => {
  for (const [method, path] of [
    ['GET', '/v1/nothing'],
    ['DELETE', '/v1/health'],
    ['POST', '/v1/products'],
  ] as const) {
    const answer = await api.call(method, path, { token: await api.token('ops') });
    expect(answer.status).toBe(404);
    expect(answer.headers.get('content-type')).toBe('application/problem+json');
  }
});

test('a bad or expired token is 401 problem+json', async () => {
  const answer = await api.call('GET', '/v1/products', { token: 'not-a-jwt' });
  expect(answer.status).toBe(401);
  expect(answer.body).toMatchObject({ status: 401, title: 'Unauthorized', code: 'unauthenticated' });
});

test('CORS as the HTTP API has it: preflight answered, origin allowed, Idempotency-Key allowed', async () => {
  const res = await fetch(`${api.url}/v1/products`, {
    method: 'OPTIONS',
    headers: { origin: 'http://example.test', 'access-control-request-method': 'POST', 'access-control-request-headers': 'idempotency-key' },
  });
  expect(res.status).toBe(204);
  expect(res.headers.get('access-control-allow-origin')).toBe('*');
  expect(res.headers.get('access-control-allow-headers')).toContain('idempotency-key');
});

test('/local/token refuses a partner token without a station, naming the field', async () => {
  const answer = await api.call('POST', '/local/token', { body: { role: 'partner' } });
  expect(answer.status).toBe(400);
  expect(answer.body.errors).toMatchObject([{ path: 'body.stationId', message: expect.any(String) }]);
});
