export const categories = ['appliances', 'phones', 'electronics', 'household', 'groceries', 'clothing', 'agriculture', 'building', 'health', 'baby'] as const;
export type Category = (typeof categories)[number];

/** A catalogue entry. Prices are in fen; orders copy them when placed, so later changes never touch placed orders. */
export interface Product {
  sku: string;
  title: string;
  titleEn?: string;
  category: Category;
  /** What the villager pays. */
  onlinePriceFen: number;
  /** The county-store price, to show the saving. */
  localStorePriceFen: number;
  /** What the platform pays the merchant (ops only). */
  merchantCostFen: number;
  weightGrams: number;
  needsInstallation: boolean;
  returnWindowDays: number;
  /** The three-guarantees repair warranty from hand-over, in Asia/Shanghai days (0: none). */
  warrantyDays: number;
  createdAt: string;
  updatedAt: string;
}

export type ProductInput = Omit<Product, 'sku' | 'createdAt' | 'updatedAt' | 'warrantyDays'> & { warrantyDays?: number | undefined };

/** A product as stored; one written before `warrantyDays` existed has none (0). */
export const storedProduct = (p: Product): Product => ({ ...p, warrantyDays: p.warrantyDays ?? 0 });

export function unitSavingFen(p: Pick<Product, 'localStorePriceFen' | 'onlinePriceFen'>): number {
  return Math.max(0, p.localStorePriceFen - p.onlinePriceFen);
}

/** What partners and the kiosk see: no merchant cost, the saving spelled out. */
export type PublicProduct = Omit<Product, 'merchantCostFen'> & { savingFen: number };

export function publicView(product: Product): PublicProduct {
  const { merchantCostFen: _cost, ...rest } = product;
  return { ...rest, savingFen: unitSavingFen(product) };
}
