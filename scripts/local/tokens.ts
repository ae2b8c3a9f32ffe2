import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jwtVerify, SignJWT } from 'jose';
import * as z from 'zod/mini';
import { roles, type Role } from '#domain/access.ts';
import { id } from '#schemas/common.ts';

/**
 * Local stand-in for Cognito: tokens of the same shape (sub, cognito:groups,
 * custom:stationId), signed with a local secret. Never deployed.
 *
 * The secret is random: per process unless `npm start` hands it the one kept in
 * its data folder (tokenSecretFor), so the pages stay signed in across restarts
 * while nobody can mint tokens from a secret written in the source.
 */
let secret: Uint8Array = randomBytes(32);
const issuer = 'village-station-local';
const secretFile = 'local-token-secret';

/** Signs and verifies with this secret from now on. */
export function useTokenSecret(value: Uint8Array): void {
  secret = value;
}

/** The data folder's own secret: read from it, or made (random, readable by its owner only) on first use. */
export function tokenSecretFor(dataDir: string): Uint8Array {
  const file = join(dataDir, secretFile);
  if (existsSync(file)) {
    const kept = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url');
    if (kept.length >= 32) return kept;
  }
  mkdirSync(dataDir, { recursive: true });
  const made = randomBytes(32);
  writeFileSync(file, made.toString('base64url'), { mode: 0o600 });
  chmodSync(file, 0o600);
  return made;
}

export const TokenRequest = z
  .strictObject({
    role: z.enum(roles),
    stationId: z.optional(id('station')),
    sub: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_.@-]{1,64}$/))),
  })
  .check(
    z.refine((r) => r.role === 'ops' || r.stationId !== undefined, {
      message: 'A partner or kiosk token needs the stationId it belongs to.',
      path: ['stationId'],
    }),
  );

export async function issueToken(request: { role: Role; stationId?: string | undefined; sub?: string | undefined }): Promise<string> {
  const sub = request.sub ?? `local-${request.role}-${request.stationId ?? 'all'}`;
  return new SignJWT({
    'cognito:groups': [request.role],
    ...(request.stationId ? { 'custom:stationId': request.stationId } : {}),
    token_use: 'id',
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuer(issuer)
    .setIssuedAt()
    .setExpirationTime('12h')
    .sign(secret);
}

/** Claims as the HTTP API JWT authorizer hands them to Lambda: every value a string, arrays as "[a b]". */
export async function verifyToken(token: string): Promise<Record<string, string> | undefined> {
  try {
    // A token that never expires is refused, as Cognito never issues one.
    const { payload } = await jwtVerify(token, secret, { issuer, algorithms: ['HS256'], requiredClaims: ['exp'] });
    return Object.fromEntries(Object.entries(payload).map(([k, v]) => [k, Array.isArray(v) ? `[${v.join(' ')}]` : String(v)]));
  } catch {
    return undefined;
  }
}
