import { describe, expect, test } from 'vitest';
import { distanceMatrix, greatCircleKm, roadKey, type Place } from '#domain/delivery/distance.ts';
import { flatMatrix } from '#domain/delivery/neighbours.ts';
import { planRun, type RunItem } from '#domain/delivery/plan.ts';
import { splitTour } from '#domain/delivery/split.ts';
import { exactLimit, exactTour, heuristicTour, seededRandom, tourLength, type Matrix } from '#domain/delivery/tsp.ts';

const station: Place = { id: 'st', location: { lat: 28.5152, lon: 119.3821 } };

/** Villages scattered within about 12 km of the station. */
function villages(n: number, seed: number): Place[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, (_, i) => ({
    id: `v${String(i).padStart(2, '0')}`,
    location: { lat: station.location.lat + (random() - 0.5) * 0.2, lon: station.location.lon + (random() - 0.5) * 0.2 },
  }));
}

const matrixFor = (vs: Place[]) => distanceMatrix([station, ...vs], 1.4);
const nodes = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/** Exhaustive search over every order (pruned only when a partial tour is already longer than the best). */
function bruteForce(d: Matrix, stops: number[]): number {
  let best = Infinity;
  const used = new Array<boolean>(d.length).fill(false);
  const walk = (at: number, count: number, length: number) => {
    if (length >= best) return;
    if (count === stops.length) {
      best = Math.min(best, length + d[at]![0]!);
      return;
    }
    for (const s of stops) {
      if (used[s]) continue;
      used[s] = true;
      walk(s, count + 1, length + d[at]![s]!);
      used[s] = false;
    }
  };
  walk(0, 0, 0);
  return best;
}

test('great-circle distance: Suichang county town to Dazhe is about 12 km as the crow flies', () => {
  expect(greatCircleKm({ lat: 28.5924, lon: 119.276 }, station.location)).toBeCloseTo(13.7, 0);
  expect(greatCircleKm(station.location, station.location)).toBe(0);
});

test('a road distance the partner entered replaces the estimate, both ways', () => {
  const vs = villages(2, 1);
  const d = distanceMatrix([station, ...vs], 1.4, { [roadKey(vs[1]!.id, 'st')]: 9.5 });
  expect(d[0]![2]).toBe(9.5);
  expect(d[2]![0]).toBe(9.5);
  expect(d[0]![1]).toBeCloseTo(greatCircleKm(station.location, vs[0]!.location) * 1.4, 9);
});

describe('one trip, exact up to 12 stops', () => {
  test.each(Array.from({ length: 24 }, (_, i) => [2 + (i % 11), 100 + i]))('%i stops (seed %i): the same length as exhaustive search', (n, seed) => {
    const d = matrixFor(villages(n, seed));
    const tour = exactTour(d, nodes(n));
    expect([...tour].sort((a, b) => a - b)).toEqual(nodes(n));
    expect(tourLength(d, tour)).toBeCloseTo(bruteForce(d, nodes(n)), 9);
  });

  test('12 stops, the most the exact search takes', () => {
    expect(exactLimit).toBe(12);
    const d = matrixFor(villages(12, 7));
    expect(tourLength(d, exactTour(d, nodes(12)))).toBeCloseTo(bruteForce(d, nodes(12)), 9);
  });
});

describe('one trip above 12 stops: within 2% of the best known', () => {
  test.each([
    [13, 1],
    [14, 2],
    [15, 3],
    [16, 4],
  ])('%i stops (seed %i): within 2% of the exact optimum (dynamic programming still runs)', (n, seed) => {
    const d = matrixFor(villages(n, seed));
    const optimum = tourLength(d, exactTour(d, nodes(n)));
    const found = tourLength(d, heuristicTour(d, nodes(n)));
    expect(found).toBeGreaterThanOrEqual(optimum - 1e-9);
    expect(found / optimum).toBeLessThanOrEqual(1.02);
  });

  test.each([
    [20, 11],
    [25, 12],
    [30, 13],
    [35, 14],
    [40, 15],
    [40, 16],
  ])(
    '%i stops (seed %i): within 2% of a long multi-start search',
    (n, seed) => {
      const d = matrixFor(villages(n, seed));
      const found = tourLength(d, heuristicTour(d, nodes(n)));
      const bestKnown = Math.min(...[1, 2, 3, 4].map((s) => tourLength(d, heuristicTour(d, nodes(n), { seed: 1000 + s, iterations: 60 * n }))));
      expect(found / bestKnown).toBeLessThanOrEqual(1.02);
    },
    30_000,
  );
});

function items(vs: Place[], seed: number, count: number): RunItem[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const order = random() < 0.8;
    return {
      kind: order ? ('order' as const) : ('task' as const),
      id: `${order ? 'ord' : 'tsk'}${i}`,
      villageId: vs[Math.floor(random() * vs.length)]!.id,
      weightKg: Math.round(random() * 60 * 10) / 10 + 0.5,
      parcels: order ? 1 : 0,
    };
  });
}

describe('several trips when the tricycle is full', () => {
  test.each(Array.from({ length: 12 }, (_, i) => [5 + i * 3, 500 + i]))(
    '%i items (seed %i): each in exactly one trip, no trip over capacity',
    (count, seed) => {
      const vs = villages(12, seed);
      const all = items(vs, seed, count);
      const capacity = { kg: 150, parcels: 8 };
      const plan = planRun({ station, roadFactor: 1.4, villages: vs, items: all, capacity });
      const placed = plan.trips.flatMap((t) => t.stops.flatMap((s) => s.items.map((i) => i.id)));
      expect([...placed].sort()).toEqual(all.map((i) => i.id).sort());
      for (const trip of plan.trips) {
        expect(trip.weightKg).toBeLessThanOrEqual(capacity.kg);
        expect(trip.parcels).toBeLessThanOrEqual(capacity.parcels);
        for (const stop of trip.stops) for (const item of stop.items) expect(item.villageId).toBe(stop.villageId);
      }
      const total = plan.trips.reduce((s, t) => s + t.distanceKm, 0);
      expect(plan.distanceKm).toBeCloseTo(total, 6);
      // Never worse than one trip per village there and back.
      const perVillage = [...new Set(all.map((i) => i.villageId))].reduce((s, id) => s + 2 * matrixFor(vs)[0]![Number(id.slice(1)) + 1]!, 0);
      expect(plan.distanceKm).toBeLessThanOrEqual(perVillage * 1.0001 + 1e-6);
    },
  );

  test.each([
    [30, 701],
    [40, 702],
  ])(
    '%i stops over several trips (seed %i): within 2% of a long search',
    (n, seed) => {
      const vs = villages(n, seed);
      const all = vs.map((v, i) => ({ kind: 'order' as const, id: `o${i}`, villageId: v.id, weightKg: 10 + (i % 7) * 5, parcels: 1 }));
      const capacity = { kg: 120, parcels: 10 };
      const plan = planRun({ station, roadFactor: 1.4, villages: vs, items: all, capacity });
      const long = planRun({ station, roadFactor: 1.4, villages: vs, items: all, capacity, effort: { starts: 8, rounds: 4000 } });
      expect(plan.trips.length).toBeGreaterThan(1);
      expect(plan.distanceKm / long.distanceKm).toBeLessThanOrEqual(1.02);
    },
    60_000,
  );

  test('an item heavier than the tricycle is refused by name (422)', () => {
    const vs = villages(3, 9);
    const all: RunItem[] = [
      { kind: 'order', id: 'ord-trike', villageId: vs[0]!.id, weightKg: 180, parcels: 1 },
      { kind: 'order', id: 'ord-rice', villageId: vs[1]!.id, weightKg: 10, parcels: 1 },
    ];
    expect(() => planRun({ station, roadFactor: 1.4, villages: vs, items: all, capacity: { kg: 150, parcels: 20 } })).toThrow(
      expect.objectContaining({ status: 422, code: 'too-heavy', message: expect.stringContaining('ord-trike (180 kg)') }),
    );
  });

  test('a village with more than a load is split across trips; nothing to carry plans nothing', () => {
    const vs = villages(1, 3);
    const all = Array.from({ length: 5 }, (_, i) => ({ kind: 'order' as const, id: `o${i}`, villageId: vs[0]!.id, weightKg: 50, parcels: 1 }));
    const plan = planRun({ station, roadFactor: 1.4, villages: vs, items: all, capacity: { kg: 120, parcels: 10 } });
    expect(plan.trips.map((t) => t.weightKg).sort()).toEqual([100, 100, 50].sort());
    expect(planRun({ station, roadFactor: 1.4, villages: vs, items: [], capacity: { kg: 120, parcels: 10 } })).toEqual({ trips: [], distanceKm: 0 });
  });
});

/** Every way to cut the giant tour at its gaps, the cheapest within capacity. */
function bestCuts(d: Matrix, tour: number[], kg: number[], capacity: number): number {
  let best = Infinity;
  for (let mask = 0; mask < 1 << (tour.length - 1); mask++) {
    let total = 0;
    let trip: number[] = [];
    let ok = true;
    const close = () => {
      if (trip.reduce((s, v) => s + kg[v]!, 0) > capacity) ok = false;
      total += tourLength(d, trip);
      trip = [];
    };
    tour.forEach((v, i) => {
      trip.push(v);
      if (i === tour.length - 1 || mask & (1 << i)) close();
    });
    if (ok) best = Math.min(best, total);
  }
  return best;
}

/** Every partition of the stops into trips within capacity, each trip ordered exactly: the true optimum of a tiny run. */
function bestPartition(d: Matrix, stops: number[], kg: number[], capacity: number): number {
  let best = Infinity;
  const walk = (i: number, trips: number[][]) => {
    if (i === stops.length) {
      best = Math.min(
        best,
        trips.reduce((s, t) => s + tourLength(d, exactTour(d, t)), 0),
      );
      return;
    }
    const v = stops[i]!;
    for (const trip of trips) {
      if (trip.reduce((s, x) => s + kg[x]!, 0) + kg[v]! > capacity) continue;
      trip.push(v);
      walk(i + 1, trips);
      trip.pop();
    }
    trips.push([v]);
    walk(i + 1, trips);
    trips.pop();
  };
  walk(0, []);
  return best;
}

describe('split: cutting a giant tour into trips', () => {
  test.each(Array.from({ length: 8 }, (_, i) => [3 + i, 300 + i]))('%i stops (seed %i): the cheapest cuts within capacity', (n, seed) => {
    const d = matrixFor(villages(n, seed));
    const random = seededRandom(seed);
    const kg = [0, ...Array.from({ length: n }, () => 5 + Math.round(random() * 40))];
    const tour = nodes(n);
    const trips = splitTour(flatMatrix(d, [0, ...tour]), n + 1, tour, {
      kg: Float64Array.from(kg),
      parcels: new Float64Array(n + 1),
      capacityKg: 60,
      capacityParcels: 1,
    });
    expect(trips.flat()).toEqual(tour);
    for (const trip of trips) expect(trip.reduce((s, v) => s + kg[v]!, 0)).toBeLessThanOrEqual(60);
    expect(trips.reduce((s, t) => s + tourLength(d, t), 0)).toBeCloseTo(bestCuts(d, tour, kg, 60), 9);
  });
});

describe('several trips: the search across trips', () => {
  test.each(Array.from({ length: 6 }, (_, i) => [4 + (i % 4), 400 + i]))('%i stops (seed %i): the true optimum over every partition into trips', (n, seed) => {
    const vs = villages(n, seed);
    const random = seededRandom(seed);
    const all = vs.map((v, i) => ({ kind: 'order' as const, id: `o${i}`, villageId: v.id, weightKg: 10 + Math.round(random() * 50), parcels: 1 }));
    const plan = planRun({ station, roadFactor: 1.4, villages: vs, items: all, capacity: { kg: 90, parcels: 10 } });
    const kg = [0, ...all.map((i) => i.weightKg)];
    expect(plan.trips.length).toBeGreaterThan(1);
    expect(
      plan.trips.reduce(
        (s, t) =>
          s +
          tourLength(
            matrixFor(vs),
            t.stops.map((x) => Number(x.villageId.slice(1)) + 1),
          ),
        0,
      ),
    ).toBeCloseTo(bestPartition(matrixFor(vs), nodes(n), kg, 90), 6);
  });

  test('the parcel count binds as well as the weight: no trip over either', () => {
    const vs = villages(30, 77);
    const all = vs.flatMap((v, i) => [
      { kind: 'order' as const, id: `light${i}`, villageId: v.id, weightKg: 1, parcels: 1 },
      { kind: 'task' as const, id: `produce${i}`, villageId: v.id, weightKg: i % 3 === 0 ? 40 : 2, parcels: 0 },
    ]);
    const capacity = { kg: 120, parcels: 6 };
    const plan = planRun({ station, roadFactor: 1.4, villages: vs, items: all, capacity });
    expect(plan.trips.flatMap((t) => t.stops.flatMap((s) => s.items.map((i) => i.id))).sort()).toEqual(all.map((i) => i.id).sort());
    expect(Math.max(...plan.trips.map((t) => t.parcels))).toBeLessThanOrEqual(6);
    expect(Math.max(...plan.trips.map((t) => t.weightKg))).toBeLessThanOrEqual(120);
    expect(plan.trips.length).toBeGreaterThanOrEqual(5);
  });

  test('the same input plans the same trips every time (seeded, no clock)', () => {
    const vs = villages(35, 88);
    const all = items(vs, 88, 60);
    const input = { station, roadFactor: 1.4, villages: vs, items: all, capacity: { kg: 150, parcels: 12 } };
    expect(planRun(input)).toEqual(planRun(input));
  });
});
