import type { RouteHandler } from '#http/route.ts';
import { tokenSigner } from '#shared/tokens/current.ts';
import { issuer } from '#shared/tokens/signer.ts';
import type { authApi } from './api.ts';

/** Cached a while by the authorizer and by browsers: the key changes only with a new stack. */
const cache = { 'cache-control': 'public, max-age=300' };

export const jwks: RouteHandler<typeof authApi.jwks> = async () => {
  const key = await tokenSigner().publicJwk();
  return {
    status: 200,
    headers: cache,
    body: { keys: [{ kty: 'EC', crv: 'P-256', x: key.x!, y: key.y!, kid: key.kid!, alg: 'ES256', use: 'sig' }] },
  };
};

export const openIdConfiguration: RouteHandler<typeof authApi.openIdConfiguration> = async () => {
  const iss = issuer();
  return {
    status: 200,
    headers: cache,
    body: {
      issuer: iss,
      jwks_uri: `${iss}/.well-known/jwks.json`,
      token_endpoint: `${iss}/v1/auth/tokens`,
      response_types_supported: ['token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['ES256'],
      grant_types_supported: ['refresh_token', 'urn:village-station:phone-code'],
    },
  };
};
