import { pageConfig } from './config.ts';
import { lang } from './i18n.ts';

export interface FieldProblem {
  path: string;
  message: string;
  code?: string;
}

export interface Problem {
  status: number;
  code: string;
  title: string;
  detail: string;
  errors?: FieldProblem[];
}

/** The API answered, and said no. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
  }
}

/** The API could not be reached (offline, timeout): the command may be retried with the same key. */
export class NetworkError extends Error {}

let token: string | undefined;
export const setToken = (value: string | undefined) => {
  token = value;
};

/** Gives the token for the next request, refreshing it first when it is about to expire (shared/auth.ts). */
let tokenProvider: (() => Promise<string | undefined>) | undefined;
export const setTokenProvider = (provider: (() => Promise<string | undefined>) | undefined) => {
  tokenProvider = provider;
};
/** When the last answer came from the service worker's copy (offline), the time that copy was made. */
let staleSince: number | undefined;
/** The network came back (a command got through) while the screen still shows copies read without it. */
let backOnline = false;
const staleListeners = new Set<() => void>();
export const dataStaleSince = () => staleSince;
export const networkBack = () => backOnline;
export const onStaleChange = (listener: () => void) => {
  staleListeners.add(listener);
  return () => void staleListeners.delete(listener);
};
function setFreshness(next: number | undefined, back: boolean) {
  if (next !== staleSince || back !== backOnline) {
    staleSince = next;
    backOnline = back;
    staleListeners.forEach((l) => l());
  }
}
/** A read says how fresh the data is: a copy (offline), or the network's own answer. */
function noteFreshness(res: Response) {
  const cachedAt = res.headers.get('x-cached-at');
  setFreshness(cachedAt ? Number(cachedAt) : undefined, false);
}
/** Any answer to a command came over the network: "no network" is over, though what the screen shows was read without it. */
function noteNetwork() {
  if (staleSince !== undefined) setFreshness(undefined, true);
}

export interface RequestOptions {
  body?: unknown;
  key?: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- callers name the answer they expect; unnamed, it is as loose as JSON
export async function api<T = any>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const { apiUrl } = await pageConfig();
  let res: Response;
  try {
    const bearer = tokenProvider ? await tokenProvider() : token;
    res = await fetch(apiUrl + path, {
      method,
      headers: {
        // Problems come back in the partner's language, amounts in yuan.
        'accept-language': lang() === 'zh' ? 'zh-CN' : 'en',
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(options.key ? { 'idempotency-key': options.key } : {}),
      },
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new NetworkError((error as Error).message);
  }
  if (method === 'GET') noteFreshness(res);
  else noteNetwork();
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    throw new NetworkError(`not JSON (${res.status})`);
  }
  if (res.status >= 500) throw new NetworkError(`server answered ${res.status}`);
  if (!res.ok) {
    const p = (json ?? {}) as Partial<Problem>;
    throw new ApiError({
      status: res.status,
      code: p.code ?? 'error',
      title: p.title ?? String(res.status),
      detail: p.detail ?? p.title ?? String(res.status),
      ...(p.errors ? { errors: p.errors } : {}),
    });
  }
  return json as T;
}
