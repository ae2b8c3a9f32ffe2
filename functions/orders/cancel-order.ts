import { cancelOrder as cancel } from '../../shared/domain/order.ts';
import { shanghaiMonth } from '../../shared/domain/time.ts';
import type { RouteHandler } from '../../shared/http/route.ts';
import { runCommand } from '../../shared/store/command.ts';
import { orderStore } from '../../shared/store/orders.ts';
import { transitionWrites } from '../../shared/store/transitions.ts';
import type { ordersApi } from './api.ts';
import { orderView } from './order-view.ts';
import { refusals } from './refusals.ts';

export const cancelOrder: RouteHandler<typeof ordersApi.cancelOrder> = (req) =>
  runCommand(req.idempotency, async () => {
    const t = cancel(await orderStore.getFor(req.principal, req.params.orderId), req.body?.reason, req.now);
    return {
      status: 200,
      body: orderView(t.order, req.principal),
      writes: transitionWrites(t, { guard: { kind: 'cover', refusal: refusals.drawerShort(t.refundFen) }, month: shanghaiMonth(req.now) }),
    };
  });
