/**
 * The planning bars of docs/quality.md "Delivery planning" against published
 * optima: every TSPLIB and CVRPLIB fixture (test/fixtures/README.md) planned by
 * `planRun` with its defaults — the effort the API uses — on the instance's own
 * rounded distances. The bench (bench/planner.ts) times the same instances; no
 * time is asserted here.
 */
import { describe, expect, test } from 'vitest';
import { planRun, type Plan } from '#domain/delivery/plan.ts';
import { asPlanInput, cvrplibInstances, instanceDistance, tsplibInstances, type RoutingInstance } from '../support/routing-instances.ts';

/** The plan's length measured again from the instance itself, not taken from the plan. */
function measured(instance: RoutingInstance, plan: Plan): number {
  const distance = instanceDistance(instance);
  const node = (villageId: string) => Number(villageId.slice(1));
  return plan.trips.reduce((total, trip) => {
    const path = [0, ...trip.stops.map((s) => node(s.villageId)), 0];
    return total + path.slice(1).reduce((sum, to, i) => sum + distance(path[i]!, to), 0);
  }, 0);
}

function visitsEveryNodeOnce(instance: RoutingInstance, plan: Plan) {
  const visited = plan.trips.flatMap((t) => t.stops.map((s) => Number(s.villageId.slice(1)))).sort((a, b) => a - b);
  expect(visited).toEqual(Array.from({ length: instance.coords.length - 1 }, (_, i) => i + 1));
}

describe('one trip: TSPLIB instances up to 100 cities within 0.5% of the optimum', () => {
  test.each(tsplibInstances().map((i) => [i.name, i] as const))('%s', (_, instance) => {
    const plan = planRun(asPlanInput(instance));
    expect(plan.trips).toHaveLength(1);
    visitsEveryNodeOnce(instance, plan);
    const length = measured(instance, plan);
    expect(plan.distanceKm).toBe(length);
    expect(length).toBeGreaterThanOrEqual(instance.optimum);
    expect(length / instance.optimum).toBeLessThanOrEqual(1.005);
  });
});

describe('several trips: CVRPLIB sets A, E and P within 1% of the optima on average, none above 2.5%', () => {
  const instances = cvrplibInstances();
  const gaps = new Map<string, number>();

  test.each(instances.map((i) => [i.name, i] as const))(
    '%s: each customer once, no trip over capacity, at most one trip more than its vehicles, within 2.5%%',
    (_, instance) => {
      const plan = planRun(asPlanInput(instance));
      visitsEveryNodeOnce(instance, plan);
      for (const trip of plan.trips) expect(trip.weightKg).toBeLessThanOrEqual(instance.capacity!);
      expect(plan.trips.length).toBeLessThanOrEqual(instance.vehicles! + 1);
      const length = measured(instance, plan);
      expect(plan.distanceKm).toBe(length);
      const gap = length / instance.optimum - 1;
      gaps.set(instance.name, gap);
      expect(gap).toBeLessThanOrEqual(0.025);
    },
  );

  test('the mean gap over every instance is at most 1%', () => {
    expect(gaps.size).toBe(instances.length);
    const mean = [...gaps.values()].reduce((a, b) => a + b, 0) / gaps.size;
    expect(mean).toBeLessThanOrEqual(0.01);
  });
});
