import * as z from 'zod/mini';
import { categories } from '../../shared/domain/product.ts';
import { cursorParam, fen, limitParam, page, text, timestamp } from '../../shared/schemas/common.ts';

export const Sku = z.string().check(z.regex(/^[A-Z0-9][A-Z0-9-]{2,39}$/, 'Use 3–40 capital letters, digits or "-".'));
export const Category = z.enum(categories, `One of: ${categories.join(', ')}.`);

export const ProductInput = z.strictObject({
  title: text(120),
  titleEn: z.optional(text(120)),
  category: Category,
  onlinePriceFen: fen,
  localStorePriceFen: fen,
  merchantCostFen: fen,
  weightGrams: z.int().check(z.gte(1, 'At least 1 gram.'), z.lte(500_000, 'At most 500 kg.')),
  needsInstallation: z.boolean(),
  returnWindowDays: z.int().check(z.gte(0), z.lte(365)),
});

/** Ops see the merchant cost; partners and the kiosk see the saving instead. */
export const Product = z.object({
  sku: Sku,
  title: z.string(),
  titleEn: z.optional(z.string()),
  category: Category,
  onlinePriceFen: z.int(),
  localStorePriceFen: z.int(),
  merchantCostFen: z.optional(z.int()),
  savingFen: z.optional(z.int()),
  weightGrams: z.int(),
  needsInstallation: z.boolean(),
  returnWindowDays: z.int(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const ProductList = page(Product);
export const ProductParams = z.strictObject({ sku: Sku });
export const ProductQuery = z.strictObject({
  q: z.optional(text(60)),
  category: z.optional(Category),
  limit: limitParam,
  next: cursorParam,
});
