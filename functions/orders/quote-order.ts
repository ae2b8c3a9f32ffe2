import { priceLines, quote } from '#domain/pricing.ts';
import type { RouteHandler } from '#http/route.ts';
import type { ordersApi } from './api.ts';
import { readOrderContext } from '#store/order-context.ts';

/** What the partner shows the villager before confirming: total, saving, and the partner's own commission. */
export const quoteOrder: RouteHandler<typeof ordersApi.quoteOrder> = async (req) => {
  const ctx = await readOrderContext(
    req.params.stationId,
    undefined,
    req.body.lines.map((l) => l.sku),
  );
  const lines = priceLines(req.body.lines, ctx.products, ctx.station.commissionShareBp);
  return { status: 200, body: { lines: lines.map(({ merchantCostFen: _cost, ...line }) => line), ...quote(lines) } };
};
