import type { RouteHandler } from '#http/route.ts';
import * as productStore from '#store/products.ts';
import type { catalogApi } from './api.ts';

export const putProduct: RouteHandler<typeof catalogApi.putProduct> = async (req) => {
  const { product, created } = await productStore.save(req.params.sku, req.body, req.now.toISOString());
  return { status: created ? 201 : 200, body: product };
};
