import { beforeEach, expect, test, vi } from 'vitest';

/** The pages' session against a stand-in Cognito: the hour-long ID token is renewed with the refresh token, and signing out revokes it. */
const idToken = (exp: number, sub = 'p-1') =>
  `h.${Buffer.from(JSON.stringify({ sub, 'cognito:groups': ['partner'], 'custom:stationId': 'st_1', exp })).toString('base64url')}.sig`;

interface Sent {
  url: string;
  target?: string;
  body?: Record<string, unknown>;
  authorization?: string;
}
let sent: Sent[] = [];
let refreshAnswer: () => Response;

beforeEach(() => {
  vi.resetModules();
  sent = [];
  const store = new Map<string, string>();
  vi.stubGlobal('localStorage', {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => store.set(k, v),
    removeItem: (k: string) => store.delete(k),
  });
  refreshAnswer = () => Response.json({ AuthenticationResult: { IdToken: idToken(Math.floor(Date.now() / 1000) + 3600, 'renewed') } });
  vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
    const headers = (init.headers ?? {}) as Record<string, string>;
    const target = headers['x-amz-target']?.split('.')[1];
    sent.push({
      url,
      ...(target ? { target } : {}),
      ...(init.body ? { body: JSON.parse(String(init.body)) } : {}),
      ...(headers.authorization ? { authorization: headers.authorization } : {}),
    });
    if (url === '/config.json') return Response.json({ auth: 'cognito', apiUrl: 'https://api.example', region: 'ap-east-1', userPoolClientId: 'client-1' });
    if (target === 'InitiateAuth') return refreshAnswer();
    if (target === 'RevokeToken') return Response.json({});
    return Response.json({ ok: true });
  });
});

async function signedIn(expiresInSeconds: number) {
  const auth = await import('#web/shared/auth.ts');
  const api = await import('#web/shared/api.ts');
  auth.saveSession('partner', { ...auth.sessionFromToken(idToken(Math.floor(Date.now() / 1000) + expiresInSeconds), '王'), refreshToken: 'refresh-1' });
  return { auth, api };
}

test('a token within minutes of expiry is renewed with the refresh token before the request, once for concurrent requests', async () => {
  const { api } = await signedIn(120);
  await Promise.all([api.api('GET', '/v1/a'), api.api('GET', '/v1/b')]);
  const refreshes = sent.filter((s) => s.target === 'InitiateAuth');
  expect(refreshes).toHaveLength(1);
  expect(refreshes[0]!.body).toEqual({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: 'client-1', AuthParameters: { REFRESH_TOKEN: 'refresh-1' } });
  const calls = sent.filter((s) => s.url.startsWith('https://api.example'));
  expect(calls).toHaveLength(2);
  for (const call of calls) expect(JSON.parse(Buffer.from(call.authorization!.split('.')[1]!, 'base64url').toString()).sub).toBe('renewed');
});

test('a fresh token is used as it is; a session with an expired ID token but a refresh token is kept on reload', async () => {
  const { api, auth } = await signedIn(3000);
  await api.api('GET', '/v1/a');
  expect(sent.filter((s) => s.target === 'InitiateAuth')).toHaveLength(0);
  auth.saveSession('partner', { ...auth.sessionFromToken(idToken(Math.floor(Date.now() / 1000) - 10), '王'), refreshToken: 'refresh-1' });
  expect(auth.loadSession('partner')).toBeDefined();
  auth.saveSession('partner', auth.sessionFromToken(idToken(Math.floor(Date.now() / 1000) - 10), '王'));
  expect(auth.loadSession('partner')).toBeUndefined();
});

test('signing out revokes the refresh token at Cognito and forgets the session', async () => {
  const { auth } = await signedIn(3000);
  auth.signOut('partner');
  await vi.waitFor(() => expect(sent.filter((s) => s.target === 'RevokeToken')).toHaveLength(1));
  expect(sent.find((s) => s.target === 'RevokeToken')!.body).toEqual({ Token: 'refresh-1', ClientId: 'client-1' });
  expect(auth.loadSession('partner')).toBeUndefined();
});

test('a revoked refresh token (moved to another station, signed out elsewhere) ends the session: 401, sign in again', async () => {
  refreshAnswer = () => Response.json({ __type: 'NotAuthorizedException', message: 'Refresh Token has been revoked' }, { status: 400 });
  const { api, auth } = await signedIn(60);
  await expect(api.api('GET', '/v1/a')).rejects.toMatchObject({ problem: { status: 401 } });
  expect(auth.loadSession('partner')).toBeUndefined();
});

test('an operator with an authenticator app signs in: password, then the six-digit code Cognito asks for (SOFTWARE_TOKEN_MFA)', async () => {
  const ops = `h.${Buffer.from(JSON.stringify({ sub: 'o-1', 'cognito:groups': ['ops'], exp: Math.floor(Date.now() / 1000) + 3600 })).toString('base64url')}.sig`;
  refreshAnswer = () => Response.json({ ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: 'mfa-session-1' });
  const auth = await import('#web/shared/auth.ts');
  const first = await auth.signInCognito('ops-li', 'Secret-Pass-1');
  expect(first).toEqual({ challenge: 'SOFTWARE_TOKEN_MFA', challengeFor: 'ops-li', challengeSession: 'mfa-session-1' });
  expect(sent.find((s) => s.target === 'InitiateAuth')!.body).toMatchObject({ AuthFlow: 'USER_PASSWORD_AUTH' });
  vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
    if (url === '/config.json') return Response.json({ auth: 'cognito', apiUrl: 'https://api.example', region: 'ap-east-1', userPoolClientId: 'client-1' });
    sent.push({ url, target: ((init.headers ?? {}) as Record<string, string>)['x-amz-target']!.split('.')[1]!, body: JSON.parse(String(init.body)) });
    return Response.json({ AuthenticationResult: { IdToken: ops, RefreshToken: 'refresh-ops' } });
  });
  const second = await auth.signInCognito('ops-li', '123456', first as Exclude<typeof first, { session: unknown }>);
  expect(sent.at(-1)).toMatchObject({
    target: 'RespondToAuthChallenge',
    body: {
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      ClientId: 'client-1',
      Session: 'mfa-session-1',
      ChallengeResponses: { USERNAME: 'ops-li', SOFTWARE_TOKEN_MFA_CODE: '123456' },
    },
  });
  expect(second).toMatchObject({ session: { role: 'ops', refreshToken: 'refresh-ops' } });
});
