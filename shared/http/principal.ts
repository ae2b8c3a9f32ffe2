import { roles, type Principal, type Role } from '#domain/access.ts';
import { ForbiddenError, UnauthenticatedError } from '#shared/errors.ts';
import { msg } from '#shared/i18n/messages.ts';

type Claims = Record<string, string | number | boolean | string[]> | undefined;

/**
 * API Gateway flattens array claims ("[ops partner]"); a token made elsewhere
 * may carry a real array. Accept both. The strongest role wins.
 */
function groupsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return [];
  return value
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter(Boolean);
}

/**
 * The caller, from the claims the JWT authorizer verified: `sub`, `role` and
 * `stationId`, as the sign-in routes issue them (shared/tokens/claims.ts).
 */
export function principalFromClaims(claims: Claims): Principal | undefined {
  if (!claims || typeof claims.sub !== 'string') return undefined;
  const groups = groupsOf(claims.role);
  const role = roles.find((r) => groups.includes(r));
  if (!role) return undefined;
  const stationId = claims.stationId;
  if (role !== 'ops' && (typeof stationId !== 'string' || stationId === '')) return undefined;
  return role === 'ops' ? { sub: claims.sub, role } : { sub: claims.sub, role, stationId: stationId as string };
}

export function requireRole(principal: Principal | undefined, allowed: readonly Role[]): Principal {
  if (!principal) throw new UnauthenticatedError();
  if (!allowed.includes(principal.role)) {
    throw new ForbiddenError(msg('forbidden', { roles: allowed, role: principal.role }));
  }
  return principal;
}
