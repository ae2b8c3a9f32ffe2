import { ConflictError } from '#shared/errors.ts';
import { newId } from '#shared/ids.ts';
import { priceLines, quote, type LineRequest } from './pricing.ts';
import type { Product } from './product.ts';
import { msg } from '#shared/i18n/messages.ts';

export const cartStatuses = ['OPEN', 'ORDERED'] as const;
export type CartStatus = (typeof cartStatuses)[number];

export interface CartLine {
  sku: string;
  title: string;
  qty: number;
  onlinePriceFen: number;
  localStorePriceFen: number;
  lineTotalFen: number;
  savingsFen: number;
}

/** What a villager chose at the kiosk, waiting for the partner to place it (the kiosk moves no money). */
export interface Cart {
  cartId: string;
  /** Four characters to call out across the shop ("cart 7K2F"). */
  cartNo: string;
  stationId: string;
  villagerId?: string;
  lines: CartLine[];
  totalFen: number;
  savingsFen: number;
  status: CartStatus;
  orderId?: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * The number a villager tells the partner: four digits, read aloud one by one
 * (letters would be spelt out, and misheard). Taken from the random end of the
 * cart's id; two open carts of a station rarely share one, and the partner
 * also sees each cart's total.
 */
export function cartNumber(cartId: string): string {
  const n = [...cartId.slice(-6)].reduce((v, c) => v * 32 + Math.max(0, crockford.indexOf(c.toUpperCase())), 0);
  return String(n % 10_000).padStart(4, '0');
}

export function createCart(
  stationId: string,
  villagerId: string | undefined,
  requested: readonly LineRequest[],
  catalogue: ReadonlyMap<string, Product>,
  createdBy: string,
  now: Date,
): Cart {
  const priced = priceLines(requested, catalogue, 0);
  const q = quote(priced);
  const cartId = newId('cart', now.getTime());
  return {
    cartId,
    cartNo: cartNumber(cartId),
    stationId,
    ...(villagerId ? { villagerId } : {}),
    lines: priced.map((l) => ({
      sku: l.sku,
      title: l.title,
      qty: l.qty,
      onlinePriceFen: l.onlinePriceFen,
      localStorePriceFen: l.localStorePriceFen,
      lineTotalFen: l.lineTotalFen,
      savingsFen: l.savingsFen,
    })),
    totalFen: q.totalFen,
    savingsFen: q.savingsFen,
    status: 'OPEN',
    createdBy,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
}

export function markOrdered(cart: Cart, orderId: string, now: Date): Cart {
  if (cart.status !== 'OPEN') throw new ConflictError('cart-ordered', msg('cart-ordered', { cartNo: cart.cartNo }));
  return { ...cart, status: 'ORDERED', orderId, updatedAt: now.toISOString() };
}
