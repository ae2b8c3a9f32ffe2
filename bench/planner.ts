import { loadavg } from 'node:os';
import type { Place } from '#domain/delivery/distance.ts';
import { planRun, type Capacity, type RunItem } from '#domain/delivery/plan.ts';
import { seededRandom } from '#domain/delivery/tsp.ts';
import { asPlanInput, cvrplibInstances, tsplibInstances } from '../test/support/routing-instances.ts';

export interface PlannerTiming {
  case: string;
  stops: number;
  instances: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** The same run's CPU time (user + system): what the planner itself costs when other work shares the cores. */
  cpuP50Ms: number;
  cpuP95Ms: number;
  /** The bar for this case (docs/quality.md "Delivery planning"), when it has one. */
  targetP95Ms?: number;
}

export interface PlannerGap {
  instance: string;
  /** Customers (CVRP) or cities (TSP). */
  size: number;
  optimum: number;
  found: number;
  gapPct: number;
  trips: number;
  vehicles?: number;
  ms: number;
  cpuMs: number;
}

export interface PlannerResults {
  measuredAt: string;
  /** The machine's 1-minute load average before and after (two cores): wall times stretch when other work runs. */
  loadAverage: [number, number];
  timings: PlannerTiming[];
  tsplib: PlannerGap[];
  cvrplib: PlannerGap[];
}

const station: Place = { id: 'st', location: { lat: 28.5152, lon: 119.3821 } };

/** Seeded random villages within about 12 km of the station, one parcel of 2–32 kg for each. */
function instance(stops: number, seed: number) {
  const random = seededRandom(seed);
  const villages = Array.from({ length: stops }, (_, i) => ({
    id: `v${i}`,
    location: { lat: station.location.lat + (random() - 0.5) * 0.2, lon: station.location.lon + (random() - 0.5) * 0.2 },
  }));
  const items: RunItem[] = villages.map((v, i) => ({ kind: 'order', id: `o${i}`, villageId: v.id, weightKg: 2 + random() * 30, parcels: 1 }));
  return { villages, items };
}

const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const r2 = (x: number) => Math.round(x * 100) / 100;

const oneTrip: Capacity = { kg: 100_000, parcels: 1_000 };
const tricycle: Capacity = { kg: 150, parcels: 12 };

/** docs/quality.md "Delivery planning": p95 ≤ 50 ms at 40 stops (several trips), ≤ 100 ms at 100 stops (one trip), ≤ 1 s at 200. */
export function measurePlannerTimings(instances: number, repeats = 3): PlannerTiming[] {
  const cases: { case: string; stops: number; capacity: Capacity; runs: number; targetP95Ms?: number }[] = [
    { case: 'one trip, exact', stops: 12, capacity: oneTrip, runs: instances },
    { case: 'one trip', stops: 40, capacity: oneTrip, runs: instances },
    { case: 'one trip', stops: 100, capacity: oneTrip, runs: instances, targetP95Ms: 100 },
    { case: 'one trip', stops: 200, capacity: oneTrip, runs: Math.min(instances, 40), targetP95Ms: 1000 },
    { case: 'several trips (150 kg, 12 parcels)', stops: 40, capacity: tricycle, runs: instances, targetP95Ms: 50 },
    { case: 'several trips (150 kg, 12 parcels)', stops: 90, capacity: tricycle, runs: Math.min(instances, 40) },
  ];
  return cases.map((c) => {
    const times: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < 3; i++) planRun({ station, roadFactor: 1.4, ...instance(c.stops, 9000 + i), capacity: c.capacity }); // warm up
    for (let i = 0; i < c.runs; i++) {
      const input = instance(c.stops, 1000 + i);
      // Other work shares the two cores: each instance is planned `repeats` times and its fastest run counts.
      let wall = Infinity;
      let used = Infinity;
      for (let r = 0; r < repeats; r++) {
        const t = performance.now();
        const c0 = process.cpuUsage();
        planRun({ station, roadFactor: 1.4, ...input, capacity: c.capacity });
        wall = Math.min(wall, performance.now() - t);
        used = Math.min(used, cpuMs(c0));
      }
      times.push(wall);
      cpu.push(used);
    }
    return {
      case: c.case,
      stops: c.stops,
      instances: c.runs,
      p50Ms: r2(quantile(times, 0.5)),
      p95Ms: r2(quantile(times, 0.95)),
      maxMs: r2(Math.max(...times)),
      cpuP50Ms: r2(quantile(cpu, 0.5)),
      cpuP95Ms: r2(quantile(cpu, 0.95)),
      ...(c.targetP95Ms !== undefined && { targetP95Ms: c.targetP95Ms }),
    };
  });
}

/**
 * Every TSPLIB and CVRPLIB fixture solved by `planRun` with its defaults (the
 * API's effort), on the instance's own rounded distances, against the
 * published optimum.
 */
export function measurePlannerGaps(): { tsplib: PlannerGap[]; cvrplib: PlannerGap[] } {
  const solve = (instance: ReturnType<typeof tsplibInstances>[number]): PlannerGap => {
    const input = asPlanInput(instance);
    const t = performance.now();
    const c0 = process.cpuUsage();
    const plan = planRun(input);
    const ms = performance.now() - t;
    const cpu = cpuMs(c0);
    return {
      instance: instance.name,
      size: instance.coords.length - (instance.demands ? 1 : 0),
      optimum: instance.optimum,
      found: plan.distanceKm,
      gapPct: r2((plan.distanceKm / instance.optimum - 1) * 100),
      trips: plan.trips.length,
      ...(instance.vehicles !== undefined && { vehicles: instance.vehicles }),
      ms: r2(ms),
      cpuMs: r2(cpu),
    };
  };
  return { tsplib: tsplibInstances().map(solve), cvrplib: cvrplibInstances().map(solve) };
}

export function measurePlanner(instances: number): PlannerResults {
  const before = loadavg()[0]!;
  const timings = measurePlannerTimings(instances);
  const gaps = measurePlannerGaps();
  return { measuredAt: new Date().toISOString(), loadAverage: [r2(before), r2(loadavg()[0]!)], timings, ...gaps };
}
