import { RuleError, fieldError, type FieldError } from '#shared/errors.ts';
import { msg } from '#shared/i18n/messages.ts';
import { commissionFen, lineTotalFen, savingsFen, sum } from './money.ts';
import type { OrderLine } from './order.ts';
import type { Product } from './product.ts';

export interface LineRequest {
  sku: string;
  qty: number;
}

/** Prices the requested lines from the catalogue; unknown or repeated SKUs are named by their path. */
export function priceLines(requested: readonly LineRequest[], catalogue: ReadonlyMap<string, Product>, shareBp: number, path = 'body.lines'): OrderLine[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  requested.forEach((l, i) => {
    if (!catalogue.has(l.sku)) errors.push(fieldError(`${path}.${i}.sku`, 'field.noSuchProduct', { sku: l.sku }));
    if (seen.has(l.sku)) errors.push(fieldError(`${path}.${i}.sku`, 'field.lineRepeated', { sku: l.sku }));
    seen.add(l.sku);
  });
  if (errors.length) throw new RuleError('unknown-product', msg('unknown-product'), errors);
  return requested.map(({ sku, qty }) => {
    const p = catalogue.get(sku)!;
    return {
      sku,
      title: p.title,
      qty,
      onlinePriceFen: p.onlinePriceFen,
      localStorePriceFen: p.localStorePriceFen,
      merchantCostFen: p.merchantCostFen,
      weightGrams: p.weightGrams,
      needsInstallation: p.needsInstallation,
      returnWindowDays: p.returnWindowDays,
      warrantyDays: p.warrantyDays ?? 0,
      lineTotalFen: lineTotalFen(p, qty),
      savingsFen: savingsFen(p, qty),
      commissionFen: commissionFen(p, qty, shareBp),
      returnedQty: 0,
    };
  });
}

export interface Quote {
  totalFen: number;
  savingsFen: number;
  commissionFen: number;
  weightGrams: number;
}

export function quote(lines: readonly OrderLine[]): Quote {
  return {
    totalFen: sum(lines.map((l) => l.lineTotalFen)),
    savingsFen: sum(lines.map((l) => l.savingsFen)),
    commissionFen: sum(lines.map((l) => l.commissionFen)),
    weightGrams: sum(lines.map((l) => l.weightGrams * l.qty)),
  };
}
