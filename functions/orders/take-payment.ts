import { takeProduceCreditPayment, takePayment as pay, takeTabPayment } from '#domain/order.ts';
import { assertCanSell, checkConfirmation, checkDueDate, heldOn, sellOnTab, villagerOfConfirmation } from '#domain/tab.ts';
import { codeMatches } from '#shared/codes.ts';
import { RuleError, fieldError } from '#shared/errors.ts';
import { msg } from '#shared/i18n/messages.ts';
import * as produceCreditStore from '#store/produce-credits.ts';
import { shanghaiMonth } from '#domain/time.ts';
import type { RouteHandler } from '#http/route.ts';
import { runCommand } from '#store/command.ts';
import * as orderStore from '#store/orders.ts';
import { transitionWrites } from '#store/order-writes.ts';
import * as tabStore from '#store/tabs.ts';
import * as confirmationStore from '#store/confirmations.ts';
import type { ordersApi } from './api.ts';
import { orderView } from './order-view.ts';

export const takePayment: RouteHandler<typeof ordersApi.takePayment> = (req) => {
  if (req.body.source === 'TAB') return takeTabSale(req);
  return runCommand(req.idempotency, {
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
};

/**
 * A sale on the villager's tab (docs/rules.md "The tab"): one read (the order,
 * the tab and the confirmation: its id names the villager, the caller's token
 * the station) and one write (the order, the entry, the tab, the code used). A
 * wrong, used or expired code, a frozen tab or one over its limit: 422, nothing
 * written.
 */
const takeTabSale: RouteHandler<typeof ordersApi.takePayment> = (req) => {
  const confirmationId = req.body.confirmationId!;
  const stationId = req.principal.stationId ?? '';
  const villagerId = villagerOfConfirmation(confirmationId);
  return runCommand(req.idempotency, {
    reads: [orderStore.readFor(req.principal, req.params.orderId), tabStore.read(stationId, villagerId), confirmationStore.read(stationId, confirmationId)],
    plan: async ([order, tab, confirmation]) => {
      const { amountFen } = req.body;
      const dueDate = req.body.dueDate!;
      if (order.villagerId !== villagerId) {
        throw new RuleError('tab-other-villager', msg('tab-other-villager'), [fieldError('body.confirmationId', 'field.tabCode')]);
      }
      checkDueDate(dueDate, req.now);
      const open = assertCanSell(tab, amountFen, req.now);
      const used = checkConfirmation(confirmation, { villagerId, purpose: 'TAB_SALE', amountFen, dueDate }, req.body.code!, codeMatches, req.now);
      const heldFen = heldOn(order, amountFen);
      const t = takeTabPayment(order, amountFen, heldFen, req.now);
      const after = sellOnTab(open, { orderId: order.orderId, amountFen, heldFen, dueDate }, req.now);
      const view = orderView(t.order, req.principal);
      return {
        status: 200,
        body: {
          orderId: view.orderId,
          paidFen: view.paidFen,
          outstandingFen: view.outstandingFen,
          order: view,
          tab: { amountFen, dueDate, owedFen: after.owedFen },
        },
        writes: [...transitionWrites(t, { guard: { kind: 'cover' }, month: shanghaiMonth(req.now) }), tabStore.save(tab, after), confirmationStore.use(used)],
      };
    },
  });
};
