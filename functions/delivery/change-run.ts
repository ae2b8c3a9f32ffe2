import { dropCourierParcel, dropParcel as drop, moveStop as move, startRun as start } from '#domain/delivery/run.ts';
import { runNotice } from '#domain/message.ts';
import * as outboxStore from '#store/outbox.ts';
import { RuleError, fieldError } from '#shared/errors.ts';
import type { RouteHandler } from '#http/route.ts';
import { runCommand } from '#store/command.ts';
import * as orderStore from '#store/orders.ts';
import * as parcelStore from '#store/parcels.ts';
import * as runStore from '#store/runs.ts';
import * as roadStore from '#store/road-distances.ts';
import * as stationStore from '#store/stations.ts';
import type { deliveryApi } from './api.ts';
import { ordersAndTasks } from '#store/stop-context.ts';
import { msg } from '#shared/i18n/messages.ts';

export const moveStop: RouteHandler<typeof deliveryApi.moveStop> = (req) =>
  runCommand(req.idempotency, {
    reads: [],
    plan: async () => {
      const run = await runStore.getFor(req.principal, req.params.runId);
      const [station, roads] = await Promise.all([stationStore.get(run.stationId), roadStore.get(run.stationId)]);
      const moved = move(run, req.params.stopId, req.body.trip, req.body.position, station, roads, req.now);
      return { status: 200, body: moved, writes: [runStore.save(moved)] };
    },
  });

export const dropParcel: RouteHandler<typeof deliveryApi.dropParcel> = (req) =>
  runCommand(req.idempotency, {
    reads: [],
    plan: async () => {
      const run = await runStore.getFor(req.principal, req.params.runId);
      if (req.body.parcelId !== undefined) {
        // A courier's parcel for a villager who asked for it at home: back on the shelf, pickable, for a later run.
        const [station, roads, parcels] = await Promise.all([
          stationStore.get(run.stationId),
          roadStore.get(run.stationId),
          parcelStore.findMany([req.body.parcelId]),
        ]);
        const parcel = parcels.get(req.body.parcelId);
        if (!parcel || parcel.stationId !== run.stationId) {
          throw new RuleError('not-on-run', msg('not-on-run'), [fieldError('body.parcelId', 'field.notOnRun')]);
        }
        const dropped = dropCourierParcel(run, parcel, station, roads, req.now);
        return { status: 200, body: dropped.run, writes: [runStore.save(dropped.run), ...(dropped.parcel ? parcelStore.save(dropped.parcel) : [])] };
      }
      const [station, roads, order] = await Promise.all([stationStore.get(run.stationId), roadStore.get(run.stationId), orderStore.find(req.body.orderId!)]);
      if (!order || order.runId !== run.runId) {
        throw new RuleError('not-on-run', msg('not-on-run'), [fieldError('body.orderId', 'field.notOnRun')]);
      }
      const dropped = drop(run, order, station, roads, req.now);
      return { status: 200, body: dropped.run, writes: [runStore.save(dropped.run), orderStore.save(dropped.order)] };
    },
  });

export const startRun: RouteHandler<typeof deliveryApi.startRun> = (req) =>
  runCommand(req.idempotency, {
    reads: [],
    plan: async () => {
      const run = await runStore.getFor(req.principal, req.params.runId);
      const { orders } = await ordersAndTasks(
        run.stationId,
        run.trips.flatMap((t) => t.stops.flatMap((s) => s.orderIds)),
        [],
      );
      const started = start(run, [...orders.values()], req.now);
      // The villagers hear their parcels are coming today: one outbox item, whose effect writes their messages.
      const station = await stationStore.get(run.stationId);
      const notice = outboxStore.add(outboxStore.effectNames.runNotice, { ...runNotice(run, station.name, started.orders) }, req.now);
      return { status: 200, body: started.run, writes: [runStore.save(started.run), ...started.orders.map(orderStore.save), notice] };
    },
  });
