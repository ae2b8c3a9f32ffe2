import { api, ApiError, setToken, setTokenProvider } from './api.ts';
import { pageConfig } from './config.ts';
import { lang } from './i18n.ts';

export type Role = 'ops' | 'partner' | 'kiosk';

export interface Session {
  token: string;
  role: Role;
  stationId?: string;
  name: string;
  expiresAt: number;
  /** The refresh token: the access token lives minutes and is renewed with it (each works once); signing out ends it. */
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
  // The claims the API's tokens carry (shared/tokens/claims.ts).
  const role = (['ops', 'partner', 'kiosk'] as const).find((r) => r === claims.role) ?? 'kiosk';
  const stationId = claims.stationId;
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

/** Forgets the session here, and ends its sign-in at the API (so a copy of its refresh token is worthless). */
export function signOut(app: string) {
  const refreshToken = current?.session.refreshToken;
  const bearer = current?.session.token;
  localStorage.removeItem(storageKey(app));
  use(app, undefined);
  if (refreshToken && bearer) void revokeRefreshToken(refreshToken, bearer);
}

/** The token for the next request: renewed first with the refresh token when within 2 minutes of expiry. */
async function freshToken(): Promise<string | undefined> {
  if (!current) return undefined;
  const { app, session } = current;
  if (!session.refreshToken || session.expiresAt > Date.now() + 2 * 60_000) return session.token;
  refreshing ??= refresh(app, session).finally(() => (refreshing = undefined));
  return refreshing;
}

/** POST /v1/auth/tokens, straight (not through `api`, whose token provider is what is being renewed). */
async function tokens(body: unknown): Promise<{ ok: boolean; status: number; json: Record<string, unknown> }> {
  const { apiUrl } = await pageConfig();
  const res = await fetch(`${apiUrl}/v1/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': lang() === 'zh' ? 'zh-CN' : 'en' },
    body: JSON.stringify(body),
  });
  const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  return { ok: res.ok, status: res.status, json };
}

async function refresh(app: string, session: Session): Promise<string> {
  const answer = await tokens({ refreshToken: session.refreshToken });
  if (!answer.ok || typeof answer.json.accessToken !== 'string') {
    // Ended (signed out elsewhere, moved to another station or disabled by ops, or a copy used): sign in again.
    localStorage.removeItem(storageKey(app));
    use(app, undefined);
    throw new ApiError({ status: 401, code: 'unauthenticated', title: 'Unauthorized', detail: String(answer.json.detail ?? 'Sign in again.') });
  }
  const renewed: Session = { ...sessionFromToken(answer.json.accessToken, session.name), refreshToken: String(answer.json.refreshToken) };
  saveSession(app, renewed);
  return renewed.token;
}

async function revokeRefreshToken(token: string, bearer: string): Promise<void> {
  const { apiUrl } = await pageConfig();
  await fetch(`${apiUrl}/v1/auth/sign-out`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    body: JSON.stringify({ refreshToken: token }),
    keepalive: true,
  }).catch(() => undefined);
}

export interface DemoLogin {
  role: Role;
  sub?: string;
  stationId?: string;
  who: string;
}

/** Locally: the demo people the local server offers, and their tokens. */
export const demoLogins = () => api<DemoLogin[]>('GET', '/local/demo-logins');

export async function signInLocal(login: DemoLogin): Promise<Session> {
  const { token } = await api<{ token: string }>('POST', '/local/token', {
    body: { role: login.role, ...(login.sub ? { sub: login.sub } : {}), ...(login.stationId ? { stationId: login.stationId } : {}) },
  });
  return sessionFromToken(token, login.who);
}

/** The sign-in was refused: a wrong or used code, too many tries, or (`needsTotp`) an operator's authenticator code is asked for. */
export class SignInRefused extends Error {
  constructor(
    message: string,
    readonly needsTotp = false,
  ) {
    super(message);
  }
}

/** Asks for a sign-in code by SMS (the same answer whether or not the phone is a user's). */
export async function requestCode(phone: string): Promise<void> {
  await api('POST', '/v1/auth/codes', { body: { phone } });
}

/** Signs in with the phone and the code it received (and an operator's authenticator code, once asked for). */
export async function signInPhone(phone: string, code: string, totp?: string): Promise<Session> {
  const answer = await tokens({ phone, code, ...(totp ? { totp } : {}) });
  if (!answer.ok || typeof answer.json.accessToken !== 'string') {
    throw new SignInRefused(String(answer.json.detail ?? ''), answer.json.code === 'totp-required');
  }
  return { ...sessionFromToken(answer.json.accessToken, `尾号${phone.slice(-4)}`), refreshToken: String(answer.json.refreshToken) };
}

/** The kiosk paired with the one-time code the partner form showed: a kiosk session of that station. */
export async function pairKiosk(code: string): Promise<Session> {
  const { apiUrl } = await pageConfig();
  const res = await fetch(`${apiUrl}/v1/auth/kiosk`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': lang() === 'zh' ? 'zh-CN' : 'en' },
    body: JSON.stringify({ code }),
  });
  const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok || typeof json.accessToken !== 'string') throw new SignInRefused(String(json.detail ?? ''));
  return { ...sessionFromToken(json.accessToken, 'kiosk'), refreshToken: String(json.refreshToken) };
}
