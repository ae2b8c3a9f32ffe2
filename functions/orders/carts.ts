import { createCart as newCart } from '#domain/cart.ts';
import type { RouteHandler } from '#http/route.ts';
import * as cartStore from '#store/carts.ts';
import { runCommand } from '#store/command.ts';
import type { ordersApi } from './api.ts';
import { readOrderContext } from '#store/order-context.ts';

export const createCart: RouteHandler<typeof ordersApi.createCart> = (req) =>
  runCommand(req.idempotency, {
    reads: [],
    plan: async () => {
      const { stationId } = req.params;
      const ctx = await readOrderContext(
        stationId,
        req.body.villagerId,
        req.body.lines.map((l) => l.sku),
      );
      const cart = newCart(stationId, req.body.villagerId, req.body.lines, ctx.products, req.principal.role, req.now);
      return { status: 201, body: cart, writes: [cartStore.create(cart)] };
    },
  });

export const listCarts: RouteHandler<typeof ordersApi.listCarts> = async (req) => ({
  status: 200,
  body: await cartStore.list(req.params.stationId, req.query.status ?? 'OPEN', req.query.limit ?? 20, req.query.next),
});

export const getCart: RouteHandler<typeof ordersApi.getCart> = async (req) => ({
  status: 200,
  body: await cartStore.get(req.params.stationId, req.params.cartId),
});
