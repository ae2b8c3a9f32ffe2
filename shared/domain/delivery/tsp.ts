/**
 * Ordering the stops of one trip from the station (node 0) and back: the
 * travelling salesman problem on a small distance matrix. Exact (Held–Karp
 * dynamic programming) up to `exactLimit` stops; above that, iterated local
 * search from a nearest-neighbour start: 2-opt and Or-opt moves between each
 * stop and its nearest neighbours, from a queue of stops whose edges changed,
 * and local double-bridge kicks repaired only where they cut. It reaches
 * TSPLIB's optima on the instances up to 100 cities in test/fixtures/.
 */
import { flatMatrix, nearestNeighbours } from './neighbours.ts';

export type Matrix = readonly (readonly number[])[];

/** Where exact search stops: 12 stops take about a millisecond; each more doubles it. */
export const exactLimit = 12;

export function tourLength(d: Matrix, tour: readonly number[]): number {
  if (tour.length === 0) return 0;
  let total = d[0]![tour[0]!]!;
  for (let i = 1; i < tour.length; i++) total += d[tour[i - 1]!]![tour[i]!]!;
  return total + d[tour.at(-1)!]![0]!;
}

/** Held–Karp: the shortest tour through `stops` (node ids ≥ 1), starting and ending at node 0. */
export function exactTour(d: Matrix, stops: readonly number[]): number[] {
  const m = stops.length;
  if (m <= 2) return [...stops];
  const full = 1 << m;
  const cost = new Float64Array(full * m).fill(Infinity);
  const parent = new Int8Array(full * m).fill(-1);
  for (let j = 0; j < m; j++) cost[(1 << j) * m + j] = d[0]![stops[j]!]!;
  for (let mask = 1; mask < full; mask++) {
    for (let j = 0; j < m; j++) {
      const here = cost[mask * m + j]!;
      if (here === Infinity || !(mask & (1 << j))) continue;
      const from = d[stops[j]!]!;
      for (let k = 0; k < m; k++) {
        if (mask & (1 << k)) continue;
        const next = mask | (1 << k);
        const c = here + from[stops[k]!]!;
        if (c < cost[next * m + k]!) {
          cost[next * m + k] = c;
          parent[next * m + k] = j;
        }
      }
    }
  }
  let best = Infinity;
  let last = 0;
  for (let j = 0; j < m; j++) {
    const c = cost[(full - 1) * m + j]! + d[stops[j]!]![0]!;
    if (c < best) {
      best = c;
      last = j;
    }
  }
  const order: number[] = [];
  for (let mask = full - 1, j = last; j >= 0;) {
    order.push(stops[j]!);
    const p = parent[mask * m + j]!;
    mask &= ~(1 << j);
    j = p;
  }
  return order.reverse();
}

/** A small seeded generator, so a plan is the same every time for the same input. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0 || 1;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function nearestNeighbour(d: Float64Array, n: number): Int32Array {
  const tour = new Int32Array(n);
  const used = new Uint8Array(n);
  used[0] = 1;
  for (let i = 1, at = 0; i < n; i++) {
    let best = -1;
    let bestD = Infinity;
    for (let s = 1; s < n; s++) {
      if (!used[s] && d[at * n + s]! < bestD) {
        bestD = d[at * n + s]!;
        best = s;
      }
    }
    tour[i] = best;
    used[best] = 1;
    at = best;
  }
  return tour;
}

const eps = 1e-9;

/**
 * A closed tour over local nodes 0..n-1 held in an array with each node's
 * position, improved by 2-opt and Or-opt moves tried only between a node and
 * its nearest neighbours, and only from nodes whose edges changed lately
 * (don't-look bits: a queue of the nodes still worth looking at).
 */
class Tour {
  readonly order: Int32Array;
  readonly pos: Int32Array;
  private readonly scratch: Int32Array;
  private readonly queue: Int32Array;
  private readonly queued: Uint8Array;
  private head = 0;
  private size = 0;
  length: number;

  constructor(
    private readonly d: Float64Array,
    private readonly n: number,
    private readonly nb: Int32Array,
    private readonly k: number,
    order: Int32Array,
  ) {
    this.order = order;
    this.pos = new Int32Array(n);
    this.scratch = new Int32Array(n);
    this.queue = new Int32Array(n);
    this.queued = new Uint8Array(n);
    for (let i = 0; i < n; i++) this.pos[order[i]!] = i;
    let total = 0;
    for (let i = 0; i < n; i++) total += d[order[i]! * n + order[(i + 1) % n]!]!;
    this.length = total;
  }

  succ(a: number): number {
    const i = this.pos[a]! + 1;
    return this.order[i === this.n ? 0 : i]!;
  }

  pred(a: number): number {
    const i = this.pos[a]!;
    return this.order[i === 0 ? this.n - 1 : i - 1]!;
  }

  private dist(a: number, b: number): number {
    return this.d[a * this.n + b]!;
  }

  wake(a: number): void {
    if (this.queued[a]) return;
    this.queued[a] = 1;
    this.queue[(this.head + this.size++) % this.n] = a;
  }

  /** Reverses the path from `from` forward to `to`, or the rest of the cycle when that is shorter (the same tour). */
  private reverse(from: number, to: number): void {
    const { n, order, pos } = this;
    let i = pos[from]!;
    let j = pos[to]!;
    let len = ((j - i + n) % n) + 1;
    if (len * 2 > n) {
      const ni = (j + 1) % n;
      j = (i - 1 + n) % n;
      i = ni;
      len = n - len;
    }
    for (let s = 0; s < len >> 1; s++) {
      const a = order[i]!;
      const b = order[j]!;
      order[i] = b;
      pos[b] = i;
      order[j] = a;
      pos[a] = j;
      i = i + 1 === n ? 0 : i + 1;
      j = j === 0 ? n - 1 : j - 1;
    }
  }

  /** Takes the `len` nodes from `first` onwards out and puts them back beside `at` (after it or before it), maybe reversed. */
  private moveSegment(first: number, len: number, at: number, after: boolean, reversed: boolean): void {
    const { n, order, pos, scratch } = this;
    const start = pos[first]!;
    let w = 0;
    for (let s = len; s < n; s++) {
      const node = order[(start + s) % n]!;
      if (node === at && after) scratch[w++] = node;
      if (node === at) {
        for (let t = 0; t < len; t++) scratch[w++] = order[(start + (reversed ? len - 1 - t : t)) % n]!;
      }
      if (node !== at || !after) scratch[w++] = node;
    }
    order.set(scratch);
    for (let i = 0; i < n; i++) pos[order[i]!] = i;
  }

  private inSegment(node: number, first: number, len: number): boolean {
    return (this.pos[node]! - this.pos[first]! + this.n) % this.n < len;
  }

  private twoOpt(a: number): boolean {
    const { nb, k } = this;
    for (let dir = 0; dir < 2; dir++) {
      const b = dir === 0 ? this.succ(a) : this.pred(a);
      const dab = this.dist(a, b);
      for (let t = 0; t < k; t++) {
        const c = nb[a * k + t]!;
        if (c < 0) break;
        const dac = this.dist(a, c);
        if (dac >= dab) break;
        const e = dir === 0 ? this.succ(c) : this.pred(c);
        if (c === b || e === a) continue;
        const delta = dac + this.dist(b, e) - dab - this.dist(c, e);
        if (delta < -eps) {
          if (dir === 0) this.reverse(b, c);
          else this.reverse(c, b);
          this.length += delta;
          for (const x of [a, b, c, e]) this.wake(x);
          return true;
        }
      }
    }
    return false;
  }

  /** Or-opt: a run of 1–3 nodes starting or ending at `a` moved next to a neighbour of one of its ends, either way round. */
  private orOpt(a: number): boolean {
    const { n, nb, k } = this;
    for (let len = 1; len <= 3 && len < n - 2; len++) {
      for (let back = 0; back < (len === 1 ? 1 : 2); back++) {
        const first = back ? this.order[(this.pos[a]! - len + 1 + n) % n]! : a;
        const last = this.order[(this.pos[first]! + len - 1) % n]!;
        const p = this.pred(first);
        const q = this.succ(last);
        const gain = this.dist(p, first) + this.dist(last, q) - this.dist(p, q);
        if (gain <= eps) continue;
        for (let end = 0; end < 2; end++) {
          const e = end === 0 ? first : last;
          for (let t = 0; t < k; t++) {
            const c = nb[e * k + t]!;
            if (c < 0) break;
            const dec = this.dist(e, c);
            if (dec >= gain) break;
            if (this.inSegment(c, first, len)) continue;
            // c's neighbour on the side the run goes: after c, or before c.
            for (let side = 0; side < 2; side++) {
              const f = side === 0 ? this.succ(c) : this.pred(c);
              if (this.inSegment(f, first, len)) continue;
              // After c: c, e ... other, f. Before c: f, other ... e, c.
              const other = e === first ? last : first;
              const add = dec + this.dist(other, f) - this.dist(c, f);
              if (add - gain < -eps) {
                const after = side === 0;
                // Forward order is first..last; after c with e === first keeps it, before c with e === last keeps it.
                const reversed = after ? e !== first : e !== last;
                this.moveSegment(first, len, c, after, reversed);
                this.length += add - gain;
                for (const x of [p, q, first, last, c, f]) this.wake(x);
                return true;
              }
            }
          }
        }
      }
    }
    return false;
  }

  /** Runs 2-opt and Or-opt from every queued node until none improves. */
  optimise(): void {
    while (this.size > 0) {
      const a = this.queue[this.head]!;
      this.head = (this.head + 1) % this.n;
      this.size--;
      this.queued[a] = 0;
      while (this.twoOpt(a) || this.orOpt(a)) {
        /* keep improving around a */
      }
    }
  }

  /** Double bridge on a stretch of the tour: two adjacent runs swap places (A B C D → A C B D), a change 2-opt and Or-opt cannot undo. */
  kick(random: () => number, maxRun: number): void {
    const { n, order } = this;
    const start = Math.floor(random() * n);
    const l1 = 1 + Math.floor(random() * maxRun);
    const l2 = 1 + Math.floor(random() * maxRun);
    const x = order[start]!;
    const a1 = order[(start + 1) % n]!;
    const a2 = order[(start + l1) % n]!;
    const b1 = order[(start + l1 + 1) % n]!;
    const b2 = order[(start + l1 + l2) % n]!;
    const y = order[(start + l1 + l2 + 1) % n]!;
    this.length += this.dist(x, b1) + this.dist(b2, a1) + this.dist(a2, y) - this.dist(x, a1) - this.dist(a2, b1) - this.dist(b2, y);
    this.moveSegment(a1, l1, b2, true, false);
    for (const z of [x, a1, a2, b1, b2, y]) this.wake(z);
  }

  recount(): number {
    let total = 0;
    for (let i = 0; i < this.n; i++) total += this.d[this.order[i]! * this.n + this.order[(i + 1) % this.n]!]!;
    this.length = total;
    return total;
  }
}

export interface HeuristicOptions {
  /** Kicks after the first local optimum; by default 30 per stop, at most 6,000. */
  iterations?: number;
  seed?: number;
}

/** Neighbour-list size for the single-tour search. */
const tourNeighbours = 10;

/**
 * Iterated local search from a nearest-neighbour start: each kick swaps two
 * short runs of the tour, 2-opt and Or-opt repair only around the kick, and
 * the result is kept when it is no longer than before.
 */
export function heuristicTour(d: Matrix, stops: readonly number[], options: HeuristicOptions = {}): number[] {
  if (stops.length <= 3) return exactTour(d, stops);
  const local = [0, ...stops];
  const n = local.length;
  const flat = flatMatrix(d, local);
  const k = Math.min(tourNeighbours, n - 1);
  const nb = nearestNeighbours(
    flat,
    n,
    k,
    local.map((_, i) => i),
  );
  const random = seededRandom(options.seed ?? 42);
  const tour = new Tour(flat, n, nb, k, nearestNeighbour(flat, n));
  for (let i = 0; i < n; i++) tour.wake(tour.order[i]!);
  tour.optimise();
  const kept = Int32Array.from(tour.order);
  let keptLength = tour.recount();
  const iterations = options.iterations ?? Math.min(6000, 30 * stops.length);
  const maxRun = Math.max(1, Math.min(30, Math.floor((n - 2) / 3)));
  for (let i = 0; i < iterations; i++) {
    tour.kick(random, maxRun);
    tour.optimise();
    if (tour.length <= keptLength + eps) {
      keptLength = tour.length;
      kept.set(tour.order);
    } else {
      tour.order.set(kept);
      for (let j = 0; j < n; j++) tour.pos[tour.order[j]!] = j;
      tour.length = keptLength;
    }
  }
  // Rotate so the station (local 0) comes first, then map back.
  tour.order.set(kept);
  const at = kept.indexOf(0);
  const out: number[] = [];
  for (let s = 1; s < n; s++) out.push(local[kept[(at + s) % n]!]!);
  return out;
}

/** The best order for a trip's stops: exact when small enough, iterated local search beyond. */
export function bestTour(d: Matrix, stops: readonly number[], options: HeuristicOptions = {}): number[] {
  return stops.length <= exactLimit ? exactTour(d, stops) : heuristicTour(d, stops, options);
}
