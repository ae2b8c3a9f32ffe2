import { codeMatches } from '#shared/codes.ts';
import { jobsAtHandOver } from '#domain/after-sales.ts';
import { checkDeliveryCode, handOver } from '#domain/order.ts';
import { shanghaiMonth } from '#domain/time.ts';
import type { RouteHandler } from '#http/route.ts';
import { refuse, runCommand } from '#store/command.ts';
import * as installationStore from '#store/installations.ts';
import * as orderStore from '#store/orders.ts';
import * as statementStore from '#store/statements.ts';
import { servedFact } from '#store/facts.ts';
import { transitionWrites } from '#store/order-writes.ts';
import type { ordersApi } from './api.ts';
import { orderView } from './order-view.ts';

export const pickUp: RouteHandler<typeof ordersApi.pickUp> = (req) =>
  runCommand(req.idempotency, {
    reads: [orderStore.readFor(req.principal, req.params.orderId)],
    plan: async ([order], attempt) => {
      const { now } = req;
      const code = checkDeliveryCode(order, req.body.deliveryCode, codeMatches, now);
      // The wrong try is kept (and replayed, never counted twice) although the request fails.
      if (!code.ok) return refuse(code.error, orderStore.saveWrongCodes([code.order], now));
      const month = shanghaiMonth(now);
      const firstThisMonth = !attempt.knows(servedFact(order.stationId, month, order.villagerId));
      const t = handOver(order, { how: 'PICKED_UP', cashCollectedFen: req.body.cashCollectedFen ?? 0, firstThisMonth, now });
      const writes = transitionWrites(t, { guard: { kind: 'cover' }, month });
      if (firstThisMonth) writes.push(statementStore.markServed(order.stationId, month, order.villagerId));
      // Whatever needs installing gets its job in the same transaction.
      writes.push(...jobsAtHandOver(t.order, now).map(installationStore.create));
      return { status: 200, body: orderView(t.order, req.principal), writes };
    },
  });
