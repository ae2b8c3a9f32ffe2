import * as z from 'zod/mini';
import { messageStatuses } from '#domain/message.ts';
import { parcelStatuses, releaseKinds } from '#domain/parcel.ts';
import { deliveryPreferences, preferenceChannels } from '#domain/villager.ts';
import { id, page, timestamp } from '#schemas/common.ts';
import { lazy } from '#schemas/lazy.ts';

export const Parcel = lazy(() =>
  z.object({
    parcelId: id('parcel'),
    stationId: id('station'),
    waybillNo: z.string(),
    courier: z.string(),
    recipientPhoneMasked: z.string(),
    /** Empty once the recipient was erased. */
    phoneLast4: z.string(),
    recipientName: z.optional(z.string()),
    villagerId: z.optional(id('villager')),
    /** HOME: it goes to the villager on a delivery run, handed over at the door with the pickup code. */
    delivery: z.enum(deliveryPreferences),
    runId: z.optional(id('run')),
    shelf: z.string(),
    status: z.enum(parcelStatuses),
    messageStatus: z.enum(messageStatuses),
    wrongCodeAttempts: z.int(),
    lockedForOps: z.boolean(),
    feeFen: z.int(),
    scannedAt: timestamp(),
    dueBackAt: timestamp(),
    dueBack: z.boolean(),
    remindedAt: z.optional(timestamp()),
    pickedUpAt: z.optional(timestamp()),
    releasedBy: z.optional(z.enum(releaseKinds)),
    handedOverAt: z.optional(z.enum(['COUNTER', 'DOOR'])),
    returnedAt: z.optional(timestamp()),
    returnReason: z.optional(z.string()),
    /** The last time ops unlocked it after wrong codes: who, when, why. */
    lastUnlock: z.optional(z.object({ at: timestamp(), by: z.string(), reason: z.string(), wrongCodeAttempts: z.int() })),
  }),
);
export const ParcelList = lazy(() => page(Parcel()));
/** The parcel handed over, with the same recipient's others handed over with it. */
export const PickedUp = lazy(() => z.extend(Parcel(), { alsoPickedUp: z.optional(z.array(Parcel())) }));
export const Courier = lazy(() => z.object({ code: z.string(), name: z.string(), parcelFeeFen: z.int(), updatedAt: timestamp() }));
export const CourierList = lazy(() => page(Courier()));
/** The villager's delivery preference, with when it was given, who recorded it and how. */
export const Preference = lazy(() =>
  z.object({
    villagerId: id('villager'),
    stationId: id('station'),
    deliveryPreference: z.object({
      preference: z.enum(deliveryPreferences),
      givenAt: timestamp(),
      recordedBy: z.string(),
      via: z.enum(preferenceChannels),
    }),
  }),
);
