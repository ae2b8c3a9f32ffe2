import type { JWK, JWTPayload } from 'jose';

/**
 * What signs the access tokens (ES256): a key in the data folder locally
 * (shared/tokens/local-signer.ts), a KMS key in AWS (shared/tokens/kms-signer.ts).
 * The HTTP API's JWT authorizer, and locally shared/tokens/verify.ts, check
 * them against the public key the JWKS publishes.
 */
export interface TokenSigner {
  /** The key's id, in every token's header and in the JWKS. */
  kid(): Promise<string>;
  /** The public key, as the JWKS publishes it (with kid, alg and use). */
  publicJwk(): Promise<JWK>;
  /** A compact JWS, ES256, of these claims. */
  sign(claims: JWTPayload): Promise<string>;
}

/** The audience every access token names; the HTTP API's authorizer accepts only this one. */
export const audience = 'village-station';
/** An access token lives this long: a moved or disabled user's access ends within it. */
export const accessTokenSeconds = 600;
/** A refresh token (and its family) lives this long without being used. */
export const refreshTokenDays = 30;
/** The issuer locally, when AUTH_ISSUER is not set (in AWS it is the API's own https address). */
export const localIssuer = 'http://localhost:3000';

/** The issuer's URL: the API's own address, where /.well-known/openid-configuration is served. */
export const issuer = (): string => (process.env.AUTH_ISSUER ?? localIssuer).replace(/\/$/, '');
