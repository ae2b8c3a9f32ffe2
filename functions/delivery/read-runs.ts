import type { RouteHandler } from '#http/route.ts';
import { runStore } from '#store/runs.ts';
import { stationStore } from '#store/stations.ts';
import type { deliveryApi } from './api.ts';
import { ordersAndTasks, villagersOf } from '#store/stop-context.ts';

export const getRun: RouteHandler<typeof deliveryApi.getRun> = async (req) => ({ status: 200, body: await runStore.getFor(req.principal, req.params.runId) });

export const listRuns: RouteHandler<typeof deliveryApi.listRuns> = async (req) => ({
  status: 200,
  body: await runStore.list(req.params.stationId, req.query.date, req.query.limit ?? 20, req.query.next),
});

/** Everything the partner needs on paper: where to go in what order, who gets what, and the cash to bring back. */
export const getRunSheet: RouteHandler<typeof deliveryApi.getRunSheet> = async (req) => {
  const run = await runStore.getFor(req.principal, req.params.runId);
  const stops = run.trips.flatMap((t) => t.stops);
  const [station, { orders, tasks }] = await Promise.all([
    stationStore.get(run.stationId),
    ordersAndTasks(
      run.stationId,
      stops.flatMap((s) => s.orderIds),
      stops.flatMap((s) => s.pickups),
    ),
  ]);
  const villagers = await villagersOf(run.stationId, [
    ...[...orders.values()].map((o) => o.villagerId),
    ...[...tasks.values()].flatMap((t) => (t.villagerId ? [t.villagerId] : [])),
  ]);
  const villageName = new Map(station.villages.map((v) => [v.villageId, v.name]));
  const trips = run.trips.map((trip) => ({
    tripNo: trip.tripNo,
    distanceKm: trip.distanceKm,
    weightKg: trip.weightKg,
    parcels: trip.parcels,
    stops: trip.stops.map((stop) => ({
      stopId: stop.stopId,
      villageId: stop.villageId,
      villageName: villageName.get(stop.villageId) ?? stop.villageId,
      status: stop.status,
      parcels: stop.orderIds.flatMap((id) => {
        const order = orders.get(id);
        if (!order) return [];
        const villager = villagers.get(order.villagerId);
        return [
          {
            orderId: id,
            villagerName: villager?.name ?? order.villagerId,
            ...(villager?.phone ? { phone: villager.phone } : {}),
            ...(villager?.addressNote ? { addressNote: villager.addressNote } : {}),
            weightKg: order.weightGrams / 1000,
            paymentMode: order.paymentMode,
            cashToCollectFen: order.outstandingFen,
            lines: order.lines.map((l) => ({ title: l.title, qty: l.qty - l.returnedQty })),
          },
        ];
      }),
      pickups: stop.pickups.flatMap((id) => {
        const task = tasks.get(id);
        if (!task) return [];
        const villager = task.villagerId ? villagers.get(task.villagerId) : undefined;
        return [
          {
            taskId: id,
            kind: task.kind,
            ...(task.note ? { note: task.note } : {}),
            ...(villager ? { villagerName: villager.name } : {}),
            weightKg: task.weightKg,
          },
        ];
      }),
    })),
  }));
  const cashToCollectFen = trips.reduce((n, t) => n + t.stops.reduce((m, s) => m + s.parcels.reduce((k, p) => k + p.cashToCollectFen, 0), 0), 0);
  return {
    status: 200,
    body: { runId: run.runId, stationName: station.name, date: run.date, status: run.status, distanceKm: run.distanceKm, cashToCollectFen, trips },
  };
};
