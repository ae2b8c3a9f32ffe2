import type { RouteHandler } from '#http/route.ts';
import { orderStore } from '#store/orders.ts';
import type { ordersApi } from './api.ts';
import { orderView } from './order-view.ts';

export const getOrder: RouteHandler<typeof ordersApi.getOrder> = async (req) => ({
  status: 200,
  body: orderView(await orderStore.getFor(req.principal, req.params.orderId), req.principal),
});

export const listOrders: RouteHandler<typeof ordersApi.listOrders> = async (req) => {
  const { status, from, to, limit, next } = req.query;
  const page = await orderStore.list(req.params.stationId, { status, from, to }, limit ?? 20, next);
  return { status: 200, body: { ...page, items: page.items.map((o) => orderView(o, req.principal)) } };
};
