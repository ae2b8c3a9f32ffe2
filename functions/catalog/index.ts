import { apiHandler } from '#http/api-handler.ts';
import { bind } from '#http/route.ts';
import { db } from '#store/db.ts';
import { catalogApi as api } from './api.ts';
import { getProduct, listProducts } from './browse-products.ts';
import { importProductsFromCsv } from './import-products.ts';
import { putProduct } from './put-product.ts';
import { deleteSynonym, listSynonyms, putSynonym } from './synonyms.ts';

export const routes = [
  bind(api.putProduct, putProduct),
  bind(api.importProducts, importProductsFromCsv),
  bind(api.listProducts, listProducts),
  bind(api.getProduct, getProduct),
  bind(api.putSynonym, putSynonym),
  bind(api.listSynonyms, listSynonyms),
  bind(api.deleteSynonym, deleteSynonym),
];

export const handler = apiHandler(routes, { atColdStart: db });
