import { cashRefusals } from '#domain/cash.ts';
import { cancelOrder as cancel } from '#domain/order.ts';
import { cancelSale } from '#domain/tab.ts';
import { shanghaiMonth } from '#domain/time.ts';
import type { RouteHandler } from '#http/route.ts';
import { runCommand } from '#store/command.ts';
import * as orderStore from '#store/orders.ts';
import { transitionWrites } from '#store/order-writes.ts';
import { villagerErasedFact } from '#store/facts.ts';
import * as tabStore from '#store/tabs.ts';
import type { ordersApi } from './api.ts';
import { orderView } from './order-view.ts';

export const cancelOrder: RouteHandler<typeof ordersApi.cancelOrder> = (req) =>
  runCommand(req.idempotency, {
    reads: [orderStore.readFor(req.principal, req.params.orderId)],
    plan: async ([order], attempt) => {
      // What was paid with credit goes back to the credit; only the cash part needs the drawer to hold it.
      const t = cancel(order, req.body?.reason, req.now, { villagerErased: attempt.knows(villagerErasedFact(order.stationId, order.villagerId)) });
      // Sold on the tab: the tab is read here, named by the order just read (a round trip more, for these orders only).
      const tab = t.tabRefundFen > 0 ? await tabStore.fetch(order.stationId, order.villagerId) : undefined;
      return {
        status: 200,
        body: orderView(t.order, req.principal),
        writes: [
          ...transitionWrites(t, { guard: { kind: 'cover', refusal: cashRefusals.drawerShort(t.refund.cashFen) }, month: shanghaiMonth(req.now) }),
          ...(t.tabRefundFen > 0 ? [tabStore.save(tab, cancelSale(tab, order.orderId, req.now))] : []),
        ],
      };
    },
  });
