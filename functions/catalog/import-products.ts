import type { RouteHandler } from '#http/route.ts';
import { InputError } from '#shared/errors.ts';
import { msg } from '#shared/i18n/messages.ts';
import { importProducts } from '#store/product-import.ts';
import type { catalogApi } from './api.ts';
import { readImportCsv } from './csv.ts';

/** Every line checked before any is written: one wrong cell, nothing imported, every wrong cell named. */
export const importProductsFromCsv: RouteHandler<typeof catalogApi.importProducts> = async (req) => {
  const { rows, errors } = readImportCsv(req.body.csv, req.body.firstLine);
  if (errors.length > 0) throw new InputError(errors, msg('import-invalid', { count: errors.length }));
  const { outcome, replayed } = await importProducts(rows, { dryRun: req.body.dryRun, idempotency: req.idempotency, now: req.now });
  return { status: 200, body: outcome, ...(replayed ? { headers: { 'idempotent-replayed': 'true' } } : {}) };
};
