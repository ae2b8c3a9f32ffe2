import { runSheet } from '#domain/delivery/run-sheet.ts';
import type { RouteHandler } from '#http/route.ts';
import * as parcelStore from '#store/parcels.ts';
import * as runStore from '#store/runs.ts';
import * as stationStore from '#store/stations.ts';
import type { deliveryApi } from './api.ts';
import { ordersAndTasks, villagersOf } from '#store/stop-context.ts';

export const getRun: RouteHandler<typeof deliveryApi.getRun> = async (req) => ({ status: 200, body: await runStore.getFor(req.principal, req.params.runId) });

export const listRuns: RouteHandler<typeof deliveryApi.listRuns> = async (req) => ({
  status: 200,
  body: await runStore.list(req.params.stationId, req.query.date, req.query.limit ?? 20, req.query.next),
});

export const getRunSheet: RouteHandler<typeof deliveryApi.getRunSheet> = async (req) => {
  const run = await runStore.getFor(req.principal, req.params.runId);
  const stops = run.trips.flatMap((t) => t.stops);
  const parcelIds = stops.flatMap((s) => s.parcelIds ?? []);
  const [station, { orders, tasks }, parcels] = await Promise.all([
    stationStore.get(run.stationId),
    ordersAndTasks(
      run.stationId,
      stops.flatMap((s) => s.orderIds),
      stops.flatMap((s) => s.pickups),
    ),
    parcelStore.findMany(parcelIds),
  ]);
  const villagers = await villagersOf(run.stationId, [
    ...[...orders.values()].map((o) => o.villagerId),
    ...[...tasks.values()].flatMap((t) => (t.villagerId ? [t.villagerId] : [])),
    ...[...parcels.values()].flatMap((p) => (p.villagerId ? [p.villagerId] : [])),
  ]);
  return { status: 200, body: runSheet(run, { station, orders, tasks, villagers, parcels }) };
};
