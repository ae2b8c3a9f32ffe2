import { ForbiddenError, NotFoundError, UnauthenticatedError } from '../errors.ts';

export const roles = ['ops', 'partner', 'kiosk'] as const;
export type Role = (typeof roles)[number];

/** Who is calling, from the JWT claims the HTTP API authorizer (or the local server) verified. */
export interface Principal {
  sub: string;
  role: Role;
  /** The one station a partner or kiosk belongs to; ops have none. */
  stationId?: string;
}

type Claims = Record<string, string | number | boolean | string[]> | undefined;

/**
 * API Gateway flattens array claims: `cognito:groups` arrives as "[ops partner]".
 * Local tokens carry a real array. Accept both. The strongest group wins.
 */
function groupsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return [];
  return value.replace(/^\[|\]$/g, '').split(/[\s,]+/).filter(Boolean);
}

export function principalFromClaims(claims: Claims): Principal | undefined {
  if (!claims || typeof claims.sub !== 'string') return undefined;
  const groups = groupsOf(claims['cognito:groups']);
  const role = roles.find((r) => groups.includes(r));
  if (!role) return undefined;
  const stationId = claims['custom:stationId'];
  if (role !== 'ops' && (typeof stationId !== 'string' || stationId === '')) return undefined;
  return role === 'ops' ? { sub: claims.sub, role } : { sub: claims.sub, role, stationId: stationId as string };
}

export function requireRole(principal: Principal | undefined, allowed: readonly Role[]): Principal {
  if (!principal) throw new UnauthenticatedError();
  if (!allowed.includes(principal.role)) {
    throw new ForbiddenError(`This needs the ${allowed.join(' or ')} role; you are signed in as ${principal.role}.`);
  }
  return principal;
}

/** A partner or kiosk sees only its own station; anything else looks absent (404). */
export function assertStationAccess(principal: Principal, stationId: string, what = 'Station'): void {
  if (principal.role !== 'ops' && principal.stationId !== stationId) throw new NotFoundError(what);
}
