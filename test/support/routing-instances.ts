/**
 * TSPLIB and CVRPLIB instances (test/fixtures/), read and turned into a
 * delivery run: node 1 (or the depot) is the station, every other node a
 * village, and every pair's distance — rounded the instance's way — given as
 * a road distance the partner entered, so `planRun` plans on exactly the
 * instance's own distances.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Place, RoadDistances } from '#domain/delivery/distance.ts';
import { roadKey } from '#domain/delivery/distance.ts';
import type { PlanInput, RunItem } from '#domain/delivery/plan.ts';

const fixtures = join(import.meta.dirname, '..', 'fixtures');

export interface RoutingInstance {
  name: string;
  kind: 'EUC_2D' | 'GEO';
  coords: [number, number][];
  /** CVRP only: demand per node (the depot's is 0), vehicle capacity, and the vehicle count in the name. */
  demands?: number[];
  capacity?: number;
  vehicles?: number;
  /** The published optimum. */
  optimum: number;
}

/** TSPLIB's published optimal tour lengths (TSPLIB95, STSP.html). */
export const tsplibOptima: Record<string, number> = {
  burma14: 3323,
  ulysses16: 6859,
  ulysses22: 7013,
  eil51: 426,
  st70: 675,
  eil76: 538,
  pr76: 108159,
  kroA100: 21282,
  kroB100: 22141,
  kroC100: 20749,
  kroD100: 21294,
};

function sections(text: string): { header: Map<string, string>; body: Map<string, string[]> } {
  const header = new Map<string, string>();
  const body = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line === 'EOF') continue;
    const colon = /^([A-Z_]+)\s*:\s*(.*)$/.exec(line);
    if (colon) {
      header.set(colon[1]!, colon[2]!.trim());
      current = undefined;
    } else if (/^[A-Z_]+$/.test(line)) {
      current = [];
      body.set(line, current);
    } else current?.push(line);
  }
  return { header, body };
}

function parse(text: string, optimum: number): RoutingInstance {
  const { header, body } = sections(text);
  const name = header.get('NAME')!.replace(/\.tsp$/, '');
  const kind = header.get('EDGE_WEIGHT_TYPE') as RoutingInstance['kind'];
  if (kind !== 'EUC_2D' && kind !== 'GEO') throw new Error(`${name}: ${kind} distances are not supported`);
  const coords = body.get('NODE_COORD_SECTION')!.map((l) => {
    const [, x, y] = l.split(/\s+/).map(Number);
    return [x!, y!] as [number, number];
  });
  const dimension = Number(header.get('DIMENSION'));
  if (coords.length !== dimension) throw new Error(`${name}: ${coords.length} coordinates for dimension ${dimension}`);
  const demandLines = body.get('DEMAND_SECTION');
  if (!demandLines) return { name, kind, coords, optimum };
  const demands = demandLines.map((l) => Number(l.split(/\s+/)[1]));
  return { name, kind, coords, demands, capacity: Number(header.get('CAPACITY')), vehicles: Number(/-k(\d+)$/.exec(name)![1]), optimum };
}

export function tsplibInstances(): RoutingInstance[] {
  return readdirSync(join(fixtures, 'tsplib'))
    .filter((f) => f.endsWith('.tsp'))
    .map((f) => {
      const name = f.replace(/\.tsp$/, '');
      const optimum = tsplibOptima[name];
      if (optimum === undefined) throw new Error(`no published optimum for ${name}`);
      return parse(readFileSync(join(fixtures, 'tsplib', f), 'utf8'), optimum);
    })
    .sort((a, b) => a.coords.length - b.coords.length || a.name.localeCompare(b.name));
}

/** CVRPLIB instances; the optimum is the one the file's COMMENT quotes (the same as CVRPLIB's table). */
export function cvrplibInstances(): RoutingInstance[] {
  return readdirSync(join(fixtures, 'cvrplib'))
    .filter((f) => f.endsWith('.vrp'))
    .map((f) => {
      const text = readFileSync(join(fixtures, 'cvrplib', f), 'utf8');
      const optimum = Number(/Optimal value:\s*(\d+)/.exec(text)?.[1]);
      if (!optimum) throw new Error(`${f}: no optimal value in its COMMENT`);
      return parse(text, optimum);
    })
    .sort((a, b) => a.coords.length - b.coords.length || a.name.localeCompare(b.name));
}

/** TSPLIB's GEO distance: coordinates in degrees.minutes, earth radius 6378.388 km, truncated then + 1. */
function geo(a: [number, number], b: [number, number]): number {
  const rad = (x: number) => {
    const deg = Math.trunc(x);
    return (3.141592 * (deg + (5 * (x - deg)) / 3)) / 180;
  };
  const [latA, lonA] = [rad(a[0]), rad(a[1])];
  const [latB, lonB] = [rad(b[0]), rad(b[1])];
  const q1 = Math.cos(lonA - lonB);
  const q2 = Math.cos(latA - latB);
  const q3 = Math.cos(latA + latB);
  return Math.trunc(6378.388 * Math.acos(0.5 * ((1 + q1) * q2 - (1 - q1) * q3)) + 1);
}

/** EUC_2D: Euclidean, rounded to the nearest integer (TSPLIB and CVRPLIB alike). */
const euc2d = (a: [number, number], b: [number, number]) => Math.round(Math.hypot(a[0] - b[0], a[1] - b[1]));

export function instanceDistance(instance: RoutingInstance): (i: number, j: number) => number {
  const f = instance.kind === 'GEO' ? geo : euc2d;
  return (i, j) => (i === j ? 0 : f(instance.coords[i]!, instance.coords[j]!));
}

const placeId = (i: number) => (i === 0 ? 'depot' : `c${String(i).padStart(3, '0')}`);

/**
 * The instance as a delivery run: one item per customer weighing its demand
 * (one parcel each, never the binding limit), the vehicle's capacity in kg,
 * and every distance entered as a road. A TSP is a run whose capacity holds
 * everything: one trip.
 */
export function asPlanInput(instance: RoutingInstance): PlanInput {
  const distance = instanceDistance(instance);
  const n = instance.coords.length;
  const places: Place[] = instance.coords.map((_, i) => ({ id: placeId(i), location: { lat: 0, lon: 0 } }));
  const roads: Record<string, number> = {};
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) roads[roadKey(placeId(i), placeId(j))] = distance(i, j);
  const items: RunItem[] = places
    .slice(1)
    .map((p, i) => ({ kind: 'order', id: `o-${p.id}`, villageId: p.id, weightKg: instance.demands?.[i + 1] ?? 1, parcels: 1 }));
  return {
    station: places[0]!,
    roadFactor: 1,
    villages: places.slice(1),
    items,
    capacity: { kg: instance.capacity ?? n, parcels: n },
    roads: roads as RoadDistances,
  };
}
