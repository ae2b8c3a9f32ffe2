import { cashRefusals } from '#domain/cash.ts';
import { returnGoods as takeBack } from '#domain/order.ts';
import { shanghaiMonth } from '#domain/time.ts';
import type { RouteHandler } from '#http/route.ts';
import { runCommand } from '#store/command.ts';
import * as orderStore from '#store/orders.ts';
import { transitionWrites } from '#store/order-writes.ts';
import { mentionsOf } from '#store/mentions.ts';
import { villagerErasedFact } from '#store/facts.ts';
import type { ordersApi } from './api.ts';
import { orderView } from './order-view.ts';

export const returnGoods: RouteHandler<typeof ordersApi.returnGoods> = (req) =>
  runCommand(req.idempotency, {
    reads: [orderStore.readFor(req.principal, req.params.orderId)],
    plan: async ([order], attempt) => {
      // What was paid with credit goes back to the credit first; only the cash part needs the drawer to hold it.
      const villagerErased = attempt.knows(villagerErasedFact(order.stationId, order.villagerId));
      const t = takeBack(order, req.body.lines, req.body.reason, req.now, { villagerErased });
      const writes = transitionWrites(t, {
        guard: { kind: 'cover', refusal: cashRefusals.drawerShort(t.refund.cashFen) },
        month: shanghaiMonth(req.now),
        mentions: mentionsOf.returnRecord(t.record, order.villagerId),
      });
      writes.push(orderStore.recordReturn(t.record));
      const { stationId: _station, ...record } = t.record;
      return { status: 201, body: { ...record, order: orderView(t.order, req.principal) }, writes };
    },
  });
