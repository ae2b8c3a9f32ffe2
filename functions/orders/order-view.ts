import type { Order, OrderLine } from '#domain/order.ts';
import type { Principal } from '#domain/access.ts';

/** An order as answered: never the delivery code's hash (six digits fall to a brute force in moments). */
export type OrderView = Omit<Order, 'deliveryCodeHash' | 'lines'> & { lines: (Omit<OrderLine, 'merchantCostFen'> & { merchantCostFen?: number })[] };

/** The merchant cost is the platform's business: ops see it, partners don't. The code's hash nobody sees. */
export function orderView(order: Order, principal: Principal): OrderView {
  const { deliveryCodeHash: _hash, ...rest } = order;
  if (principal.role === 'ops') return rest;
  return { ...rest, lines: order.lines.map(({ merchantCostFen: _cost, ...line }) => line) };
}
