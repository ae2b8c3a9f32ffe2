import { RuleError, fieldError } from '#shared/errors.ts';
import { distanceMatrix, type Place, type RoadDistances } from './distance.ts';
import { searchTrips } from './cvrp-search.ts';
import { flatMatrix } from './neighbours.ts';
import { bestTour, tourLength } from './tsp.ts';
import { msg, render, type Lang } from '#shared/i18n/messages.ts';

/** Something the tricycle carries out (an order's goods, a courier's parcel) or does at a village (a pick-up task). */
export interface RunItem {
  kind: 'order' | 'parcel' | 'task';
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
  /** Search effort when trips must be split: giant tours cut for the start, and ruin-and-recreate rounds (by default 15 per stop, at most 4,000). */
  effort?: { starts?: number; rounds?: number };
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
        .map((i) => render(msg('too-heavy.item', { kind: i.kind === 'task' ? 'task' : 'order', id: i.id, kg: i.weightKg }), lang))
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
 * Plans a delivery run: every parcel and task in exactly one trip, no trip
 * over capacity, stops in the order that minimises distance. One trip when
 * everything fits (exactly optimal up to 12 stops); otherwise a search across
 * trips (cvrp-search.ts) from giant tours split at least total distance, and
 * each trip re-ordered on its own at the end.
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
    const n = places.length;
    const flat = flatMatrix(
      d,
      Array.from({ length: n }, (_, i) => i),
    );
    const kg = Float64Array.from([0, ...loads.map(weightOf)]);
    const parcels = Float64Array.from([0, ...loads.map(parcelsOf)]);
    const trips = searchTrips(
      flat,
      n,
      { kg, parcels, capacityKg: capacity.kg, capacityParcels: capacity.parcels },
      {
        seed,
        ...(input.effort?.starts !== undefined && { starts: input.effort.starts }),
        ...(input.effort?.rounds !== undefined && { iterations: input.effort.rounds }),
      },
    );
    // Re-ordered on its own, a trip is exact up to 12 stops; above, the shorter of the two orders stays.
    tours = trips.map((t) => {
      const reordered = bestTour(d, t, { seed });
      return tourLength(d, reordered) < tourLength(d, t) - 1e-9 ? reordered : t;
    });
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
