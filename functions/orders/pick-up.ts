import { checkDeliveryCode, handOver } from '#domain/order.ts';
import { shanghaiMonth } from '#domain/time.ts';
import { languageHeaders, problemOf } from '#http/problem.ts';
import type { RouteHandler } from '#http/route.ts';
import { runCommand } from '#store/command.ts';
import { orderStore } from '#store/orders.ts';
import { statementStore } from '#store/statements.ts';
import { transitionWrites } from '#store/transitions.ts';
import type { ordersApi } from './api.ts';
import { orderView } from './order-view.ts';

export const pickUp: RouteHandler<typeof ordersApi.pickUp> = (req) =>
  runCommand(req.idempotency, async () => {
    const { now } = req;
    const order = await orderStore.getFor(req.principal, req.params.orderId);
    const code = checkDeliveryCode(order, req.body.deliveryCode, now);
    if (!code.ok) {
      // The wrong try is kept (and replayed, never counted twice) although the request fails.
      return {
        status: 422,
        body: problemOf(code.error, req.lang) as never,
        headers: { 'content-type': 'application/problem+json', ...languageHeaders(req.lang) },
        writes: [orderStore.save(code.order)],
      };
    }
    const month = shanghaiMonth(now);
    const firstThisMonth = !(await statementStore.wasServed(order.stationId, month, order.villagerId));
    const t = handOver(order, { how: 'PICKED_UP', cashCollectedFen: req.body.cashCollectedFen ?? 0, firstThisMonth, now });
    const writes = transitionWrites(t, { guard: { kind: 'cover' }, month });
    if (firstThisMonth) writes.push(statementStore.markServed(order.stationId, month, order.villagerId));
    return { status: 200, body: orderView(t.order, req.principal), writes };
  });
