import { route } from '#http/route.ts';
import * as r from './responses.ts';
import * as s from './schemas.ts';

/** The catalogue: ops keep it, everyone browses it. */
export const catalogApi = {
  putProduct: route({
    operationId: 'putProduct',
    method: 'PUT',
    path: '/v1/products/{sku}',
    fn: 'catalog',
    summary: 'Create or replace a product (prices in fen)',
    access: ['ops'],
    tenancy: 'none',
    idempotent: false,
    params: s.ProductParams,
    body: s.ProductInput,
    response: { status: 200, description: 'The product, replaced', also: { 201: 'The product, created (a new SKU)' }, schema: r.Product },
  }),
  listProducts: route({
    operationId: 'listProducts',
    method: 'GET',
    path: '/v1/products',
    fn: 'catalog',
    summary:
      'Browse the catalogue (by title, or one category), or search it: q is Chinese (洗衣机), pinyin in full or begun (xiyiji, xiyij), initials (xyj), English words or a SKU prefix; best matches first (title starts with q, then whole word, then contains)',
    access: ['ops', 'partner', 'kiosk'],
    tenancy: 'none',
    idempotent: false,
    query: s.ProductQuery,
    response: { status: 200, description: 'A page of products: by title, or best matches first with q', schema: r.ProductList },
  }),
  getProduct: route({
    operationId: 'getProduct',
    method: 'GET',
    path: '/v1/products/{sku}',
    fn: 'catalog',
    summary: 'One product',
    access: ['ops', 'partner', 'kiosk'],
    tenancy: 'none',
    idempotent: false,
    params: s.ProductParams,
    response: { status: 200, description: 'The product', schema: r.Product },
  }),
};
