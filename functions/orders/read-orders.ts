import type { RouteHandler } from '#http/route.ts';
import * as orderStore from '#store/orders.ts';
import * as villagerStore from '#store/villagers.ts';
import type { ordersApi } from './api.ts';
import { orderView } from './order-view.ts';

export const getOrder: RouteHandler<typeof ordersApi.getOrder> = async (req) => ({
  status: 200,
  body: orderView(await orderStore.getFor(req.principal, req.params.orderId), req.principal),
});

export const listLockedOrders: RouteHandler<typeof ordersApi.listLockedOrders> = async (req) => ({
  status: 200,
  body: await orderStore.locked(req.query.limit ?? 50, req.query.next),
});

export const listOrders: RouteHandler<typeof ordersApi.listOrders> = async (req) => {
  const { status, from, to, limit, next } = req.query;
  const page = await orderStore.list(req.params.stationId, { status, from, to }, limit ?? 20, next);
  // The villager's name and phone, joined at read (one BatchGetItem), so the partner finds the order at hand-over.
  const contacts = await villagerStore.contacts(
    req.params.stationId,
    page.items.map((o) => o.villagerId),
  );
  const items = page.items.map((o) => {
    const who = contacts.get(o.villagerId);
    return { ...orderView(o, req.principal), ...(who ? { villagerName: who.name, ...(who.phone ? { villagerPhone: who.phone } : {}) } : {}) };
  });
  return { status: 200, body: { ...page, items } };
};
