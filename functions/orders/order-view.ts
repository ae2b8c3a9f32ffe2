import type { Order, OrderLine } from '#domain/order.ts';
import type { Principal } from '#domain/access.ts';

/** The merchant cost is the platform's business: ops see it, partners don't. */
export function orderView(order: Order, principal: Principal): Order {
  if (principal.role === 'ops') return order;
  return { ...order, lines: order.lines.map(({ merchantCostFen: _cost, ...line }) => line as OrderLine) };
}
