/**
 * Prins' split: the best way to cut one giant tour (every stop once, in a
 * fixed order) into trips from the station and back, each within capacity —
 * a shortest path over the cut points, by dynamic programming.
 */

/** What each node carries (index 0, the station, carries nothing) and what a trip may carry. */
export interface Loads {
  kg: Float64Array;
  parcels: Float64Array;
  capacityKg: number;
  capacityParcels: number;
}

/** `d` is row-major over nodes 0..n-1 (0 is the station); `tour` lists nodes 1..n-1 in giant-tour order. */
export function splitTour(d: Float64Array, n: number, tour: ArrayLike<number>, loads: Loads): number[][] {
  const m = tour.length;
  const best = new Float64Array(m + 1).fill(Infinity);
  const from = new Int32Array(m + 1).fill(-1);
  best[0] = 0;
  for (let i = 0; i < m; i++) {
    if (best[i] === Infinity) continue;
    let kg = 0;
    let parcels = 0;
    let cost = 0;
    for (let j = i; j < m; j++) {
      const node = tour[j]!;
      kg += loads.kg[node]!;
      parcels += loads.parcels[node]!;
      if (j > i && (kg > loads.capacityKg || parcels > loads.capacityParcels)) break;
      const prev = tour[j - 1]!;
      cost = j === i ? d[node]! + d[node * n]! : cost - d[prev * n]! + d[prev * n + node]! + d[node * n]!;
      if (best[i]! + cost < best[j + 1]!) {
        best[j + 1] = best[i]! + cost;
        from[j + 1] = i;
      }
    }
  }
  const trips: number[][] = [];
  for (let j = m; j > 0; j = from[j]!) trips.unshift(Array.from({ length: j - from[j]! }, (_, s) => tour[from[j]! + s]!));
  return trips;
}
