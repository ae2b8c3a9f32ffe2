import * as z from 'zod/mini';
import { taskKinds, taskStatuses } from '#domain/delivery/task.ts';
import { runLimits } from '#domain/delivery/run.ts';
import { actionDate, cursorParam, DeliveryCode, fen, id, isoDate, limitParam, text } from '#schemas/common.ts';
import { lazy } from '#schemas/lazy.ts';

const kg = (max: number) => z.number().check(z.gte(0, 'field.countNegative'), z.lte(max, 'field.kgMax'));

export const NewTask = lazy(() =>
  z.strictObject({
    villageId: id('village'),
    date: actionDate(),
    kind: z.enum(taskKinds),
    villagerId: z.optional(id('villager')),
    note: z.optional(text(200)),
    weightKg: kg(500),
  }),
);
export const TaskQuery = lazy(() => z.strictObject({ date: isoDate(), status: z.optional(z.enum(taskStatuses)), limit: limitParam(), next: cursorParam() }));

/** A village, or the station itself. */
const placeId = lazy(() => z.string().check(z.regex(/^(st|vg)_[0-9A-HJKMNP-TV-Z]{26}$/, 'field.placeId')));
export const RoadDistance = lazy(() =>
  z.strictObject({ from: placeId(), to: placeId(), km: z.number().check(z.gt(0, 'field.kmRange'), z.lte(200, 'field.kmRange')) }),
);

export const PlanRun = lazy(() =>
  z.strictObject({
    date: actionDate(),
    capacityKg: z.number().check(z.gt(0, 'field.kgMoreThan0'), z.lte(2000, 'field.kgMax')),
    maxParcels: z.optional(z.int().check(z.gte(1), z.lte(runLimits.parcels, 'field.max'))),
  }),
);

export const RunParams = lazy(() => z.strictObject({ runId: id('run') }));
export const StopParams = lazy(() => z.strictObject({ runId: id('run'), stopId: id('stop') }));
export const RunQuery = lazy(() => z.strictObject({ date: z.optional(isoDate()), limit: limitParam(), next: cursorParam() }));

export const MoveStop = lazy(() => z.strictObject({ trip: z.int().check(z.gte(1)), position: z.int().check(z.gte(1)) }));
/** An order's goods, or a courier's parcel for a villager who asked for it at home: one of the two. */
export const DropParcel = lazy(() =>
  z
    .strictObject({ orderId: z.optional(id('order')), parcelId: z.optional(id('parcel')) })
    .check(z.refine((b) => (b.orderId === undefined) !== (b.parcelId === undefined), { message: 'field.orderOrParcel', path: ['orderId'] })),
);

export const CompleteStop = lazy(() =>
  z.strictObject({
    deliveries: z
      .array(
        z.strictObject({
          orderId: id('order'),
          outcome: z.enum(['DELIVERED', 'FAILED']),
          deliveryCode: z.optional(DeliveryCode()),
          cashCollectedFen: z.optional(fen()),
          reason: z.optional(text(200)),
        }),
      )
      .check(z.maxLength(runLimits.itemsPerStop)),
    /** Couriers' parcels of the stop: handed over with the recipient's pickup code, or brought back with the reason. */
    parcels: z.optional(
      z
        .array(
          z.strictObject({
            parcelId: id('parcel'),
            outcome: z.enum(['DELIVERED', 'FAILED']),
            pickupCode: z.optional(z.string().check(z.regex(/^\d{6}$/, 'field.pickupCode'))),
            reason: z.optional(text(200)),
          }),
        )
        .check(z.maxLength(runLimits.itemsPerStop)),
    ),
    pickups: z.optional(
      z
        .array(z.strictObject({ taskId: id('task'), done: z.boolean(), collectedKg: z.optional(kg(2000)), note: z.optional(text(200)) }))
        .check(z.maxLength(runLimits.itemsPerStop)),
    ),
  }),
);

export { stationParams } from '#schemas/common.ts';
