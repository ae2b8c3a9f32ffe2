import { seededRandom } from '#domain/delivery/tsp.ts';

/** The planner's seeded generator with helpers, so a failing workload can be replayed from its seed. */
export function seeded(seed: number) {
  const next = seededRandom(seed);
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(xs: readonly T[]): T | undefined => (xs.length ? xs[Math.floor(next() * xs.length)] : undefined),
    chance: (p: number) => next() < p,
  };
}
