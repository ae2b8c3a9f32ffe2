import * as z from 'zod/mini';
import { gradePattern, lotStatuses, maxDeductionBp, payouts } from '#domain/produce.ts';
import { cursorParam, id, limitParam, positiveFen, text } from '#schemas/common.ts';
import { lazy } from '#schemas/lazy.ts';

/** A produce code has the form of a SKU. */
export const Code = lazy(() => z.string().check(z.regex(/^[A-Z0-9][A-Z0-9-]{2,39}$/, 'field.sku')));
export const Grade = lazy(() => z.string().check(z.regex(gradePattern, 'field.grade')));
/** Whole grams, up to a tonne on one ticket. */
const grams = (min: number) => z.int().check(z.gte(min, 'field.grams'), z.lte(1_000_000, 'field.max'));
const perKg = (min: number) => z.int().check(z.gte(min, min === 0 ? 'field.amountNegative' : 'field.amountPositive'), z.lte(1_000_000, 'field.amountTooLarge'));

export const ProduceParams = lazy(() => z.strictObject({ code: Code() }));
export const ProduceInput = lazy(() =>
  z.strictObject({
    title: text(60),
    grades: z.array(z.strictObject({ grade: Grade(), priceFenPerKg: perKg(1) })).check(
      z.minLength(1, 'field.fewItems'),
      z.maxLength(26, 'field.manyItems'),
      z.refine((gs) => new Set(gs.map((g) => g.grade)).size === gs.length, 'field.gradesUnique'),
    ),
    feeFenPerKg: perKg(0),
  }),
);

export const WeighInput = lazy(() =>
  z
    .strictObject({
      villagerId: id('villager'),
      code: Code(),
      grade: Grade(),
      grossGrams: grams(1),
      tareGrams: z.optional(grams(0)),
      deductionBp: z.optional(z.int().check(z.gte(0, 'field.deduction'), z.lte(maxDeductionBp, 'field.deduction'))),
      payout: z.enum(payouts),
      /** Weighed at this PRODUCE pick-up's stop on a run. */
      taskId: z.optional(id('task')),
    })
    .check(z.refine((w) => w.tareGrams === undefined || w.tareGrams < w.grossGrams, { message: 'field.tareBelowGross', path: ['tareGrams'] })),
);

export const VillagerParams = lazy(() => z.strictObject({ stationId: id('station'), villagerId: id('villager') }));
export const PayoutInput = lazy(() => z.strictObject({ amountFen: positiveFen() }));

export const LotParams = lazy(() => z.strictObject({ lotId: id('lot') }));
export const LotQuery = lazy(() => z.strictObject({ status: z.optional(z.enum(lotStatuses)), limit: limitParam(), next: cursorParam() }));
export const AllLotsQuery = lazy(() => z.strictObject({ status: z.optional(z.enum(lotStatuses)), limit: limitParam(), next: cursorParam() }));
export const Dispatch = lazy(() => z.optional(z.strictObject({ reference: z.optional(text(64)) })));

export { stationParams } from '#schemas/common.ts';
