import type { Place } from '#domain/delivery/distance.ts';
import { planRun, type RunItem } from '#domain/delivery/plan.ts';
import { seededRandom } from '#domain/delivery/tsp.ts';

export interface PlannerTiming {
  case: string;
  stops: number;
  instances: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

const station: Place = { id: 'st', location: { lat: 28.5152, lon: 119.3821 } };

function instance(stops: number, seed: number) {
  const random = seededRandom(seed);
  const villages = Array.from({ length: stops }, (_, i) => ({
    id: `v${i}`,
    location: { lat: station.location.lat + (random() - 0.5) * 0.2, lon: station.location.lon + (random() - 0.5) * 0.2 },
  }));
  const items: RunItem[] = villages.map((v, i) => ({ kind: 'order', id: `o${i}`, villageId: v.id, weightKg: 2 + random() * 30, parcels: 1 }));
  return { villages, items };
}

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const r2 = (x: number) => Math.round(x * 100) / 100;

/** SPEC §5: delivery planning p95 ≤ 100 ms at 40 stops (seeded random villages within about 12 km). */
export function measurePlanner(instances: number): PlannerTiming[] {
  const cases = [
    { case: 'one trip, exact', stops: 12, capacity: { kg: 10_000, parcels: 100 } },
    { case: 'one trip, local search', stops: 40, capacity: { kg: 10_000, parcels: 100 } },
    { case: 'several trips (150 kg, 12 parcels)', stops: 40, capacity: { kg: 150, parcels: 12 } },
  ];
  return cases.map((c) => {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) planRun({ station, roadFactor: 1.4, ...instance(c.stops, 9000 + i), capacity: c.capacity }); // warm up
    for (let i = 0; i < instances; i++) {
      const input = instance(c.stops, 1000 + i);
      const t = performance.now();
      planRun({ station, roadFactor: 1.4, ...input, capacity: c.capacity });
      times.push(performance.now() - t);
    }
    return { case: c.case, stops: c.stops, instances, p50Ms: r2(quantile(times, 0.5)), p95Ms: r2(quantile(times, 0.95)), maxMs: r2(Math.max(...times)) };
  });
}
