import type { RouteHandler } from '#http/route.ts';
import { productStore } from '#store/products.ts';
import type { catalogApi } from './api.ts';

export const putProduct: RouteHandler<typeof catalogApi.putProduct> = async (req) => {
  const existing = await productStore.find(req.params.sku);
  const at = req.now.toISOString();
  const product = { ...req.body, sku: req.params.sku, createdAt: existing?.createdAt ?? at, updatedAt: at };
  await productStore.put(product);
  return { status: existing ? 200 : 201, body: product };
};
