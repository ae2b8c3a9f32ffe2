import { publicView, type Product } from '#domain/product.ts';
import type { Principal } from '#domain/access.ts';
import type { RouteHandler } from '#http/route.ts';
import * as productStore from '#store/products.ts';
import type { catalogApi } from './api.ts';

const viewFor = (principal: Principal) => (p: Product) => (principal.role === 'ops' ? p : publicView(p));

export const listProducts: RouteHandler<typeof catalogApi.listProducts> = async (req) => {
  const { q, category, limit, next } = req.query;
  const page = await productStore.search(q, category, limit ?? 24, next);
  return { status: 200, body: { ...page, items: page.items.map(viewFor(req.principal)) } };
};

export const getProduct: RouteHandler<typeof catalogApi.getProduct> = async (req) => ({
  status: 200,
  body: viewFor(req.principal)(await productStore.get(req.params.sku)),
});
