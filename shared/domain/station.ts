import { ConflictError, RuleError, fieldError } from '#shared/errors.ts';
import { newId } from '#shared/ids.ts';
import { msg } from '#shared/i18n/messages.ts';

export interface Location {
  lat: number;
  lon: number;
}

export interface Village {
  villageId: string;
  name: string;
  location: Location;
}

export interface Station {
  stationId: string;
  name: string;
  county: string;
  location: Location;
  villages: Village[];
  /** The station's share of each line's margin, in basis points (copied onto orders when placed). */
  commissionShareBp: number;
  /** Above this much cash in the drawer the station takes no new orders until it remits. */
  cashLimitFen: number;
  /** A cash count further off than this (either way) is flagged for ops. */
  varianceLimitFen: number;
  /** Great-circle distance × this ≈ road distance, for delivery planning. */
  roadFactor: number;
  /** Days a courier's parcel is kept for its villager before it goes back (7 when not set). */
  parcelKeepDays?: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface NewStation {
  name: string;
  county: string;
  location: Location;
  villages: { name: string; location: Location }[];
  commissionShareBp: number;
  cashLimitFen: number;
  varianceLimitFen?: number | undefined;
  roadFactor?: number | undefined;
  parcelKeepDays?: number | undefined;
}

export const defaultRoadFactor = 1.4;
/** ±200 yuan: a cash count further off than this is flagged for ops, unless the station has its own limit. */
export const defaultVarianceLimitFen = 20_000;

function assertUniqueVillageNames(villages: { name: string }[]): void {
  const seen = new Set<string>();
  villages.forEach((v, i) => {
    const name = v.name.trim();
    if (seen.has(name)) {
      throw new RuleError('duplicate-village', msg('duplicate-village', { name }), [fieldError(`body.villages.${i}.name`, 'field.duplicateVillage')]);
    }
    seen.add(name);
  });
}

export function createStation(input: NewStation, now: Date): Station {
  assertUniqueVillageNames(input.villages);
  const at = now.toISOString();
  return {
    stationId: newId('station'),
    name: input.name,
    county: input.county,
    location: input.location,
    villages: input.villages.map((v) => ({ villageId: newId('village'), name: v.name, location: v.location })),
    commissionShareBp: input.commissionShareBp,
    cashLimitFen: input.cashLimitFen,
    varianceLimitFen: input.varianceLimitFen ?? defaultVarianceLimitFen,
    roadFactor: input.roadFactor ?? defaultRoadFactor,
    ...(input.parcelKeepDays ? { parcelKeepDays: input.parcelKeepDays } : {}),
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
}

export interface StationChanges {
  name?: string | undefined;
  /** The station moves in ops' lists (by county and name) with it. */
  county?: string | undefined;
  commissionShareBp?: number | undefined;
  cashLimitFen?: number | undefined;
  varianceLimitFen?: number | undefined;
  roadFactor?: number | undefined;
  parcelKeepDays?: number | undefined;
  /** The whole list: existing villages keep their id (and must all stay), new ones come without an id. */
  villages?: { villageId?: string | undefined; name: string; location: Location }[] | undefined;
}

export function changeStation(station: Station, changes: StationChanges, now: Date): Station {
  let villages = station.villages;
  if (changes.villages) {
    assertUniqueVillageNames(changes.villages);
    changes.villages.forEach((v, i) => v.villageId && requireVillage(station, v.villageId, `body.villages.${i}.villageId`));
    const kept = new Set(changes.villages.map((v) => v.villageId).filter(Boolean));
    const dropped = station.villages.filter((v) => !kept.has(v.villageId));
    if (dropped.length > 0) {
      throw new ConflictError('village-removed', msg('village-removed', { names: dropped.map((v) => v.name) }));
    }
    villages = changes.villages.map((v) => ({
      villageId: v.villageId ?? newId('village'),
      name: v.name,
      location: v.location,
    }));
  }
  return {
    ...station,
    name: changes.name ?? station.name,
    county: changes.county ?? station.county,
    commissionShareBp: changes.commissionShareBp ?? station.commissionShareBp,
    cashLimitFen: changes.cashLimitFen ?? station.cashLimitFen,
    varianceLimitFen: changes.varianceLimitFen ?? varianceLimitOf(station),
    roadFactor: changes.roadFactor ?? station.roadFactor,
    ...((changes.parcelKeepDays ?? station.parcelKeepDays) ? { parcelKeepDays: changes.parcelKeepDays ?? station.parcelKeepDays } : {}),
    villages,
    version: station.version + 1,
    updatedAt: now.toISOString(),
  };
}

export function findVillage(station: Station, villageId: string): Village | undefined {
  return station.villages.find((v) => v.villageId === villageId);
}

/** The unknown-village rule: a villager, a task or a change may name only the station's own villages. */
export function requireVillage(station: Station, villageId: string, path = 'body.villageId'): Village {
  const village = findVillage(station, villageId);
  if (!village) {
    throw new RuleError('unknown-village', msg('unknown-village'), [fieldError(path, 'field.notOurVillage')]);
  }
  return village;
}

/** Stations opened before the variance limit existed have the default. */
export const varianceLimitOf = (station: Station): number => station.varianceLimitFen ?? defaultVarianceLimitFen;
