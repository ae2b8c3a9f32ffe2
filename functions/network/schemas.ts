import * as z from 'zod/mini';
import { messageChoices } from '#domain/villager.ts';
import { basisPoints, cursorParam, fen, id, limitParam, location, phone, text } from '#schemas/common.ts';
import { lazy } from '#schemas/lazy.ts';

const parcelKeepDays = lazy(() => z.int().check(z.gte(1, 'field.keepDays'), z.lte(30, 'field.keepDays')));
const roadFactor = lazy(() => z.number().check(z.gte(1, 'field.roadFactor'), z.lte(3, 'field.roadFactor')));

export const NewStation = lazy(() =>
  z.strictObject({
    name: text(80),
    county: text(60),
    location: location(),
    villages: z.array(z.strictObject({ name: text(60), location: location() })).check(z.minLength(1, 'field.villagesNeeded'), z.maxLength(200)),
    commissionShareBp: basisPoints(),
    cashLimitFen: fen(),
    varianceLimitFen: z.optional(fen()),
    roadFactor: z.optional(roadFactor()),
    parcelKeepDays: z.optional(parcelKeepDays()),
  }),
);

export const StationChanges = lazy(() =>
  z.strictObject({
    name: z.optional(text(80)),
    county: z.optional(text(60)),
    commissionShareBp: z.optional(basisPoints()),
    cashLimitFen: z.optional(fen()),
    varianceLimitFen: z.optional(fen()),
    roadFactor: z.optional(roadFactor()),
    parcelKeepDays: z.optional(parcelKeepDays()),
    villages: z.optional(
      z.array(z.strictObject({ villageId: z.optional(id('village')), name: text(60), location: location() })).check(z.minLength(1), z.maxLength(200)),
    ),
  }),
);

export const ListQuery = lazy(() => z.strictObject({ limit: limitParam(), next: cursorParam() }));

export const NewVillager = lazy(() =>
  z.strictObject({
    name: text(40),
    phone: z.optional(phone()),
    villageId: id('village'),
    addressNote: z.optional(text(200)),
    messages: z.optional(z.enum(messageChoices)),
    consent: z.literal(true, 'field.consent'),
  }),
);

/** A correction: what is left out stays; `null` removes the phone or the address note. */
export const VillagerChanges = lazy(() =>
  z
    .strictObject({
      name: z.optional(text(40)),
      phone: z.optional(z.nullable(phone())),
      villageId: z.optional(id('village')),
      addressNote: z.optional(z.nullable(text(200))),
      messages: z.optional(z.enum(messageChoices)),
    })
    .check(z.refine((c) => Object.values(c).some((v) => v !== undefined), 'Send at least one of name, phone, villageId, addressNote, messages.')),
);

export const VillagerQuery = lazy(() => z.strictObject({ q: z.optional(text(40)), limit: limitParam(), next: cursorParam() }));
export const VillagerParams = lazy(() => z.strictObject({ stationId: id('station'), villagerId: id('villager') }));
