import { takePayment as pay } from '#domain/order.ts';
import { shanghaiMonth } from '#domain/time.ts';
import type { RouteHandler } from '#http/route.ts';
import { runCommand } from '#store/command.ts';
import { orderStore } from '#store/orders.ts';
import { transitionWrites } from '#store/order-writes.ts';
import type { ordersApi } from './api.ts';
import { orderView } from './order-view.ts';

export const takePayment: RouteHandler<typeof ordersApi.takePayment> = (req) =>
  runCommand(req.idempotency, [orderStore.readFor(req.principal, req.params.orderId)], async ([order]) => {
    const t = pay(order, req.body.amountFen, req.now);
    const view = orderView(t.order, req.principal);
    return {
      status: 200,
      body: { orderId: view.orderId, paidFen: view.paidFen, outstandingFen: view.outstandingFen, order: view },
      writes: transitionWrites(t, { guard: { kind: 'cover' }, month: shanghaiMonth(req.now) }),
    };
  });
