/**
 * Compact distance matrices and nearest-neighbour lists, the "granular"
 * neighbourhoods of the searches: a move is only tried between a stop and one
 * of its few nearest stops, since a good tour almost never joins far-apart ones.
 */
import type { Matrix } from './tsp.ts';

/** `nodes[i]`'s distances to every other of `nodes`, row-major in one array (local index i). */
export function flatMatrix(d: Matrix, nodes: readonly number[]): Float64Array {
  const n = nodes.length;
  const flat = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const row = d[nodes[i]!]!;
    for (let j = 0; j < n; j++) flat[i * n + j] = row[nodes[j]!]!;
  }
  return flat;
}

/**
 * For each local node, the `k` nearest of the `candidates` (never itself),
 * nearest first, ties broken by index so the lists are the same every run.
 * Row i lives at `[i * k, i * k + k)`.
 */
export function nearestNeighbours(flat: Float64Array, n: number, k: number, candidates: readonly number[]): Int32Array {
  const lists = new Int32Array(n * k).fill(-1);
  const order = new Int32Array(candidates.length);
  for (let i = 0; i < n; i++) {
    let m = 0;
    for (const c of candidates) if (c !== i) order[m++] = c;
    const row = order.subarray(0, m).sort((a, b) => flat[i * n + a]! - flat[i * n + b]! || a - b);
    for (let t = 0; t < k && t < m; t++) lists[i * k + t] = row[t]!;
  }
  return lists;
}
