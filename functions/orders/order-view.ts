import type { Order, OrderLine } from '#domain/order.ts';
import type { Principal } from '#domain/access.ts';

/** An order as answered: never the delivery code's hash (six digits fall to a brute force in moments). */
export type OrderView = Omit<Order, 'deliveryCodeHash' | 'lines' | 'paidByCreditFen' | 'refundedToCreditFen'> & {
  lines: (Omit<OrderLine, 'merchantCostFen'> & { merchantCostFen?: number })[];
  paidByCreditFen: number;
  refundedToCreditFen: number;
};

/**
 * The merchant cost is the platform's business: ops see it, partners don't. The code's hash nobody sees.
 * How it was paid and refunded is always stated (an order kept before credit was told apart: 0, all cash).
 */
export function orderView(order: Order, principal: Principal): OrderView {
  const { deliveryCodeHash: _hash, ...kept } = order;
  const rest = { ...kept, paidByCreditFen: order.paidByCreditFen ?? 0, refundedToCreditFen: order.refundedToCreditFen ?? 0 };
  if (principal.role === 'ops') return rest;
  return { ...rest, lines: order.lines.map(({ merchantCostFen: _cost, ...line }) => line) };
}
