import { markArrived as arrive } from '#domain/order.ts';
import type { RouteHandler } from '#http/route.ts';
import { runCommand } from '#store/command.ts';
import * as orderStore from '#store/orders.ts';
import type { ordersApi } from './api.ts';
import { orderView } from './order-view.ts';

export const markArrived: RouteHandler<typeof ordersApi.markArrived> = (req) =>
  runCommand(req.idempotency, {
    reads: [orderStore.readFor(req.principal, req.params.orderId)],
    plan: async ([read]) => {
      const order = arrive(read, req.now);
      return { status: 200, body: orderView(order, req.principal), writes: [orderStore.save(order)] };
    },
  });
