import { cashRefusals } from '#domain/cash.ts';
import { issueCode } from '#shared/codes.ts';
import { markOrdered } from '#domain/cart.ts';
import { codeSentTo, placeOrder as place } from '#domain/order.ts';
import { newId } from '#shared/ids.ts';
import { priceLines } from '#domain/pricing.ts';
import { shanghaiMonth } from '#domain/time.ts';
import { ConflictError, RuleError, fieldError } from '#shared/errors.ts';
import type { RouteHandler } from '#http/route.ts';
import * as cartStore from '#store/carts.ts';
import { runCommand } from '#store/command.ts';
import { transitionWrites } from '#store/order-writes.ts';
import * as riskStore from '#store/risk.ts';
import type { ordersApi } from './api.ts';
import { orderView } from './order-view.ts';
import { orderContextRead } from '#store/order-context.ts';
import { msg } from '#shared/i18n/messages.ts';

/**
 * Lines given: one read round trip (the record, station, balances, villager and
 * products together) and one write. From a kiosk cart, the cart is read first:
 * what else to read depends on it.
 */
export const placeOrder: RouteHandler<typeof ordersApi.placeOrder> = async (req) => {
  const { stationId } = req.params;
  const { body, now } = req;
  const cart = body.cartId ? await cartStore.get(stationId, body.cartId) : undefined;
  const villagerId = body.villagerId ?? cart?.villagerId;
  if (!villagerId) {
    throw new RuleError('villager-needed', msg('villager-needed'), [fieldError('body.villagerId', 'field.chooseVillager')]);
  }
  const requested = cart ? cart.lines.map(({ sku, qty }) => ({ sku, qty })) : body.lines!;
  const context = orderContextRead(
    stationId,
    villagerId,
    requested.map((l) => l.sku),
  );
  return runCommand(req.idempotency, {
    reads: [context],
    plan: async ([ctx]) => {
      // Checked here, not before: a retry of the request that placed it replays its answer.
      if (cart && cart.status !== 'OPEN') throw new ConflictError('cart-ordered', msg('cart-ordered.as', { cartNo: cart.cartNo, orderId: cart.orderId ?? '' }));
      const t = place({
        station: ctx.station,
        villager: ctx.villager!,
        lines: priceLines(requested, ctx.products, ctx.station.commissionShareBp, cart ? 'cart.lines' : 'body.lines'),
        paymentMode: body.paymentMode,
        fulfilment: body.fulfilment,
        cashReceivedFen: body.cashReceivedFen ?? 0,
        drawerFen: ctx.balances.drawerFen,
        pendingRemittancesFen: ctx.balances.pendingRemittancesFen,
        cartId: cart?.cartId,
        code: issueCode(),
        messageId: newId('message', now.getTime()),
        now,
      });
      const writes = transitionWrites(t, {
        create: true,
        guard: { kind: 'within-limit', limitFen: ctx.station.cashLimitFen, refusal: cashRefusals.overCashLimit(ctx.station) },
        month: shanghaiMonth(now),
      });
      if (cart) writes.push(cartStore.ordered(markOrdered(cart, t.order.orderId, now)));
      // A code the partner can read is counted in the risk view.
      if (t.order.codeShownToPartner) writes.push(riskStore.add(t.order.stationId, now, { codesShownToPartner: 1 }));
      // The receipt: the code went to the villager's phone (the partner never sees it), or, for a villager who hears
      // no SMS, it is printed (the only answer besides a reprint that holds it). The idempotency record keeps the
      // answer, so a retry after a lost answer still prints the receipt.
      const sentTo = codeSentTo(t.order, ctx.villager!);
      return { status: 201, body: { ...orderView(t.order, req.principal), ...(sentTo ? { codeSentTo: sentTo } : { deliveryCode: t.deliveryCode }) }, writes };
    },
  });
};
