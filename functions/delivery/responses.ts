import * as z from 'zod/mini';
import { runStatuses } from '#domain/delivery/run.ts';
import { taskKinds, taskStatuses } from '#domain/delivery/task.ts';
import { paymentModes } from '#domain/order.ts';
import { id, page, timestamp } from '#schemas/common.ts';
import { lazy } from '#schemas/lazy.ts';

export const Task = lazy(() =>
  z.object({
    taskId: id('task'),
    stationId: id('station'),
    villageId: id('village'),
    date: z.string(),
    kind: z.enum(taskKinds),
    villagerId: z.optional(id('villager')),
    note: z.optional(z.string()),
    weightKg: z.number(),
    status: z.enum(taskStatuses),
    runId: z.optional(id('run')),
    outcome: z.optional(z.object({ done: z.boolean(), collectedKg: z.optional(z.number()), note: z.optional(z.string()), at: timestamp() })),
    weighTickets: z.optional(z.array(id('ticket'))),
    weighedGrams: z.optional(z.int()),
    createdAt: timestamp(),
    updatedAt: timestamp(),
    version: z.int(),
  }),
);
export const TaskList = lazy(() => page(Task()));

export const RoadDistances = lazy(() =>
  z.object({ stationId: id('station'), distances: z.array(z.object({ from: z.string(), to: z.string(), km: z.number() })) }),
);

const Stop = lazy(() =>
  z.object({
    stopId: id('stop'),
    villageId: id('village'),
    orderIds: z.array(id('order')),
    parcelIds: z.optional(z.array(id('parcel'))),
    pickups: z.array(id('task')),
    weightKg: z.number(),
    parcels: z.int(),
    status: z.enum(['PENDING', 'DONE']),
    outcome: z.optional(
      z.object({
        delivered: z.array(id('order')),
        failed: z.array(z.object({ orderId: id('order'), reason: z.string() })),
        parcelsHandedOver: z.optional(z.array(id('parcel'))),
        parcelsFailed: z.optional(z.array(z.object({ parcelId: id('parcel'), reason: z.string() }))),
        cashCollectedFen: z.int(),
        tasksDone: z.array(id('task')),
        tasksNotDone: z.array(id('task')),
        collectedKg: z.number(),
        weighTickets: z.optional(z.array(id('ticket'))),
        completedAt: timestamp(),
      }),
    ),
  }),
);

const Summary = lazy(() =>
  z.object({
    stops: z.int(),
    stopsDone: z.int(),
    parcels: z.int(),
    delivered: z.int(),
    failed: z.int(),
    cashCollectedFen: z.int(),
    tasksDone: z.int(),
    tasksNotDone: z.int(),
    collectedKg: z.number(),
  }),
);

export const Run = lazy(() =>
  z.object({
    runId: id('run'),
    stationId: id('station'),
    date: z.string(),
    capacityKg: z.number(),
    maxParcels: z.int(),
    status: z.enum(runStatuses),
    trips: z.array(z.object({ tripNo: z.int(), stops: z.array(Stop()), distanceKm: z.number(), weightKg: z.number(), parcels: z.int() })),
    distanceKm: z.number(),
    summary: Summary(),
    createdAt: timestamp(),
    startedAt: z.optional(timestamp()),
    completedAt: z.optional(timestamp()),
    updatedAt: timestamp(),
    version: z.int(),
  }),
);
export const RunList = lazy(() => page(Run()));

export const PlannedRun = lazy(() =>
  z.object({
    ...Run().def.shape,
    leftForLater: z.object({ orderIds: z.array(id('order')), taskIds: z.array(id('task')), parcelIds: z.optional(z.array(id('parcel'))) }),
  }),
);

export const StopResult = lazy(() => z.object({ runId: id('run'), runStatus: z.enum(runStatuses), stop: Stop(), summary: Summary() }));

export const RunSheet = lazy(() =>
  z.object({
    runId: id('run'),
    stationName: z.string(),
    date: z.string(),
    status: z.enum(runStatuses),
    distanceKm: z.number(),
    cashToCollectFen: z.int(),
    trips: z.array(
      z.object({
        tripNo: z.int(),
        distanceKm: z.number(),
        weightKg: z.number(),
        parcels: z.int(),
        stops: z.array(
          z.object({
            stopId: id('stop'),
            villageId: id('village'),
            villageName: z.string(),
            status: z.enum(['PENDING', 'DONE']),
            parcels: z.array(
              z.object({
                orderId: id('order'),
                villagerName: z.string(),
                phone: z.optional(z.string()),
                addressNote: z.optional(z.string()),
                weightKg: z.number(),
                paymentMode: z.enum(paymentModes),
                cashToCollectFen: z.int(),
                lines: z.array(z.object({ title: z.string(), qty: z.int() })),
              }),
            ),
            courierParcels: z.array(
              z.object({
                parcelId: id('parcel'),
                waybillTail: z.string(),
                courier: z.string(),
                shelf: z.string(),
                recipientName: z.optional(z.string()),
                phoneLast4: z.string(),
                addressNote: z.optional(z.string()),
              }),
            ),
            pickups: z.array(
              z.object({
                taskId: id('task'),
                kind: z.enum(taskKinds),
                note: z.optional(z.string()),
                villagerName: z.optional(z.string()),
                weightKg: z.number(),
              }),
            ),
          }),
        ),
      }),
    ),
  }),
);
