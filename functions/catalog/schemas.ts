import * as z from 'zod/mini';
import { categories } from '#domain/product.ts';
import { maxExpansions } from '#domain/synonyms.ts';
import { cursorParam, fen, limitParam, Sku, text } from '#schemas/common.ts';
import { lazy } from '#schemas/lazy.ts';

export const Category = lazy(() => z.enum(categories));

export const ProductInput = lazy(() =>
  z.strictObject({
    title: text(120),
    titleEn: z.optional(text(120)),
    category: Category(),
    onlinePriceFen: fen(),
    localStorePriceFen: fen(),
    merchantCostFen: fen(),
    weightGrams: z.int().check(z.gte(1, 'field.gramsRange'), z.lte(500_000, 'field.gramsRange')),
    needsInstallation: z.boolean(),
    returnWindowDays: z.int().check(z.gte(0), z.lte(365)),
    warrantyDays: z.optional(z.int().check(z.gte(0), z.lte(3650))),
  }),
);

export const ProductParams = lazy(() => z.strictObject({ sku: Sku() }));
export const ProductQuery = lazy(() => z.strictObject({ q: z.optional(text(60)), category: z.optional(Category()), limit: limitParam(), next: cursorParam() }));

/** A CSV file of products (README "Importing the catalogue"), or one part of it. */
export const ImportInput = lazy(() =>
  z.strictObject({
    csv: z.string().check(z.maxLength(1_000_000, 'field.tooLong')),
    /** True: check every line and say what would change, writing nothing. */
    dryRun: z.boolean(),
    /** The file's line number of this text's header line, when the file is sent in parts (each with the header). */
    firstLine: z.optional(z.int().check(z.gte(1), z.lte(10_000_000))),
  }),
);

/** A search synonym's word, as a villager says it (`化肥`). */
export const SynonymParams = lazy(() => z.strictObject({ word: text(20) }));
/** The words of the catalogue a query for it also looks up, in the order they are read. */
export const SynonymInput = lazy(() =>
  z.strictObject({
    expandsTo: z.array(text(20)).check(z.minLength(1, 'field.fewItems'), z.maxLength(maxExpansions, 'field.manyItems')),
  }),
);
export const SynonymQuery = lazy(() => z.strictObject({ limit: limitParam(), next: cursorParam() }));
