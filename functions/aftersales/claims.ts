import { cashRefusals } from '#domain/cash.ts';
import { issueCode } from '#shared/codes.ts';
import { openClaim as open, recordRepair as record, resolveClaim as resolve } from '#domain/after-sales.ts';
import { shanghaiMonth } from '#domain/time.ts';
import type { RouteHandler } from '#http/route.ts';
import { claimStore } from '#store/after-sales.ts';
import { runCommand } from '#store/command.ts';
import { orderStore } from '#store/orders.ts';
import { transitionWrites } from '#store/order-writes.ts';
import { villagerErasedFact } from '#store/facts.ts';
import { statementStore } from '#store/statements.ts';
import type { afterSalesApi } from './api.ts';
import { claimView } from './views.ts';

/** The order (its line's claimed quantity, only if unchanged since read), the claim and the month's count, in one transaction. */
export const openClaim: RouteHandler<typeof afterSalesApi.openClaim> = (req) =>
  runCommand(req.idempotency, {
    reads: [orderStore.readFor(req.principal, req.params.orderId)],
    plan: async ([order]) => {
      const opened = open(order, req.body, req.now);
      return {
        status: 201,
        body: claimView(opened.claim, req.lang),
        writes: [orderStore.save(opened.order), claimStore.create(opened.claim), statementStore.add(order.stationId, shanghaiMonth(req.now), opened.statement)],
      };
    },
  });

export const listClaims: RouteHandler<typeof afterSalesApi.listClaims> = async (req) => {
  const page = await claimStore.ofStatus(req.params.stationId, req.query.status ?? 'OPEN', req.query.limit ?? 50, req.query.next);
  return { status: 200, body: { ...page, items: page.items.map((c) => claimView(c, req.lang)) } };
};

export const listOpenClaims: RouteHandler<typeof afterSalesApi.listOpenClaims> = async (req) => {
  const page = await claimStore.open(req.query.limit ?? 50, req.query.next);
  return { status: 200, body: { ...page, items: page.items.map((c) => claimView(c, req.lang)) } };
};

export const getClaim: RouteHandler<typeof afterSalesApi.getClaim> = async (req) => ({
  status: 200,
  body: claimView(await claimStore.getFor(req.principal, req.params.claimId), req.lang),
});

/**
 * RETURN moves the money exactly as a return does (the same domain function and
 * writes: refund to credit and from the drawer, commission reversed, the month's statement);
 * EXCHANGE creates the replacement order in the same transaction.
 */
export const resolveClaim: RouteHandler<typeof afterSalesApi.resolveClaim> = (req) =>
  runCommand(req.idempotency, {
    reads: [claimStore.readFor(req.principal, req.params.claimId)],
    plan: async ([{ claim, order }], attempt) => {
      const villagerErased = attempt.knows(villagerErasedFact(order.stationId, order.villagerId));
      const r = resolve(claim, order, req.body.remedy, req.body.note, req.now, issueCode(), { villagerErased });
      if (r.kind === 'RETURN') {
        const t = r.transition;
        // What was paid with credit goes back to the credit first; only the cash part needs the drawer to hold it.
        const writes = transitionWrites(t, { guard: { kind: 'cover', refusal: cashRefusals.drawerShort(t.refund.cashFen) }, month: shanghaiMonth(req.now) });
        writes.push(orderStore.recordReturn(t.record), claimStore.save(r.claim));
        return { status: 200, body: claimView(r.claim, req.lang), writes };
      }
      if (r.kind === 'EXCHANGE') {
        return {
          status: 200,
          body: { ...claimView(r.claim, req.lang), replacementDeliveryCode: r.deliveryCode },
          writes: [claimStore.save(r.claim), orderStore.save(r.order), orderStore.create(r.replacement)],
        };
      }
      return { status: 200, body: claimView(r.claim, req.lang), writes: [claimStore.save(r.claim)] };
    },
  });

export const recordRepair: RouteHandler<typeof afterSalesApi.recordRepair> = (req) =>
  runCommand(req.idempotency, {
    reads: [claimStore.readFor(req.principal, req.params.claimId)],
    plan: async ([{ claim, order }]) => {
      const r = record(claim, order, req.body.fixed, req.body.note, req.now);
      return { status: 200, body: claimView(r.claim, req.lang), writes: [claimStore.save(r.claim), ...(r.order ? [orderStore.save(r.order)] : [])] };
    },
  });
