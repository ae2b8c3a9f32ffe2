import { RuleError, fieldError } from '#shared/errors.ts';
import { distanceMatrix, type Place, type RoadDistances } from './distance.ts';
import { bestTour, tourLength, type Matrix } from './tsp.ts';
import { msg, render, type Lang } from '#shared/i18n/messages.ts';

/** Something the tricycle carries out (a parcel) or does at a village (a pick-up task). */
export interface RunItem {
  kind: 'order' | 'task';
  id: string;
  villageId: string;
  weightKg: number;
  /** Parcels take room; tasks (produce to collect, a visit) only weight. */
  parcels: number;
}

export interface Capacity {
  kg: number;
  parcels: number;
}

export interface PlanInput {
  station: Place;
  roadFactor: number;
  villages: readonly Place[];
  items: readonly RunItem[];
  capacity: Capacity;
  roads?: RoadDistances;
  /** Keeps a stop's record small enough for one transaction when it is completed. */
  maxItemsPerStop?: number;
  seed?: number;
  /** Search effort when trips must be split: giant tours tried, and local-search kicks per stop. */
  effort?: { starts: number; kicksPerStop: number };
}

export interface PlannedStop {
  villageId: string;
  items: RunItem[];
  weightKg: number;
  parcels: number;
}

export interface PlannedTrip {
  stops: PlannedStop[];
  distanceKm: number;
  weightKg: number;
  parcels: number;
}

export interface Plan {
  trips: PlannedTrip[];
  distanceKm: number;
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const weightOf = (items: readonly RunItem[]) => items.reduce((s, i) => s + i.weightKg, 0);
const parcelsOf = (items: readonly RunItem[]) => items.reduce((s, i) => s + i.parcels, 0);

export class TooHeavyError extends RuleError {
  constructor(
    readonly items: RunItem[],
    capacity: Capacity,
  ) {
    // Each item is named in both languages here: the sentence around them is rendered in the reader's.
    const named = (lang: Lang) =>
      items
        .map((i) => render(msg('too-heavy.item', { kind: i.kind === 'order' ? 'order' : 'task', id: i.id, kg: i.weightKg }), lang))
        .join(lang === 'en' ? ', ' : '、');
    super('too-heavy', msg('too-heavy', { items: named('en'), itemsZh: named('zh-CN'), capacityKg: capacity.kg }), [
      fieldError('body.capacityKg', 'field.tooSmallFor', { items: named('en'), itemsZh: named('zh-CN') }),
    ]);
  }
}

/** A village's items in as few loads as fit the tricycle (first fit, heaviest first). */
function loadsOfVillage(items: RunItem[], capacity: Capacity, maxItems: number): RunItem[][] {
  const loads: RunItem[][] = [];
  for (const item of [...items].sort((a, b) => b.weightKg - a.weightKg || a.id.localeCompare(b.id))) {
    const fits = loads.find((l) => l.length < maxItems && weightOf(l) + item.weightKg <= capacity.kg && parcelsOf(l) + item.parcels <= capacity.parcels);
    if (fits) fits.push(item);
    else loads.push([item]);
  }
  return loads;
}

/**
 * Cuts a giant tour into trips from the station and back, each within capacity,
 * at the least total distance (Prins' split, by dynamic programming).
 */
function split(d: Matrix, tour: readonly number[], loads: readonly RunItem[][], capacity: Capacity): number[][] {
  const n = tour.length;
  const best = new Float64Array(n + 1).fill(Infinity);
  const from = new Int32Array(n + 1).fill(-1);
  best[0] = 0;
  for (let i = 0; i < n; i++) {
    let kg = 0;
    let parcels = 0;
    let cost = 0;
    for (let j = i; j < n; j++) {
      const load = loads[tour[j]! - 1]!;
      kg += weightOf(load);
      parcels += parcelsOf(load);
      if (kg > capacity.kg || parcels > capacity.parcels) break;
      cost = j === i ? d[0]![tour[i]!]! + d[tour[i]!]![0]! : cost - d[tour[j - 1]!]![0]! + d[tour[j - 1]!]![tour[j]!]! + d[tour[j]!]![0]!;
      if (best[i]! + cost < best[j + 1]!) {
        best[j + 1] = best[i]! + cost;
        from[j + 1] = i;
      }
    }
  }
  const trips: number[][] = [];
  for (let j = n; j > 0; j = from[j]!) trips.unshift(tour.slice(from[j]!, j));
  return trips;
}

/**
 * Plans a delivery run: every parcel and task in exactly one trip, no trip
 * over capacity, stops in the order that minimises distance. One trip when
 * everything fits (exactly optimal up to 12 stops); otherwise giant tours from
 * several starts are split into trips at least total distance, and each trip
 * re-ordered on its own.
 */
export function planRun(input: PlanInput): Plan {
  const { capacity } = input;
  const tooHeavy = input.items.filter((i) => i.weightKg > capacity.kg || i.parcels > capacity.parcels);
  if (tooHeavy.length) throw new TooHeavyError(tooHeavy, capacity);
  if (input.items.length === 0) return { trips: [], distanceKm: 0 };

  const villages = new Map(input.villages.map((v) => [v.id, v]));
  const byVillage = new Map<string, RunItem[]>();
  for (const item of input.items) {
    if (!villages.has(item.villageId)) throw new Error(`item ${item.id} is for unknown village ${item.villageId}`);
    byVillage.set(item.villageId, [...(byVillage.get(item.villageId) ?? []), item]);
  }
  const loads = [...byVillage.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([, items]) => loadsOfVillage(items, capacity, input.maxItemsPerStop ?? 20));
  const places = [input.station, ...loads.map((l) => villages.get(l[0]!.villageId)!)];
  const d = distanceMatrix(places, input.roadFactor, input.roads);
  const nodes = loads.map((_, i) => i + 1);
  const seed = input.seed ?? 7;

  const toTrip = (tour: number[]): PlannedTrip => {
    const stops = tour.map((node) => {
      const items = loads[node - 1]!;
      return { villageId: items[0]!.villageId, items, weightKg: weightOf(items), parcels: parcelsOf(items) };
    });
    return {
      stops,
      distanceKm: round2(tourLength(d, tour)),
      weightKg: weightOf(stops.flatMap((s) => s.items)),
      parcels: parcelsOf(stops.flatMap((s) => s.items)),
    };
  };

  const all = input.items;
  let tours: number[][];
  if (weightOf(all) <= capacity.kg && parcelsOf(all) <= capacity.parcels) {
    tours = [bestTour(d, nodes, { seed })];
  } else {
    let bestTotal = Infinity;
    tours = [];
    const effort = input.effort ?? { starts: 4, kicksPerStop: 6 };
    for (let start = 0; start < effort.starts; start++) {
      const giant = bestTour(d, nodes, { seed: seed + start, iterations: effort.kicksPerStop * nodes.length });
      const trips = split(d, giant, loads, capacity).map((t) => bestTour(d, t, { seed }));
      const total = trips.reduce((s, t) => s + tourLength(d, t), 0);
      if (total < bestTotal - 1e-9) {
        bestTotal = total;
        tours = trips;
      }
    }
  }
  const trips = tours.map(toTrip);
  return { trips, distanceKm: round2(trips.reduce((s, t) => s + t.distanceKm, 0)) };
}

/** The length of a trip whose stops are already in order (after a partner moves one). */
export function tripDistanceKm(input: Pick<PlanInput, 'station' | 'villages' | 'roadFactor' | 'roads'>, villageIds: readonly string[]): number {
  const villages = new Map(input.villages.map((v) => [v.id, v]));
  const places = [input.station, ...villageIds.map((id) => villages.get(id)!)];
  const d = distanceMatrix(places, input.roadFactor, input.roads);
  return round2(
    tourLength(
      d,
      villageIds.map((_, i) => i + 1),
    ),
  );
}
