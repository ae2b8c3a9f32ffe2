import * as z from 'zod/mini';
import { deliveryPreferences, messageChoices, preferenceChannels } from '#domain/villager.ts';
import { id, location, page, timestamp } from '#schemas/common.ts';
import { lazy } from '#schemas/lazy.ts';

export const Station = lazy(() =>
  z.object({
    stationId: id('station'),
    name: z.string(),
    county: z.string(),
    location: location(),
    villages: z.array(z.object({ villageId: id('village'), name: z.string(), location: location() })),
    commissionShareBp: z.int(),
    cashLimitFen: z.int(),
    varianceLimitFen: z.int(),
    roadFactor: z.number(),
    parcelKeepDays: z.optional(z.int()),
    version: z.int(),
    createdAt: timestamp(),
    updatedAt: timestamp(),
  }),
);

export const StationList = lazy(() => page(Station()));

/** Where their parcels go, with when the villager said so, who recorded it and how (docs/rules.md "Parcels"). */
export const PreferenceGiven = lazy(() =>
  z.object({ preference: z.enum(deliveryPreferences), givenAt: timestamp(), recordedBy: z.string(), via: z.enum(preferenceChannels) }),
);

export const Villager = lazy(() =>
  z.object({
    villagerId: id('villager'),
    stationId: id('station'),
    name: z.string(),
    phone: z.optional(z.string()),
    villageId: id('village'),
    addressNote: z.optional(z.string()),
    messages: z.optional(z.enum(messageChoices)),
    deliveryPreference: z.optional(PreferenceGiven()),
    consentAt: timestamp(),
    createdAt: timestamp(),
    updatedAt: z.optional(timestamp()),
    version: z.optional(z.int()),
  }),
);

/** One villager, with what the station owes them for produce. */
export const VillagerWithCredit = lazy(() => z.extend(Villager(), { creditFen: z.int() }));

/** 204: nothing in the body. */
export const NoContent = lazy(() => z.null());

export const VillagerList = lazy(() => page(Villager()));
