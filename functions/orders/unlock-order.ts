import { unlock } from '#domain/order.ts';
import type { RouteHandler } from '#http/route.ts';
import { runCommand } from '#store/command.ts';
import * as orderStore from '#store/orders.ts';
import { mentionsOf, mentionWrites } from '#store/mentions.ts';
import type { ordersApi } from './api.ts';
import { orderView } from './order-view.ts';

export const unlockOrder: RouteHandler<typeof ordersApi.unlockOrder> = (req) =>
  runCommand(req.idempotency, {
    reads: [orderStore.readFor(req.principal, req.params.orderId)],
    plan: async ([read]) => {
      const order = unlock(read, req.now, req.principal.sub, req.body?.reason);
      // The reason ops typed may name the villager: listed for their erasure to reach.
      const about = order.lastUnlock?.reason ? mentionWrites(order.stationId, mentionsOf.order(order)) : [];
      return { status: 200, body: orderView(order, req.principal), writes: [...orderStore.saveUnlocked(order), ...about] };
    },
  });
