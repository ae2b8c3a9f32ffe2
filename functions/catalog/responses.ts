import * as z from 'zod/mini';
import { page, Sku, timestamp } from '#schemas/common.ts';
import { lazy } from '#schemas/lazy.ts';
import { Category } from './schemas.ts';

/** Ops see the merchant cost; partners and the kiosk see the saving instead. */
export const Product = lazy(() =>
  z.object({
    sku: Sku(),
    title: z.string(),
    titleEn: z.optional(z.string()),
    category: Category(),
    onlinePriceFen: z.int(),
    localStorePriceFen: z.int(),
    merchantCostFen: z.optional(z.int()),
    savingFen: z.optional(z.int()),
    weightGrams: z.int(),
    needsInstallation: z.boolean(),
    returnWindowDays: z.int(),
    warrantyDays: z.int(),
    createdAt: timestamp(),
    updatedAt: timestamp(),
  }),
);

export const ProductList = lazy(() => page(Product()));

export const ImportOutcome = lazy(() =>
  z.object({
    dryRun: z.boolean(),
    rows: z.int(),
    created: z.int(),
    updated: z.int(),
    unchanged: z.int(),
  }),
);

/** A search synonym: the word (normalised as a query is) and what a query for it also looks up. */
export const Synonym = lazy(() =>
  z.object({
    word: z.string(),
    expandsTo: z.array(z.string()),
    createdAt: timestamp(),
    updatedAt: timestamp(),
  }),
);

export const SynonymList = lazy(() => page(Synonym()));

export const NoContent = lazy(() => z.null());
