import type { Order } from '../order.ts';
import type { Parcel } from '../parcel.ts';
import type { Station } from '../station.ts';
import type { Villager } from '../villager.ts';
import type { Run } from './run.ts';
import type { Task } from './task.ts';

/** What the sheet needs besides the run: the station, and the orders, tasks and villagers it names. */
export interface RunSheetSources {
  station: Station;
  orders: ReadonlyMap<string, Order>;
  tasks: ReadonlyMap<string, Task>;
  villagers: ReadonlyMap<string, Villager>;
  /** Couriers' parcels of the run's stops (for villagers who asked for them at home). */
  parcels?: ReadonlyMap<string, Parcel>;
}

/** Everything the partner needs on paper: where to go in what order, who gets what, and the cash to bring back. */
export function runSheet(run: Run, { station, orders, tasks, villagers, parcels = new Map() }: RunSheetSources) {
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
      // Couriers' parcels: the waybill's last digits and the shelf slot to find it, who gets it; never the pickup code (the villager gives it at the door).
      courierParcels: (stop.parcelIds ?? []).flatMap((id) => {
        const parcel = parcels.get(id);
        if (!parcel) return [];
        const villager = parcel.villagerId ? villagers.get(parcel.villagerId) : undefined;
        const name = villager?.name ?? parcel.recipientName;
        return [
          {
            parcelId: id,
            waybillTail: parcel.waybillNo.slice(-4),
            courier: parcel.courier,
            shelf: parcel.shelf,
            ...(name ? { recipientName: name } : {}),
            phoneLast4: parcel.erased ? '' : parcel.recipientPhone.slice(-4),
            ...(villager?.addressNote ? { addressNote: villager.addressNote } : {}),
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
  return { runId: run.runId, stationName: station.name, date: run.date, status: run.status, distanceKm: run.distanceKm, cashToCollectFen, trips };
}
