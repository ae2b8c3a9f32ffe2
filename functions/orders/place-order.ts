import { markOrdered } from '#domain/cart.ts';
import { placeOrder as place, priceLines } from '#domain/order.ts';
import { shanghaiMonth } from '#domain/time.ts';
import { ConflictError, RuleError, fieldError } from '#shared/errors.ts';
import type { RouteHandler } from '#http/route.ts';
import { cartStore } from '#store/carts.ts';
import { runCommand } from '#store/command.ts';
import { transitionWrites } from '#store/transitions.ts';
import type { ordersApi } from './api.ts';
import { orderView } from './order-view.ts';
import { readOrderContext } from '#store/order-context.ts';
import { refusals } from './refusals.ts';
import { msg } from '#shared/i18n/messages.ts';

export const placeOrder: RouteHandler<typeof ordersApi.placeOrder> = (req) =>
  runCommand(req.idempotency, async () => {
    const { stationId } = req.params;
    const { body, now } = req;
    const cart = body.cartId ? await cartStore.get(stationId, body.cartId) : undefined;
    if (cart && cart.status !== 'OPEN') throw new ConflictError('cart-ordered', msg('cart-ordered', { cartNo: cart.cartNo }));
    const villagerId = body.villagerId ?? cart?.villagerId;
    if (!villagerId) {
      throw new RuleError('villager-needed', msg('villager-needed'), [fieldError('body.villagerId', 'field.chooseVillager')]);
    }
    const requested = cart ? cart.lines.map(({ sku, qty }) => ({ sku, qty })) : body.lines!;
    const ctx = await readOrderContext(
      stationId,
      villagerId,
      requested.map((l) => l.sku),
    );
    const t = place({
      station: ctx.station,
      villager: ctx.villager!,
      lines: priceLines(requested, ctx.products, ctx.station.commissionShareBp, cart ? 'cart.lines' : 'body.lines'),
      paymentMode: body.paymentMode,
      fulfilment: body.fulfilment,
      cashReceivedFen: body.cashReceivedFen ?? 0,
      drawerFen: ctx.balances.drawerFen,
      cartId: cart?.cartId,
      now,
    });
    const writes = transitionWrites(t, {
      create: true,
      guard: { kind: 'within-limit', limitFen: ctx.station.cashLimitFen, refusal: refusals.overCashLimit },
      month: shanghaiMonth(now),
    });
    if (cart) writes.push(cartStore.ordered(markOrdered(cart, t.order.orderId, now)));
    return { status: 201, body: orderView(t.order, req.principal), writes };
  });
