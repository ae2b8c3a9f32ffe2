import * as z from 'zod/mini';
import { basisPoints, cursorParam, fen, id, limitParam, location, page, phone, text, timestamp } from '../../shared/schemas/common.ts';

const roadFactor = z.number().check(z.gte(1, 'At least 1 (roads are never shorter than a straight line).'), z.lte(3, 'At most 3.'));

export const VillageInput = z.strictObject({ name: text(60), location });

export const NewStation = z.strictObject({
  name: text(80),
  county: text(60),
  location,
  villages: z.array(VillageInput).check(z.minLength(1, 'A station serves at least one village.'), z.maxLength(200)),
  commissionShareBp: basisPoints,
  cashLimitFen: fen,
  roadFactor: z.optional(roadFactor),
});

export const StationChanges = z.strictObject({
  name: z.optional(text(80)),
  commissionShareBp: z.optional(basisPoints),
  cashLimitFen: z.optional(fen),
  roadFactor: z.optional(roadFactor),
  villages: z.optional(
    z
      .array(z.strictObject({ villageId: z.optional(id('village')), name: text(60), location }))
      .check(z.minLength(1), z.maxLength(200)),
  ),
});

export const Village = z.object({ villageId: id('village'), name: z.string(), location });

export const Station = z.object({
  stationId: id('station'),
  name: z.string(),
  county: z.string(),
  location,
  villages: z.array(Village),
  commissionShareBp: z.int(),
  cashLimitFen: z.int(),
  roadFactor: z.number(),
  version: z.int(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const StationList = page(Station);
export const ListQuery = z.strictObject({ limit: limitParam, next: cursorParam });

export const NewVillager = z.strictObject({
  name: text(40),
  phone: z.optional(phone),
  villageId: id('village'),
  addressNote: z.optional(text(200)),
  consent: z.literal(true, 'The villager must agree to having their details kept (consent: true).'),
});

export const Villager = z.object({
  villagerId: id('villager'),
  stationId: id('station'),
  name: z.string(),
  phone: z.optional(z.string()),
  villageId: id('village'),
  addressNote: z.optional(z.string()),
  consentAt: timestamp,
  createdAt: timestamp,
});

export const VillagerList = page(Villager);
export const VillagerQuery = z.strictObject({
  q: z.optional(text(40)),
  limit: limitParam,
  next: cursorParam,
});
export const VillagerParams = z.strictObject({ stationId: id('station'), villagerId: id('villager') });
