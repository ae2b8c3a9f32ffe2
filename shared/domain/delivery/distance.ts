import type { Location } from '../station.ts';

const earthRadiusKm = 6371.0088;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in km (haversine). */
export function greatCircleKm(a: Location, b: Location): number {
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * earthRadiusKm * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Road distances a partner entered, keyed by the two place ids in either order. */
export type RoadDistances = Readonly<Record<string, number>>;

export const roadKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

export interface Place {
  /** A village id, or the station id for the station itself. */
  id: string;
  location: Location;
}

/**
 * The distance matrix the planner works on: a road distance the partner
 * entered where there is one, otherwise great-circle × the station's road factor.
 */
export function distanceMatrix(places: readonly Place[], roadFactor: number, roads: RoadDistances = {}): number[][] {
  return places.map((a) =>
    places.map((b) => {
      if (a.id === b.id) return 0;
      return roads[roadKey(a.id, b.id)] ?? greatCircleKm(a.location, b.location) * roadFactor;
    }),
  );
}
