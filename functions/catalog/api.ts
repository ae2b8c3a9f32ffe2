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
  importProducts: route({
    operationId: 'importProducts',
    method: 'POST',
    path: '/v1/products/import',
    fn: 'catalog',
    summary:
      'Import products from a CSV file (header line: sku,title,titleEn,category,onlinePriceYuan,localStorePriceYuan,merchantCostYuan,weightGrams,needsInstallation,returnWindowDays; at most 5,000 lines and 1,000,000 characters a request). Every line is checked before any is written: one wrong cell, nothing imported, and every wrong cell named by line and column (path body.csv.<line>.<column>). dryRun: true checks and counts, writing nothing. Sending the same file again changes nothing; the same Idempotency-Key again finishes an import cut short and answers as the first time.',
    access: ['ops'],
    tenancy: 'none',
    idempotent: true,
    body: s.ImportInput,
    response: { status: 200, description: 'How many lines created, updated or left unchanged a product (or would, on a dry run)', schema: r.ImportOutcome },
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
