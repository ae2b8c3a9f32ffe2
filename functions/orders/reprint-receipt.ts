import { issueCode } from '#shared/codes.ts';
import { reissueReceipt } from '#domain/order.ts';
import type { RouteHandler } from '#http/route.ts';
import { runCommand } from '#store/command.ts';
import { orderStore } from '#store/orders.ts';
import type { ordersApi } from './api.ts';
import { orderView } from './order-view.ts';

/** A new code for a reprinted receipt; a retry with the same key answers the same new code (the record keeps it). */
export const reprintReceipt: RouteHandler<typeof ordersApi.reprintReceipt> = (req) =>
  runCommand(req.idempotency, {
    reads: [orderStore.readFor(req.principal, req.params.orderId)],
    plan: async ([read]) => {
      const { order, deliveryCode } = reissueReceipt(read, req.now, issueCode());
      return { status: 200, body: { ...orderView(order, req.principal), deliveryCode }, writes: [orderStore.save(order)] };
    },
  });
