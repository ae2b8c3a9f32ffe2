import type { JWTPayload } from 'jose';
import type { Role } from '#domain/access.ts';
import { accessTokenSeconds, audience, issuer } from './signer.ts';

/**
 * The claims of an access token: who (`sub`, the user's id), in which role and
 * at which station, and the sign-in it belongs to (`sid`: signing out ends it).
 * shared/http/principal.ts reads them back.
 */
export function accessClaims(
  who: { sub: string; role: Role; stationId?: string | undefined; sid?: string | undefined },
  now: Date,
  seconds = accessTokenSeconds,
): JWTPayload {
  const iat = Math.floor(now.getTime() / 1000);
  return {
    iss: issuer(),
    aud: audience,
    sub: who.sub,
    iat,
    exp: iat + seconds,
    token_use: 'access',
    role: who.role,
    ...(who.stationId ? { stationId: who.stationId } : {}),
    ...(who.sid ? { sid: who.sid } : {}),
  };
}
