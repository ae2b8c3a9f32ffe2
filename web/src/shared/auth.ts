import { api, ApiError, setToken, setTokenProvider } from './api.ts';
import { pageConfig } from './config.ts';

export type Role = 'ops' | 'partner' | 'kiosk';

export interface Session {
  token: string;
  role: Role;
  stationId?: string;
  name: string;
  expiresAt: number;
  /** Cognito's refresh token: the ID token lives an hour and is renewed with it; signing out revokes it. */
  refreshToken?: string;
}

function claimsOf(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';
  const json = atob(
    payload
      .replace(/-/g, '+')
      .replace(/_/g, '/')
      .padEnd(Math.ceil(payload.length / 4) * 4, '='),
  );
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as Record<string, unknown>;
}

export function sessionFromToken(token: string, name: string): Session {
  const claims = claimsOf(token);
  // The system's own tokens say `role` and `stationId` (shared/tokens/claims.ts); a Cognito ID token said them as groups.
  const groups = ([] as unknown[]).concat(claims.role ?? claims['cognito:groups'] ?? []).map(String);
  const role = (['ops', 'partner', 'kiosk'] as const).find((r) => groups.includes(r)) ?? 'kiosk';
  const stationId = claims.stationId ?? claims['custom:stationId'];
  return { token, role, ...(typeof stationId === 'string' ? { stationId } : {}), name, expiresAt: Number(claims.exp ?? 0) * 1000 };
}

const storageKey = (app: string) => `session:${app}`;

let current: { app: string; session: Session } | undefined;
let refreshing: Promise<string> | undefined;

function use(app: string, session: Session | undefined) {
  current = session ? { app, session } : undefined;
  setToken(session?.token);
  setTokenProvider(session ? freshToken : undefined);
}

export function loadSession(app: string): Session | undefined {
  const raw = localStorage.getItem(storageKey(app));
  if (!raw) return undefined;
  const session = JSON.parse(raw) as Session;
  // An ID token about to expire is renewed on the next request when there is a refresh token; without one, sign in again.
  if (session.expiresAt < Date.now() + 60_000 && !session.refreshToken) return undefined;
  use(app, session);
  return session;
}

export function saveSession(app: string, session: Session) {
  localStorage.setItem(storageKey(app), JSON.stringify(session));
  use(app, session);
}

/** Forgets the session here, and revokes its refresh token at Cognito (so a copy of it is worthless). */
export function signOut(app: string) {
  const refreshToken = current?.session.refreshToken;
  localStorage.removeItem(storageKey(app));
  use(app, undefined);
  if (refreshToken) void revokeRefreshToken(refreshToken);
}

/** The token for the next request: renewed first (REFRESH_TOKEN_AUTH) when within 5 minutes of expiry. */
async function freshToken(): Promise<string | undefined> {
  if (!current) return undefined;
  const { app, session } = current;
  if (!session.refreshToken || session.expiresAt > Date.now() + 5 * 60_000) return session.token;
  refreshing ??= refresh(app, session).finally(() => (refreshing = undefined));
  return refreshing;
}

async function refresh(app: string, session: Session): Promise<string> {
  const config = await pageConfig();
  const [url, init] = cognitoRequest(config.region!, 'InitiateAuth', {
    AuthFlow: 'REFRESH_TOKEN_AUTH',
    ClientId: config.userPoolClientId!,
    AuthParameters: { REFRESH_TOKEN: session.refreshToken },
  });
  const res = await fetch(url, init);
  const json = (await res.json()) as { AuthenticationResult?: { IdToken: string }; message?: string };
  if (!res.ok || !json.AuthenticationResult) {
    // Revoked (signed out elsewhere, or moved to another station by ops) or expired: sign in again.
    localStorage.removeItem(storageKey(app));
    use(app, undefined);
    throw new ApiError({ status: 401, code: 'unauthenticated', title: 'Unauthorized', detail: json.message ?? 'Sign in again.' });
  }
  const renewed: Session = { ...sessionFromToken(json.AuthenticationResult.IdToken, session.name), refreshToken: session.refreshToken! };
  saveSession(app, renewed);
  return renewed.token;
}

async function revokeRefreshToken(token: string): Promise<void> {
  const config = await pageConfig();
  if (config.auth !== 'cognito') return;
  const [url, init] = cognitoRequest(config.region!, 'RevokeToken', { Token: token, ClientId: config.userPoolClientId! });
  await fetch(url, { ...init, keepalive: true }).catch(() => undefined);
}

export interface DemoLogin {
  role: Role;
  stationId?: string;
  who: string;
}

/** Locally: the demo people the local server offers, and their tokens. */
export const demoLogins = () => api<DemoLogin[]>('GET', '/local/demo-logins');

export async function signInLocal(login: DemoLogin): Promise<Session> {
  const { token } = await api<{ token: string }>('POST', '/local/token', {
    body: { role: login.role, ...(login.stationId ? { stationId: login.stationId } : {}) },
  });
  return sessionFromToken(token, login.who);
}

/** In AWS: Cognito's InitiateAuth (USER_PASSWORD_AUTH) over HTTPS, answering a first-sign-in new-password challenge. */
export function cognitoRequest(region: string, target: 'InitiateAuth' | 'RespondToAuthChallenge' | 'RevokeToken', body: unknown): [string, RequestInit] {
  return [
    `https://cognito-idp.${region}.amazonaws.com/`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${target}` },
      body: JSON.stringify(body),
    },
  ];
}

/** Cognito said no (wrong name or password, or the account is disabled); its English message is kept for the logs. */
export class SignInRefused extends Error {}

/** What Cognito asks for next: a new password at the first sign-in, or the code of the user's authenticator app. */
export type CognitoChallenge = 'NEW_PASSWORD_REQUIRED' | 'SOFTWARE_TOKEN_MFA';

export type CognitoStep = { session: Session } | { challenge: CognitoChallenge; challengeFor: string; challengeSession: string };

/**
 * Signs in with the user name and password (USER_PASSWORD_AUTH), or answers the
 * challenge Cognito set: `secret` is then the new password, or the six-digit
 * code of the authenticator app (operators enrol one: README "Security").
 */
export async function signInCognito(
  username: string,
  secret: string,
  pending?: { challenge: CognitoChallenge; challengeSession: string },
): Promise<CognitoStep> {
  const config = await pageConfig();
  const region = config.region!;
  const clientId = config.userPoolClientId!;
  const responses = (challenge: CognitoChallenge) =>
    challenge === 'NEW_PASSWORD_REQUIRED' ? { USERNAME: username, NEW_PASSWORD: secret } : { USERNAME: username, SOFTWARE_TOKEN_MFA_CODE: secret };
  const [url, init] = pending
    ? cognitoRequest(region, 'RespondToAuthChallenge', {
        ChallengeName: pending.challenge,
        ClientId: clientId,
        Session: pending.challengeSession,
        ChallengeResponses: responses(pending.challenge),
      })
    : cognitoRequest(region, 'InitiateAuth', {
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: clientId,
        AuthParameters: { USERNAME: username, PASSWORD: secret },
      });
  const res = await fetch(url, init);
  const json = (await res.json()) as {
    AuthenticationResult?: { IdToken: string; RefreshToken?: string };
    ChallengeName?: string;
    Session?: string;
    message?: string;
  };
  // Cognito's own words are English: the partner is told in theirs.
  if (!res.ok) throw new SignInRefused(json.message ?? '');
  if (json.ChallengeName === 'NEW_PASSWORD_REQUIRED' || json.ChallengeName === 'SOFTWARE_TOKEN_MFA') {
    return { challenge: json.ChallengeName, challengeFor: username, challengeSession: json.Session! };
  }
  if (!json.AuthenticationResult) throw new SignInRefused(json.ChallengeName ?? '');
  const { IdToken, RefreshToken } = json.AuthenticationResult;
  return { session: { ...sessionFromToken(IdToken, username), ...(RefreshToken ? { refreshToken: RefreshToken } : {}) } };
}
