import { takeProduceCreditPayment, takePayment as pay } from '#domain/order.ts';
import { RuleError, fieldError } from '#shared/errors.ts';
import { msg } from '#shared/i18n/messages.ts';
import { produceCreditStore } from '#store/produce.ts';
import { shanghaiMonth } from '#domain/time.ts';
import type { RouteHandler } from '#http/route.ts';
import { runCommand } from '#store/command.ts';
import { orderStore } from '#store/orders.ts';
import { transitionWrites } from '#store/order-writes.ts';
import type { ordersApi } from './api.ts';
import { orderView } from './order-view.ts';

export const takePayment: RouteHandler<typeof ordersApi.takePayment> = (req) =>
  runCommand(req.idempotency, {
    reads: [orderStore.readFor(req.principal, req.params.orderId)],
    plan: async ([order]) => {
      const { amountFen } = req.body;
      const credit = req.body.source === 'CREDIT';
      const t = credit ? takeProduceCreditPayment(order, amountFen, req.now) : pay(order, amountFen, req.now);
      const view = orderView(t.order, req.principal);
      const short = () => new RuleError('credit-short', msg('credit-short.order', { amountFen }), [fieldError('body.amountFen', 'field.creditShort')]);
      return {
        status: 200,
        body: { orderId: view.orderId, paidFen: view.paidFen, outstandingFen: view.outstandingFen, order: view },
        writes: [
          ...transitionWrites(t, { guard: { kind: 'cover' }, month: shanghaiMonth(req.now) }),
          ...(credit ? [produceCreditStore.add(order.stationId, order.villagerId, -amountFen, req.now.toISOString(), short)] : []),
        ],
      };
    },
  });
