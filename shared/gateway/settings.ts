import * as z from 'zod/mini';

/**
 * Where a gateway (the bill gateway, `BILL`; the SMS gateway, `SMS`) is and the
 * secret its requests are signed with, read once per container and kept.
 * - Locally (npm start, the tests): <NAME>_GATEWAY_URL and <NAME>_GATEWAY_SECRET.
 * - In AWS: <NAME>_GATEWAY_URL_PARAMETER names an SSM parameter and
 *   <NAME>_GATEWAY_SECRET_ID a Secrets Manager secret; both are read through the
 *   AWS Parameters and Secrets Lambda Extension (a layer, infra/api-function.ts)
 *   over localhost, so the function bundles no SSM or Secrets Manager client.
 *   The extension answers only while the function is invoked (not during
 *   init), so they are read on the container's first request, once.
 */
export interface GatewaySettings {
  url: string;
  secret: string;
  /** The deadline of one call to the gateway. */
  timeoutMs: number;
}

export type GatewayName = 'BILL' | 'SMS';
const gatewayWords: Record<GatewayName, string> = { BILL: 'Bill gateway', SMS: 'SMS gateway' };

const Env = () =>
  z.object({
    URL: z.optional(z.url()),
    SECRET: z.optional(z.string().check(z.minLength(16))),
    URL_PARAMETER: z.optional(z.string().check(z.minLength(1))),
    SECRET_ID: z.optional(z.string().check(z.minLength(1))),
    TIMEOUT_MS: z._default(z.pipe(z.string().check(z.regex(/^\d{2,6}$/)), z.transform(Number)), 3000),
    PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: z._default(z.string(), '2773'),
    AWS_SESSION_TOKEN: z.optional(z.string()),
  });

/** The gateway's own variables without their prefix, beside the extension's. */
const ownVariables = (env: NodeJS.ProcessEnv, gateway: GatewayName) => {
  const prefix = `${gateway}_GATEWAY_`;
  const own = Object.fromEntries(Object.entries(env).flatMap(([k, v]) => (k.startsWith(prefix) ? [[k.slice(prefix.length), v]] : [])));
  return { ...own, PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT, AWS_SESSION_TOKEN: env.AWS_SESSION_TOKEN };
};

/** GET on the extension's localhost endpoint, authenticated by the function's own session token. */
async function fromExtension(port: string, token: string | undefined, path: string): Promise<unknown> {
  const res = await fetch(`http://localhost:${port}${path}`, {
    headers: { 'X-Aws-Parameters-Secrets-Token': token ?? '' },
    signal: AbortSignal.timeout(3_000),
  });
  if (!res.ok) throw new Error(`Parameters and Secrets extension answered ${res.status} for ${path.split('?')[0]}`);
  return res.json();
}

/** Reads the settings now (uncached): `gatewaySettings` keeps the first that succeeds. */
export async function loadGatewaySettings(env: NodeJS.ProcessEnv, gateway: GatewayName = 'BILL'): Promise<GatewaySettings> {
  const p = `${gateway}_GATEWAY_`;
  const parsed = Env().safeParse(ownVariables(env, gateway));
  if (!parsed.success) throw new Error(`Invalid ${gatewayWords[gateway]} settings (${p}…): ${z.prettifyError(parsed.error)}`);
  const e = parsed.data;
  if (e.URL && e.SECRET) return { url: e.URL.replace(/\/$/, ''), secret: e.SECRET, timeoutMs: e.TIMEOUT_MS };
  if (!e.URL_PARAMETER || !e.SECRET_ID) {
    throw new Error(`${gatewayWords[gateway]} not configured: set ${p}URL and ${p}SECRET, or ${p}URL_PARAMETER and ${p}SECRET_ID.`);
  }
  const port = e.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT;
  const [parameter, secret] = await Promise.all([
    fromExtension(port, e.AWS_SESSION_TOKEN, `/systemsmanager/parameters/get?name=${encodeURIComponent(e.URL_PARAMETER)}`),
    fromExtension(port, e.AWS_SESSION_TOKEN, `/secretsmanager/get?secretId=${encodeURIComponent(e.SECRET_ID)}`),
  ]);
  const url = (parameter as { Parameter?: { Value?: string } }).Parameter?.Value;
  const secretString = (secret as { SecretString?: string }).SecretString;
  if (!url || !z.url().safeParse(url).success) throw new Error(`SSM parameter ${e.URL_PARAMETER} does not hold the gateway's URL`);
  if (!secretString || secretString.length < 16) throw new Error(`Secret ${e.SECRET_ID} does not hold a signing secret of 16 characters or more`);
  return { url: url.replace(/\/$/, ''), secret: secretString, timeoutMs: e.TIMEOUT_MS };
}

const cached = new Map<GatewayName, Promise<GatewaySettings>>();

/** Read once per container; a failed read is not kept, so the next request tries again. */
export function gatewaySettings(env: NodeJS.ProcessEnv = process.env, gateway: GatewayName = 'BILL'): Promise<GatewaySettings> {
  let settings = cached.get(gateway);
  if (!settings) {
    settings = loadGatewaySettings(env, gateway).catch((error: unknown) => {
      cached.delete(gateway);
      throw error;
    });
    cached.set(gateway, settings);
  }
  return settings;
}
