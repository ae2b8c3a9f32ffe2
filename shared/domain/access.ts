import { NotFoundError, type Findable } from '#shared/errors.ts';

export const roles = ['ops', 'partner', 'kiosk'] as const;
export type Role = (typeof roles)[number];

/** Who is calling, from the JWT claims the HTTP API authorizer (or the local server) verified. */
export interface Principal {
  sub: string;
  role: Role;
  /** The one station a partner or kiosk belongs to; ops have none. */
  stationId?: string;
}

/** A partner or kiosk sees only its own station; anything else looks absent (404). */
export function assertStationAccess(principal: Principal, stationId: string, what: Findable = 'station'): void {
  if (principal.role !== 'ops' && principal.stationId !== stationId) throw new NotFoundError(what);
}
