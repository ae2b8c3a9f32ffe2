import { unlock } from '#domain/order.ts';
import type { RouteHandler } from '#http/route.ts';
import { runCommand } from '#store/command.ts';
import { orderStore } from '#store/orders.ts';
import type { ordersApi } from './api.ts';
import { orderView } from './order-view.ts';

export const unlockOrder: RouteHandler<typeof ordersApi.unlockOrder> = (req) =>
  runCommand(req.idempotency, {
    reads: [orderStore.readFor(req.principal, req.params.orderId)],
    plan: async ([read]) => {
      const order = unlock(read, req.now, req.principal.sub, req.body?.reason);
      return { status: 200, body: orderView(order, req.principal), writes: orderStore.saveUnlocked(order) };
    },
  });
