import * as z from 'zod/mini';

/**
 * Where the bill gateway is and the secret requests are signed with, read once
 * per container and kept.
 * - Locally (npm start, the tests): BILL_GATEWAY_URL and BILL_GATEWAY_SECRET.
 * - In AWS: BILL_GATEWAY_URL_PARAMETER names an SSM parameter and
 *   BILL_GATEWAY_SECRET_ID a Secrets Manager secret; both are read through the
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

const Env = () =>
  z.object({
    BILL_GATEWAY_URL: z.optional(z.url()),
    BILL_GATEWAY_SECRET: z.optional(z.string().check(z.minLength(16))),
    BILL_GATEWAY_URL_PARAMETER: z.optional(z.string().check(z.minLength(1))),
    BILL_GATEWAY_SECRET_ID: z.optional(z.string().check(z.minLength(1))),
    BILL_GATEWAY_TIMEOUT_MS: z._default(z.pipe(z.string().check(z.regex(/^\d{2,6}$/)), z.transform(Number)), 3000),
    PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: z._default(z.string(), '2773'),
    AWS_SESSION_TOKEN: z.optional(z.string()),
  });

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
export async function loadGatewaySettings(env: NodeJS.ProcessEnv): Promise<GatewaySettings> {
  const parsed = Env().safeParse(env);
  if (!parsed.success) throw new Error(`Invalid bill gateway settings: ${z.prettifyError(parsed.error)}`);
  const e = parsed.data;
  if (e.BILL_GATEWAY_URL && e.BILL_GATEWAY_SECRET)
    return { url: e.BILL_GATEWAY_URL.replace(/\/$/, ''), secret: e.BILL_GATEWAY_SECRET, timeoutMs: e.BILL_GATEWAY_TIMEOUT_MS };
  if (!e.BILL_GATEWAY_URL_PARAMETER || !e.BILL_GATEWAY_SECRET_ID) {
    throw new Error('Bill gateway not configured: set BILL_GATEWAY_URL and BILL_GATEWAY_SECRET, or BILL_GATEWAY_URL_PARAMETER and BILL_GATEWAY_SECRET_ID.');
  }
  const port = e.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT;
  const [parameter, secret] = await Promise.all([
    fromExtension(port, e.AWS_SESSION_TOKEN, `/systemsmanager/parameters/get?name=${encodeURIComponent(e.BILL_GATEWAY_URL_PARAMETER)}`),
    fromExtension(port, e.AWS_SESSION_TOKEN, `/secretsmanager/get?secretId=${encodeURIComponent(e.BILL_GATEWAY_SECRET_ID)}`),
  ]);
  const url = (parameter as { Parameter?: { Value?: string } }).Parameter?.Value;
  const secretString = (secret as { SecretString?: string }).SecretString;
  if (!url || !z.url().safeParse(url).success) throw new Error(`SSM parameter ${e.BILL_GATEWAY_URL_PARAMETER} does not hold the gateway's URL`);
  if (!secretString || secretString.length < 16) throw new Error(`Secret ${e.BILL_GATEWAY_SECRET_ID} does not hold a signing secret of 16 characters or more`);
  return { url: url.replace(/\/$/, ''), secret: secretString, timeoutMs: e.BILL_GATEWAY_TIMEOUT_MS };
}

let cached: Promise<GatewaySettings> | undefined;

/** Read once per container; a failed read is not kept, so the next request tries again. */
export function gatewaySettings(env: NodeJS.ProcessEnv = process.env): Promise<GatewaySettings> {
  cached ??= loadGatewaySettings(env).catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}
