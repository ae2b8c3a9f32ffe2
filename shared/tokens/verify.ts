import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JWK, type JWTPayload } from 'jose';
import { audience } from './signer.ts';

/**
 * What the HTTP API's JWT authorizer checks, done the same way locally: the
 * signature by a key of the issuer's JWKS (by kid; ES256 only, so `alg: none`
 * or an HMAC over the public key is refused), the issuer, the audience, `exp`
 * (required, not past), `iat` (required, not in the future) and `nbf` if set.
 * Anything else: undefined (a 401).
 */
export async function verifyAccessToken(token: string, keys: readonly JWK[], options: { issuer: string; now?: Date }): Promise<JWTPayload | undefined> {
  const now = options.now ?? new Date();
  try {
    if (decodeProtectedHeader(token).alg !== 'ES256') return undefined;
    const { payload } = await jwtVerify(token, createLocalJWKSet({ keys: keys as JWK[] }), {
      issuer: options.issuer,
      audience,
      algorithms: ['ES256'],
      requiredClaims: ['exp', 'iat', 'sub'],
      currentDate: now,
    });
    if (typeof payload.iat !== 'number' || payload.iat > Math.floor(now.getTime() / 1000)) return undefined;
    return payload;
  } catch {
    return undefined;
  }
}

/** Claims as the HTTP API JWT authorizer hands them to Lambda: every value a string, arrays as "[a b]". */
export const asAuthorizerClaims = (payload: JWTPayload): Record<string, string> =>
  Object.fromEntries(Object.entries(payload).map(([k, v]) => [k, Array.isArray(v) ? `[${v.join(' ')}]` : String(v)]));
