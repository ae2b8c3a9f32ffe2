import * as z from 'zod/mini';
import { roles, type Role } from '#domain/access.ts';
import { id } from '#schemas/common.ts';
import { localSigner } from '#shared/tokens/local-signer.ts';
import { accessClaims } from '#shared/tokens/claims.ts';
import { issuer } from '#shared/tokens/signer.ts';
import { asAuthorizerClaims, verifyAccessToken } from '#shared/tokens/verify.ts';

/**
 * `POST /local/token`, for tests and curl: a token of the very shape the
 * sign-in routes issue (ES256, signed by this machine's key: the data folder's
 * under `npm start`, shared/tokens/local-signer.ts), for any role and station,
 * without a phone or a code. Never deployed.
 */
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

/** Local tokens live 12 hours (a day's work at the station), the sign-in routes' ones minutes. */
const localTokenSeconds = 12 * 3600;

export async function issueToken(request: { role: Role; stationId?: string | undefined; sub?: string | undefined }): Promise<string> {
  const sub = request.sub ?? `local-${request.role}-${request.stationId ?? 'all'}`;
  return localSigner.sign(accessClaims({ sub, role: request.role, stationId: request.stationId }, new Date(), localTokenSeconds));
}

/** Checks a token as the HTTP API's JWT authorizer would (shared/tokens/verify.ts), against this machine's key; claims as the authorizer hands them on. */
export async function verifyToken(token: string): Promise<Record<string, string> | undefined> {
  const payload = await verifyAccessToken(token, [await localSigner.publicJwk()], { issuer: issuer() });
  return payload ? asAuthorizerClaims(payload) : undefined;
}
