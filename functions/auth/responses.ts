import * as z from 'zod/mini';
import { userRoles } from '#domain/user.ts';
import { page } from '#schemas/common.ts';
import { lazy } from '#schemas/lazy.ts';

export const CodeSent = lazy(() =>
  z.object({
    /** How long a code sent now is good for, in seconds (said whether or not one went: nobody learns who is a user). */
    expiresIn: z.int(),
  }),
);

export const Tokens = lazy(() =>
  z.object({
    accessToken: z.string(),
    refreshToken: z.string(),
    /** Seconds the access token is good for. */
    expiresIn: z.int(),
    tokenType: z.literal('Bearer'),
  }),
);

export const Jwks = lazy(() =>
  z.object({
    keys: z.array(
      z.object({
        kty: z.literal('EC'),
        crv: z.literal('P-256'),
        x: z.string(),
        y: z.string(),
        kid: z.string(),
        alg: z.literal('ES256'),
        use: z.literal('sig'),
      }),
    ),
  }),
);

export const OpenIdConfiguration = lazy(() =>
  z.object({
    issuer: z.string(),
    jwks_uri: z.string(),
    token_endpoint: z.string(),
    response_types_supported: z.array(z.string()),
    subject_types_supported: z.array(z.string()),
    id_token_signing_alg_values_supported: z.array(z.string()),
    grant_types_supported: z.array(z.string()),
  }),
);

export const User = lazy(() =>
  z.object({
    userId: z.string(),
    phone: z.string(),
    name: z.string(),
    role: z.enum([...userRoles, 'kiosk']),
    stationId: z.optional(z.string()),
    disabled: z.boolean(),
    sessionVersion: z.int(),
    totp: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
);
export const UserList = lazy(() => page(User()));

export const UserChange = lazy(() =>
  z.object({
    at: z.string(),
    by: z.string(),
    what: z.enum(['created', 'moved', 'role', 'disabled', 'enabled', 'renamed', 'phone']),
    from: z.optional(z.string()),
    to: z.optional(z.string()),
  }),
);
export const UserChanges = lazy(() => page(UserChange()));

export const Pairing = lazy(() =>
  z.object({
    /** The 8 digits the kiosk is paired with (once, within 10 minutes). */
    code: z.string(),
    validUntil: z.string(),
  }),
);

export const TotpSecret = lazy(() => z.object({ secret: z.string(), uri: z.string() }));

export const NoContent = lazy(() => z.null());
