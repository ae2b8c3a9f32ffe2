import { mkdtempSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calculateJwkThumbprint, importJWK, SignJWT } from 'jose';
import { expect, test } from 'vitest';
import { localKeyFor, useLocalKey } from '#shared/tokens/local-signer.ts';
import { issuer } from '#shared/tokens/signer.ts';
import { useApi } from '../support/api.ts';

/** POST /local/token, tokens for tests and curl: same-origin only, JSON only, and its tokens expire. */
const api = useApi();
const evil = 'https://evil.example';
const station = 'st_7D3M0000000000000000000001';

test('no CORS: another origin gets no access-control header, and no preflight lets it send JSON', async () => {
  const answer = await api.call('POST', '/local/token', { body: { role: 'ops' }, headers: { origin: evil } });
  expect(answer.status).toBe(200);
  expect([...answer.headers.keys()].filter((h) => h.startsWith('access-control-'))).toEqual([]);
  const preflight = await fetch(`${api.url}/local/token`, {
    method: 'OPTIONS',
    headers: { origin: evil, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
  });
  expect([...preflight.headers.keys()].filter((h) => h.startsWith('access-control-'))).toEqual([]);
  // The API itself keeps its CORS.
  const apiPreflight = await fetch(`${api.url}/v1/health`, { method: 'OPTIONS', headers: { origin: evil, 'access-control-request-method': 'GET' } });
  expect(apiPreflight.headers.get('access-control-allow-origin')).toBe('*');
});

test('only application/json: a form or text body (what a page of another site can send without a preflight) is 415', async () => {
  for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', null]) {
    const answer = await api.call('POST', '/local/token', { rawBody: JSON.stringify({ role: 'ops' }), contentType });
    expect(answer.status, String(contentType)).toBe(415);
    expect(answer.headers.get('content-type')).toBe('application/problem+json');
  }
  expect((await api.call('POST', '/local/token', { body: { role: 'partner', stationId: station } })).status).toBe(200);
});

test("a token without exp is refused, as is one signed with another data folder's key", async () => {
  const own = localKeyFor(mkdtempSync(join(tmpdir(), 'data-own-')));
  const other = localKeyFor(mkdtempSync(join(tmpdir(), 'data-other-')));
  useLocalKey(own);
  const claims = { role: 'partner', stationId: station, token_use: 'access' };
  const sign = async (key: typeof own, exp: boolean) => {
    const jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: await calculateJwkThumbprint({ kty: 'EC', crv: 'P-256', x: key.x!, y: key.y! }) })
      .setSubject('p-1')
      .setIssuer(issuer())
      .setAudience('village-station')
      .setIssuedAt();
    return (exp ? jwt.setExpirationTime('1h') : jwt).sign(await importJWK(key, 'ES256'));
  };
  const call = async (token: string) => (await api.call('GET', `/v1/stations/${station}/cash`, { token })).status;
  expect(await call(await sign(own, true))).not.toBe(401);
  expect(await call(await sign(own, false))).toBe(401);
  expect(await call(await sign(other, true))).toBe(401);
  // The tokens it issues carry exp.
  const { token } = (await api.call('POST', '/local/token', { body: { role: 'ops' } })).body as { token: string };
  expect(JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).exp).toBeGreaterThan(Date.now() / 1000);
});

test('the signing key is random per data folder, kept in it (owner-only) so tokens survive a restart', () => {
  const a = mkdtempSync(join(tmpdir(), 'data-a-'));
  const b = mkdtempSync(join(tmpdir(), 'data-b-'));
  const first = localKeyFor(a);
  expect(first.d).toBeTypeOf('string');
  expect(localKeyFor(a)).toEqual(first);
  expect(localKeyFor(b)).not.toEqual(first);
  const file = statSync(join(a, 'local-signing-key.json'));
  expect(file.mode & 0o077).toBe(0);
});

/** A POST through node:http, which (unlike fetch) lets the test set the Host header a browser would send. */
function postWithHost(host: string, body: unknown): Promise<{ status: number; body: any }> {
  const { port } = new URL(api.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/local/token', headers: { host, 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

test('DNS rebinding: a Host other than the address the server listens on (or a localhost name) gets no token', async () => {
  const { port } = new URL(api.url);
  for (const host of [`evil.example:${port}`, 'evil.example', `127.0.0.1.nip.io:${port}`, `localhost.evil.example:${port}`, `127.0.0.1:${Number(port) + 1}`]) {
    const answer = await postWithHost(host, { role: 'ops' });
    expect(answer.status, host).toBe(403);
    expect(answer.body).toMatchObject({ code: 'local-host-refused' });
    expect(answer.body.token).toBeUndefined();
  }
  for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`]) {
    expect((await postWithHost(host, { role: 'ops' })).status, host).toBe(200);
  }
});
