/**
 * Several trips: the capacitated vehicle routing problem over the run's
 * stops. Learnt from the state of the art (Vidal's hybrid genetic search,
 * Christiaens and Vanden Berghe's string removals, Accorsi and Vigo's
 * localised search), kept small:
 *
 * - start: several giant tours (one stop order each), cut into trips by
 *   Prins' split, improved by local search; the best is the start;
 * - local search between trips and within them — relocate one or two stops,
 *   swap stops or pairs, 2-opt within a trip, 2-opt* between two trips — each
 *   move tried only between a stop and its nearest stops (granular), and only
 *   from stops next to a change (a queue, like don't-look bits);
 * - iterated: each round removes a few strings of nearby stops from nearby
 *   trips, puts them back where they cost least, repairs by local search, and
 *   keeps the result by simulated annealing; the best plan seen is returned.
 *
 * No population and crossover as in HGS: at village sizes (up to about a
 * hundred stops) one annealed trajectory of string removals reaches the
 * CVRPLIB optima, or within a percent or so, in the time the API allows.
 * Every trip always fits the vehicle (kg and parcels) — no penalised
 * infeasibility: the removals free room enough. Deterministic for a seed: the
 * budget is a number of rounds, never a clock.
 */
import { nearestNeighbours } from './neighbours.ts';
import { splitTour, type Loads } from './split.ts';
import { heuristicTour, seededRandom } from './tsp.ts';

export interface CvrpOptions {
  seed: number;
  /** Ruin-and-recreate rounds; by default 15 per stop, at most 4,000. */
  iterations?: number;
  /** Giant tours split for the start. */
  starts?: number;
}

/** Nearest stops a stop's moves are tried with. */
const granularity = 8;
const eps = 1e-9;

export function defaultIterations(stops: number): number {
  return Math.min(4000, 15 * stops);
}

/** The trips being searched: each stop's trip, place in it and load up to it, each trip's load, and the stops still to look at. */
class Routes {
  routes: number[][] = [];
  readonly routeOf: Int32Array;
  readonly posOf: Int32Array;
  readonly prefixKg: Float64Array;
  readonly prefixParcels: Float64Array;
  kg: number[] = [];
  parcels: number[] = [];
  private readonly queue: Int32Array;
  private readonly queued: Uint8Array;
  private head = 0;
  private size = 0;

  constructor(
    readonly d: Float64Array,
    readonly n: number,
    readonly loads: Loads,
    readonly nb: Int32Array,
    readonly k: number,
  ) {
    this.routeOf = new Int32Array(n);
    this.posOf = new Int32Array(n);
    this.prefixKg = new Float64Array(n);
    this.prefixParcels = new Float64Array(n);
    this.queue = new Int32Array(n);
    this.queued = new Uint8Array(n);
  }

  load(routes: readonly (readonly number[])[]): void {
    this.routes = routes.filter((r) => r.length > 0).map((r) => [...r]);
    this.kg = [];
    this.parcels = [];
    for (let r = 0; r < this.routes.length; r++) this.refresh(r);
  }

  snapshot(): number[][] {
    return this.routes.filter((r) => r.length > 0).map((r) => [...r]);
  }

  cost(): number {
    let total = 0;
    for (const r of this.routes) total += routeCost(this.d, this.n, r);
    return total;
  }

  refresh(r: number): void {
    const route = this.routes[r]!;
    let kg = 0;
    let parcels = 0;
    for (let i = 0; i < route.length; i++) {
      const v = route[i]!;
      kg += this.loads.kg[v]!;
      parcels += this.loads.parcels[v]!;
      this.routeOf[v] = r;
      this.posOf[v] = i;
      this.prefixKg[v] = kg;
      this.prefixParcels[v] = parcels;
    }
    this.kg[r] = kg;
    this.parcels[r] = parcels;
  }

  succ(v: number): number {
    return this.routes[this.routeOf[v]!]![this.posOf[v]! + 1] ?? 0;
  }

  pred(v: number): number {
    const p = this.posOf[v]!;
    return p === 0 ? 0 : this.routes[this.routeOf[v]!]![p - 1]!;
  }

  private fits(kg: number, parcels: number): boolean {
    return kg <= this.loads.capacityKg && parcels <= this.loads.capacityParcels;
  }

  wake(v: number): void {
    if (v === 0 || this.queued[v]) return;
    this.queued[v] = 1;
    this.queue[(this.head + this.size++) % this.n] = v;
  }

  /** Local search from the queued stops until no move improves. */
  optimise(): void {
    while (this.size > 0) {
      const u = this.queue[this.head]!;
      this.head = (this.head + 1) % this.n;
      this.size--;
      this.queued[u] = 0;
      const { nb, k } = this;
      for (let t = 0; t < k; t++) {
        const v = nb[u * k + t]!;
        if (v < 0) break;
        if (this.tryMoves(u, v)) {
          this.wake(u);
          break;
        }
      }
    }
  }

  private apply(changed: number[], touched: number[]): true {
    for (const r of new Set(changed)) {
      this.refresh(r);
    }
    for (const v of touched) this.wake(v);
    return true;
  }

  /** Every move that would bring v next to u (or u's pair next to v's); the first that shortens the plan is made. */
  private tryMoves(u: number, v: number): boolean {
    const { d, n } = this;
    const { loads } = this;
    const ru = this.routeOf[u]!;
    const rv = this.routeOf[v]!;
    const routeU = this.routes[ru]!;
    const routeV = this.routes[rv]!;
    const iu = this.posOf[u]!;
    const iv = this.posOf[v]!;
    const pu = this.pred(u);
    const xu = this.succ(u);
    const pv = this.pred(v);
    const yv = this.succ(v);
    const same = ru === rv;
    const kgU = loads.kg[u]!;
    const parU = loads.parcels[u]!;
    const kgV = loads.kg[v]!;
    const parV = loads.parcels[v]!;
    const removeU = d[pu * n + xu]! - d[pu * n + u]! - d[u * n + xu]!;

    // Relocate u after v, then before v.
    if (same || this.fits(this.kg[rv]! + kgU, this.parcels[rv]! + parU)) {
      if (v !== pu && removeU + d[v * n + u]! + d[u * n + yv]! - d[v * n + yv]! < -eps) {
        routeU.splice(iu, 1);
        routeV.splice(this.indexIn(routeV, v) + 1, 0, u);
        return this.apply([ru, rv], [pu, xu, v, yv]);
      }
      if (v !== xu && removeU + d[pv * n + u]! + d[u * n + v]! - d[pv * n + v]! < -eps) {
        routeU.splice(iu, 1);
        routeV.splice(this.indexIn(routeV, v), 0, u);
        return this.apply([ru, rv], [pu, xu, pv, v]);
      }
    }

    // Relocate the pair (u, xu) after v, either way round.
    if (xu !== 0 && v !== xu && v !== pu) {
      const xx = this.succ(xu);
      const kgPair = kgU + loads.kg[xu]!;
      const parPair = parU + loads.parcels[xu]!;
      if (same || this.fits(this.kg[rv]! + kgPair, this.parcels[rv]! + parPair)) {
        const remove = d[pu * n + xx]! - d[pu * n + u]! - d[xu * n + xx]!;
        const forward = remove + d[v * n + u]! + d[xu * n + yv]! - d[v * n + yv]!;
        const backward = remove + d[v * n + xu]! + d[u * n + yv]! - d[v * n + yv]!;
        if (Math.min(forward, backward) < -eps) {
          routeU.splice(iu, 2);
          routeV.splice(this.indexIn(routeV, v) + 1, 0, ...(forward <= backward ? [u, xu] : [xu, u]));
          return this.apply([ru, rv], [pu, xx, v, yv]);
        }
      }
    }

    // Swap u and v (not next to each other: relocation covers that).
    if (v !== xu && v !== pu) {
      const fitsSwap =
        same || (this.fits(this.kg[rv]! - kgV + kgU, this.parcels[rv]! - parV + parU) && this.fits(this.kg[ru]! - kgU + kgV, this.parcels[ru]! - parU + parV));
      if (fitsSwap) {
        const delta = d[pu * n + v]! + d[v * n + xu]! - d[pu * n + u]! - d[u * n + xu]! + d[pv * n + u]! + d[u * n + yv]! - d[pv * n + v]! - d[v * n + yv]!;
        if (delta < -eps) {
          routeU[iu] = v;
          routeV[iv] = u;
          return this.apply([ru, rv], [pu, xu, pv, yv]);
        }
      }
    }

    if (!same) {
      // Swap the pair (u, xu) with v, and with the pair (v, yv).
      if (xu !== 0) {
        const xx = this.succ(xu);
        const kgPair = kgU + loads.kg[xu]!;
        const parPair = parU + loads.parcels[xu]!;
        if (
          this.fits(this.kg[rv]! - kgV + kgPair, this.parcels[rv]! - parV + parPair) &&
          this.fits(this.kg[ru]! - kgPair + kgV, this.parcels[ru]! - parPair + parV)
        ) {
          const delta = d[pu * n + v]! + d[v * n + xx]! - d[pu * n + u]! - d[xu * n + xx]! + d[pv * n + u]! + d[xu * n + yv]! - d[pv * n + v]! - d[v * n + yv]!;
          if (delta < -eps) {
            routeU.splice(iu, 2, v);
            routeV.splice(iv, 1, u, xu);
            return this.apply([ru, rv], [pu, xx, pv, yv]);
          }
        }
        if (yv !== 0) {
          const yy = this.succ(yv);
          const kgPairV = kgV + loads.kg[yv]!;
          const parPairV = parV + loads.parcels[yv]!;
          if (
            this.fits(this.kg[rv]! - kgPairV + kgPair, this.parcels[rv]! - parPairV + parPair) &&
            this.fits(this.kg[ru]! - kgPair + kgPairV, this.parcels[ru]! - parPair + parPairV)
          ) {
            const delta =
              d[pu * n + v]! + d[yv * n + xx]! - d[pu * n + u]! - d[xu * n + xx]! + d[pv * n + u]! + d[xu * n + yy]! - d[pv * n + v]! - d[yv * n + yy]!;
            if (delta < -eps) {
              routeU.splice(iu, 2, v, yv);
              routeV.splice(iv, 2, u, xu);
              return this.apply([ru, rv], [pu, xx, pv, yy]);
            }
          }
        }
      }
      return this.twoOptStar(u, v, ru, rv, pu, xu, pv, yv);
    }
    return this.twoOptWithin(u, v, ru);
  }

  private indexIn(route: number[], v: number): number {
    // After a splice in the same route, v's position may have moved by one.
    const p = this.posOf[v]!;
    return route[p] === v ? p : route.indexOf(v);
  }

  /** Reverse part of one trip so that u and v become neighbours. */
  private twoOptWithin(u: number, v: number, r: number): boolean {
    const { d, n } = this;
    const route = this.routes[r]!;
    const [a, b] = this.posOf[u]! < this.posOf[v]! ? [u, v] : [v, u];
    const ia = this.posOf[a]!;
    const ib = this.posOf[b]!;
    const pa = this.pred(a);
    const xa = this.succ(a);
    const pb = this.pred(b);
    const yb = this.succ(b);
    // a b' ... : reverse (a+1 .. b), new edges (a, b) and (a+1, b+1).
    if (xa !== b && d[a * n + b]! + d[xa * n + yb]! - d[a * n + xa]! - d[b * n + yb]! < -eps) {
      reverseRange(route, ia + 1, ib);
      return this.apply([r], [a, xa, b, yb]);
    }
    // reverse (a .. b-1), new edges (a-1, b-1) and (a, b).
    if (pb !== a && d[pa * n + pb]! + d[a * n + b]! - d[pa * n + a]! - d[pb * n + b]! < -eps) {
      reverseRange(route, ia, ib - 1);
      return this.apply([r], [pa, a, pb, b]);
    }
    return false;
  }

  /** 2-opt* between two trips: exchange their ends, or join their heads (one reversed) and their tails. */
  private twoOptStar(u: number, v: number, ru: number, rv: number, pu: number, xu: number, pv: number, yv: number): boolean {
    const { d, n } = this;
    const routeU = this.routes[ru]!;
    const routeV = this.routes[rv]!;
    const iu = this.posOf[u]!;
    const iv = this.posOf[v]!;
    const kgU = this.prefixKg[u]!;
    const parU = this.prefixParcels[u]!;
    const kgV = this.prefixKg[v]!;
    const parV = this.prefixParcels[v]!;
    const kgPv = kgV - this.loads.kg[v]!;
    const parPv = parV - this.loads.parcels[v]!;
    const kgPu = kgU - this.loads.kg[u]!;
    const parPu = parU - this.loads.parcels[u]!;
    const totalKgU = this.kg[ru]!;
    const totalParU = this.parcels[ru]!;
    const totalKgV = this.kg[rv]!;
    const totalParV = this.parcels[rv]!;

    // ...u → v...  and  ...pv → xu...
    if (
      d[u * n + v]! + d[pv * n + xu]! - d[u * n + xu]! - d[pv * n + v]! < -eps &&
      this.fits(kgU + totalKgV - kgPv, parU + totalParV - parPv) &&
      this.fits(kgPv + totalKgU - kgU, parPv + totalParU - parU)
    ) {
      const a = [...routeU.slice(0, iu + 1), ...routeV.slice(iv)];
      const b = [...routeV.slice(0, iv), ...routeU.slice(iu + 1)];
      this.routes[ru] = a;
      this.routes[rv] = b;
      return this.apply([ru, rv], [u, v, pv, xu]);
    }
    // ...v → u...  and  ...pu → yv...
    if (
      d[v * n + u]! + d[pu * n + yv]! - d[v * n + yv]! - d[pu * n + u]! < -eps &&
      this.fits(kgV + totalKgU - kgPu, parV + totalParU - parPu) &&
      this.fits(kgPu + totalKgV - kgV, parPu + totalParV - parV)
    ) {
      const a = [...routeV.slice(0, iv + 1), ...routeU.slice(iu)];
      const b = [...routeU.slice(0, iu), ...routeV.slice(iv + 1)];
      this.routes[rv] = a;
      this.routes[ru] = b;
      return this.apply([ru, rv], [u, v, pu, yv]);
    }
    // heads joined at u–v (v's head reversed), tails joined at xu–yv (u's tail reversed)
    if (
      d[u * n + v]! + d[xu * n + yv]! - d[u * n + xu]! - d[v * n + yv]! < -eps &&
      this.fits(kgU + kgV, parU + parV) &&
      this.fits(totalKgU - kgU + totalKgV - kgV, totalParU - parU + totalParV - parV)
    ) {
      const a = [...routeU.slice(0, iu + 1), ...routeV.slice(0, iv + 1).reverse()];
      const b = [...routeU.slice(iu + 1).reverse(), ...routeV.slice(iv + 1)];
      this.routes[ru] = a;
      this.routes[rv] = b;
      return this.apply([ru, rv], [u, v, xu, yv]);
    }
    // heads to pu–pv, tails joined at u–v
    if (
      d[pu * n + pv]! + d[u * n + v]! - d[pu * n + u]! - d[pv * n + v]! < -eps &&
      this.fits(kgPu + kgPv, parPu + parPv) &&
      this.fits(totalKgU - kgPu + totalKgV - kgPv, totalParU - parPu + totalParV - parPv)
    ) {
      const a = [...routeU.slice(0, iu), ...routeV.slice(0, iv).reverse()];
      const b = [...routeU.slice(iu).reverse(), ...routeV.slice(iv)];
      this.routes[ru] = a;
      this.routes[rv] = b;
      return this.apply([ru, rv], [u, v, pu, pv]);
    }
    return false;
  }

  /** The cheapest place for v among the trips it fits in (or a trip of its own). */
  insert(v: number, random: () => number): void {
    const { d, n } = this;
    const { loads } = this;
    let best = 2 * d[0 * n + v]!;
    let bestRoute = -1;
    let bestAt = 0;
    for (let r = 0; r < this.routes.length; r++) {
      const route = this.routes[r]!;
      if (route.length === 0) continue;
      if (!this.fits(this.kg[r]! + loads.kg[v]!, this.parcels[r]! + loads.parcels[v]!)) continue;
      let prev = 0;
      for (let i = 0; i <= route.length; i++) {
        const next = route[i] ?? 0;
        const cost = d[prev * n + v]! + d[v * n + next]! - d[prev * n + next]!;
        // Blinks: now and then a good place is passed over, which varies the plans tried.
        if (cost < best - eps && random() >= 0.01) {
          best = cost;
          bestRoute = r;
          bestAt = i;
        }
        prev = next;
      }
    }
    if (bestRoute < 0) {
      this.routes.push([v]);
      bestRoute = this.routes.length - 1;
    } else this.routes[bestRoute]!.splice(bestAt, 0, v);
    this.refresh(bestRoute);
  }

  remove(v: number): void {
    const r = this.routeOf[v]!;
    this.routes[r]!.splice(this.posOf[v]!, 1);
    this.refresh(r);
  }
}

function reverseRange(route: number[], i: number, j: number): void {
  for (; i < j; i++, j--) {
    const t = route[i]!;
    route[i] = route[j]!;
    route[j] = t;
  }
}

function routeCost(d: Float64Array, n: number, route: readonly number[]): number {
  if (route.length === 0) return 0;
  let total = d[route[0]!]!;
  for (let i = 1; i < route.length; i++) total += d[route[i - 1]! * n + route[i]!]!;
  return total + d[route.at(-1)! * n]!;
}

/**
 * The trips (lists of nodes 1..n-1) that carry every node's load at least
 * total distance found within the budget. `d` is row-major over nodes 0..n-1,
 * node 0 the station.
 */
export function searchTrips(d: Float64Array, n: number, loads: Loads, options: CvrpOptions): number[][] {
  const stops = n - 1;
  if (stops === 0) return [];
  const random = seededRandom(options.seed);
  const customers = Array.from({ length: stops }, (_, i) => i + 1);
  const k = Math.min(granularity, stops - 1);
  const nb = nearestNeighbours(d, n, Math.max(k, 1), customers);
  // Every stop's others, nearest first: where a string removal looks for the next trip to cut.
  const near = nearestNeighbours(d, n, Math.max(stops - 1, 1), customers);
  const state = new Routes(d, n, loads, nb, k);

  // The start: giant tours cut by split, each polished; the best one.
  const matrix = Array.from({ length: n }, (_, i) => Array.from(d.subarray(i * n, i * n + n)));
  let current: number[][] = [];
  let currentCost = Infinity;
  for (let s = 0; s < (options.starts ?? 3); s++) {
    const giant = heuristicTour(matrix, customers, { seed: options.seed + 101 * s, iterations: 2 * stops });
    state.load(splitTour(d, n, giant, loads));
    for (const v of customers) state.wake(v);
    state.optimise();
    const cost = state.cost();
    if (cost < currentCost - eps) {
      current = state.snapshot();
      currentCost = cost;
    }
  }
  let best = current;
  let bestCost = currentCost;

  const iterations = options.iterations ?? defaultIterations(stops);
  // Temperatures in units of an average edge of the start, so they fit any scale of distances.
  const edge = currentCost / (stops + current.length);
  const hot = 0.4 * edge;
  const cold = 0.002 * edge;
  const maxRemoved = Math.max(2, Math.min(20, Math.round(stops / 2)));
  const maxString = Math.max(1, Math.min(8, Math.round(stops / current.length)));
  state.load(current);
  for (let it = 0; it < iterations; it++) {
    const temperature = hot * (cold / hot) ** (it / iterations);
    const removed = ruin(state, near, stops - 1, random, 1 + Math.floor(random() * maxRemoved), maxString);
    recreate(state, removed, random, loads);
    state.optimise();
    const cost = state.cost();
    if (cost < currentCost - temperature * Math.log(1 - random())) {
      current = state.snapshot();
      currentCost = cost;
      if (cost < bestCost - eps) {
        best = current;
        bestCost = cost;
      }
    } else state.load(current);
  }
  return best.map((r) => [...r]);
}

/** Removes strings of consecutive stops from trips near a random stop; returns what it removed. */
function ruin(state: Routes, near: Int32Array, width: number, random: () => number, count: number, maxString: number): number[] {
  const seed = 1 + Math.floor(random() * (state.n - 1));
  const removed: number[] = [];
  const ruined = new Set<number>();
  for (let t = -1; t < width && removed.length < count; t++) {
    const c = t < 0 ? seed : near[seed * width + t]!;
    if (c < 0) break;
    const r = state.routeOf[c]!;
    if (ruined.has(r)) continue;
    const route = state.routes[r]!;
    if (route.length === 0 || route.indexOf(c) < 0) continue;
    ruined.add(r);
    const len = Math.min(route.length, 1 + Math.floor(random() * maxString), count - removed.length);
    const at = state.posOf[c]!;
    const from = Math.max(0, Math.min(route.length - len, at - Math.floor(random() * len)));
    const string = route.slice(from, from + len);
    const before = route[from - 1];
    const after = route[from + len];
    for (const v of string) state.remove(v);
    removed.push(...string);
    if (before !== undefined) state.wake(before);
    if (after !== undefined) state.wake(after);
  }
  return removed;
}

/** Puts the removed stops back, each at its cheapest place, in one of a few orders. */
function recreate(state: Routes, removed: number[], random: () => number, loads: Loads): void {
  const pick = random();
  if (pick < 0.4) shuffle(removed, random);
  else if (pick < 0.8) removed.sort((a, b) => loads.kg[b]! - loads.kg[a]! || loads.parcels[b]! - loads.parcels[a]!);
  else if (pick < 0.9) removed.sort((a, b) => state.d[b]! - state.d[a]!);
  else removed.sort((a, b) => state.d[a]! - state.d[b]!);
  for (const v of removed) {
    state.insert(v, random);
    state.wake(v);
    state.wake(state.pred(v));
    state.wake(state.succ(v));
  }
}

function shuffle(xs: number[], random: () => number): void {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
}
