import type { Order, OrderLine } from '#domain/order.ts';
import type { Principal } from '#domain/access.ts';

/** An order as answered: never the delivery code's hash (six digits fall to a brute force in moments). */
export type OrderView = Omit<Order, 'deliveryCodeHash' | 'lines' | 'paidByCreditFen' | 'refundedToCreditFen' | 'lastUnlock'> & {
  lines: (Omit<OrderLine, 'merchantCostFen'> & { merchantCostFen?: number })[];
  paidByCreditFen: number;
  refundedToCreditFen: number;
  /** `by` (the operator) for ops only. */
  lastUnlock?: Omit<NonNullable<Order['lastUnlock']>, 'by'> & { by?: string };
};

/**
 * The merchant cost and which operator unlocked an order are the platform's
 * business: ops see them, partners don't. The code's hash nobody sees. How it
 * was paid and refunded is always stated (an order kept before credit was told
 * apart: 0, all cash).
 */
export function orderView(order: Order, principal: Principal): OrderView {
  const { deliveryCodeHash: _hash, ...kept } = order;
  const rest = { ...kept, paidByCreditFen: order.paidByCreditFen ?? 0, refundedToCreditFen: order.refundedToCreditFen ?? 0 };
  if (principal.role === 'ops') return rest;
  const { lastUnlock, ...others } = rest;
  return {
    ...others,
    ...(lastUnlock ? { lastUnlock: { at: lastUnlock.at, ...(lastUnlock.reason ? { reason: lastUnlock.reason } : {}) } } : {}),
    lines: order.lines.map(({ merchantCostFen: _cost, ...line }) => line),
  };
}
