import { beforeEach, expect, test, vi } from 'vitest';

/** The pages' session against a stand-in API: the access token is renewed with the rotating refresh token, and signing out ends the sign-in. */
const accessToken = (exp: number, sub = 'p-1', role = 'partner') =>
  `h.${Buffer.from(JSON.stringify({ sub, role, ...(role === 'ops' ? {} : { stationId: 'st_1' }), exp })).toString('base64url')}.sig`;

interface Sent {
  url: string;
  body?: Record<string, unknown>;
  authorization?: string;
}
let sent: Sent[] = [];
let tokensAnswer: (body: Record<string, unknown>) => Response;

beforeEach(() => {
  vi.resetModules();
  sent = [];
  const store = new Map<string, string>();
  vi.stubGlobal('localStorage', {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => store.set(k, v),
    removeItem: (k: string) => store.delete(k),
  });
  tokensAnswer = () =>
    Response.json({ accessToken: accessToken(Math.floor(Date.now() / 1000) + 600, 'renewed'), refreshToken: 'refresh-2', expiresIn: 600, tokenType: 'Bearer' });
  vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
    const headers = (init.headers ?? {}) as Record<string, string>;
    const body = init.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : undefined;
    sent.push({ url, ...(body ? { body } : {}), ...(headers.authorization ? { authorization: headers.authorization } : {}) });
    if (url === '/config.json') return Response.json({ auth: 'phone', apiUrl: 'https://api.example' });
    if (url === 'https://api.example/v1/auth/tokens') return tokensAnswer(body!);
    if (url === 'https://api.example/v1/auth/sign-out') return new Response(null, { status: 204 });
    if (url === 'https://api.example/v1/auth/codes') return Response.json({ expiresIn: 300 }, { status: 202 });
    return Response.json({ ok: true });
  });
});

async function signedIn(expiresInSeconds: number) {
  const auth = await import('#web/shared/auth.ts');
  const api = await import('#web/shared/api.ts');
  auth.saveSession('partner', { ...auth.sessionFromToken(accessToken(Math.floor(Date.now() / 1000) + expiresInSeconds), '王'), refreshToken: 'refresh-1' });
  return { auth, api };
}

test('a token within minutes of expiry is renewed with the refresh token before the request, once for concurrent requests; the next refresh token is kept', async () => {
  const { api, auth } = await signedIn(60);
  await Promise.all([api.api('GET', '/v1/a'), api.api('GET', '/v1/b')]);
  const refreshes = sent.filter((s) => s.url.endsWith('/v1/auth/tokens'));
  expect(refreshes).toHaveLength(1);
  expect(refreshes[0]!.body).toEqual({ refreshToken: 'refresh-1' });
  const calls = sent.filter((s) => s.url.startsWith('https://api.example/v1/') && !s.url.includes('/auth/'));
  expect(calls).toHaveLength(2);
  for (const call of calls) expect(JSON.parse(Buffer.from(call.authorization!.split('.')[1]!, 'base64url').toString()).sub).toBe('renewed');
  expect(auth.loadSession('partner')?.refreshToken).toBe('refresh-2');
});

test('a fresh token is used as it is; a session with an expired access token but a refresh token is kept on reload', async () => {
  const { api, auth } = await signedIn(500);
  await api.api('GET', '/v1/a');
  expect(sent.filter((s) => s.url.endsWith('/v1/auth/tokens'))).toHaveLength(0);
  auth.saveSession('partner', { ...auth.sessionFromToken(accessToken(Math.floor(Date.now() / 1000) - 10), '王'), refreshToken: 'refresh-1' });
  expect(auth.loadSession('partner')).toBeDefined();
  auth.saveSession('partner', auth.sessionFromToken(accessToken(Math.floor(Date.now() / 1000) - 10), '王'));
  expect(auth.loadSession('partner')).toBeUndefined();
});

test('signing out ends the sign-in at the API and forgets the session', async () => {
  const { auth } = await signedIn(500);
  auth.signOut('partner');
  await vi.waitFor(() => expect(sent.filter((s) => s.url.endsWith('/v1/auth/sign-out'))).toHaveLength(1));
  expect(sent.find((s) => s.url.endsWith('/v1/auth/sign-out'))!.body).toEqual({ refreshToken: 'refresh-1' });
  expect(auth.loadSession('partner')).toBeUndefined();
});

test('a refresh token that no longer works (moved to another station, signed out elsewhere) ends the session: 401, sign in again', async () => {
  tokensAnswer = () => Response.json({ status: 401, code: 'sign-in-refused', detail: 'This sign-in has ended' }, { status: 401 });
  const { api, auth } = await signedIn(30);
  await expect(api.api('GET', '/v1/a')).rejects.toMatchObject({ problem: { status: 401 } });
  expect(auth.loadSession('partner')).toBeUndefined();
});

test('signing in by phone and code; an operator with an authenticator app is asked for its code too', async () => {
  const auth = await import('#web/shared/auth.ts');
  await auth.requestCode('13800138000');
  expect(sent.find((s) => s.url.endsWith('/v1/auth/codes'))!.body).toEqual({ phone: '13800138000' });
  tokensAnswer = (body) =>
    body.totp
      ? Response.json({
          accessToken: accessToken(Math.floor(Date.now() / 1000) + 600, 'o-1', 'ops'),
          refreshToken: 'refresh-ops',
          expiresIn: 600,
          tokenType: 'Bearer',
        })
      : Response.json({ status: 401, code: 'totp-required', detail: 'Operators also need the 6-digit code' }, { status: 401 });
  await expect(auth.signInPhone('13800138000', '123456')).rejects.toMatchObject({ needsTotp: true });
  const session = await auth.signInPhone('13800138000', '123456', '654321');
  expect(sent.at(-1)!.body).toEqual({ phone: '13800138000', code: '123456', totp: '654321' });
  expect(session).toMatchObject({ role: 'ops', refreshToken: 'refresh-ops' });
});
