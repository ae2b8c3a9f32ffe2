import type { Order, OrderLine } from '#domain/order.ts';
import type { Principal } from '#domain/access.ts';

/** An order as a caller sees it: the merchant cost is the platform's business, so only ops see it. */
export type OrderView = Omit<Order, 'lines'> & { lines: (Omit<OrderLine, 'merchantCostFen'> & { merchantCostFen?: number })[] };

export function orderView(order: Order, principal: Principal): OrderView {
  if (principal.role === 'ops') return order;
  return { ...order, lines: order.lines.map(({ merchantCostFen: _cost, ...line }) => line) };
}
