import { newRun, runLimits } from '#domain/delivery/run.ts';
import type { RouteHandler } from '#http/route.ts';
import { runCommand } from '#store/command.ts';
import * as orderStore from '#store/orders.ts';
import * as parcelStore from '#store/parcels.ts';
import * as runStore from '#store/runs.ts';
import { villagersOf } from '#store/stop-context.ts';
import * as taskStore from '#store/tasks.ts';
import * as roadStore from '#store/road-distances.ts';
import * as stationStore from '#store/stations.ts';
import type { deliveryApi } from './api.ts';

export const planRun: RouteHandler<typeof deliveryApi.planRun> = (req) =>
  runCommand(req.idempotency, {
    reads: [],
    plan: async () => {
      const { stationId } = req.params;
      const { date, capacityKg, maxParcels } = req.body;
      const [station, roads, orders, tasks, homeParcels] = await Promise.all([
        stationStore.get(stationId),
        roadStore.get(stationId),
        orderStore.waitingAtStation(stationId, 500),
        taskStore.ofDay(stationId, date, 'OPEN', 100),
        parcelStore.waitingForHome(stationId, runLimits.parcels),
      ]);
      // Couriers' parcels go where their villager lives (one that was erased meanwhile stays on the shelf).
      const villagers = await villagersOf(
        stationId,
        homeParcels.flatMap((p) => (p.villagerId ? [p.villagerId] : [])),
      );
      const parcels = homeParcels.flatMap((parcel) => {
        const villager = parcel.villagerId ? villagers.get(parcel.villagerId) : undefined;
        return villager ? [{ parcel, villageId: villager.villageId }] : [];
      });
      const planned = newRun({ station, roads, date, capacityKg, maxParcels: maxParcels ?? 60, orders, tasks: tasks.items, parcels, now: req.now });
      return {
        status: 201,
        body: { ...planned.run, leftForLater: planned.leftForLater },
        writes: [
          runStore.save(planned.run),
          ...planned.orders.map(orderStore.save),
          ...planned.tasks.map(taskStore.save),
          ...planned.parcels.flatMap((p) => parcelStore.save(p)),
        ],
      };
    },
  });
