import { jwtVerify, SignJWT } from 'jose';
import * as z from 'zod/mini';
import { roles, type Role } from '#domain/access.ts';
import { id } from '#schemas/common.ts';

/**
 * Local stand-in for Cognito: tokens of the same shape (sub, cognito:groups,
 * custom:stationId), signed with a local secret. Never deployed.
 */
const secret = new TextEncoder().encode(process.env.LOCAL_JWT_SECRET ?? 'village-station-local-only-secret');
const issuer = 'village-station-local';

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
    const { payload } = await jwtVerify(token, secret, { issuer });
    return Object.fromEntries(Object.entries(payload).map(([k, v]) => [k, Array.isArray(v) ? `[${v.join(' ')}]` : String(v)]));
  } catch {
    return undefined;
  }
}
