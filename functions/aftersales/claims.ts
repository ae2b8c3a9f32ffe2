import { cashRefusals } from '#domain/cash.ts';
import { issueCode } from '#shared/codes.ts';
import { newId } from '#shared/ids.ts';
import {
  approveClaim as approve,
  claimDecidedMessage,
  openClaim as open,
  recordRepair as record,
  rejectClaim as reject,
  resolveClaim as resolve,
  type Resolution,
} from '#domain/after-sales.ts';
import { shanghaiMonth } from '#domain/time.ts';
import type { RouteHandler } from '#http/route.ts';
import * as claimStore from '#store/claims.ts';
import { runCommand, type Write } from '#store/command.ts';
import * as orderStore from '#store/orders.ts';
import { transitionWrites } from '#store/order-writes.ts';
import { mentionsOf, mentionWrites } from '#store/mentions.ts';
import { villagerErasedFact } from '#store/facts.ts';
import * as messageStore from '#store/messages.ts';
import * as riskStore from '#store/risk.ts';
import * as statementStore from '#store/statements.ts';
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
        writes: [
          orderStore.save(opened.order),
          claimStore.create(opened.claim),
          statementStore.add(order.stationId, shanghaiMonth(req.now), opened.statement),
          // Its problem is free text about the villager: listed for their erasure to reach.
          ...mentionWrites(order.stationId, mentionsOf.claim(opened.claim)),
        ],
      };
    },
  });

export const listClaims: RouteHandler<typeof afterSalesApi.listClaims> = async (req) => {
  const page = await claimStore.ofStatus(req.params.stationId, req.query.status ?? 'OPEN', req.query.limit ?? 50, req.query.next);
  return { status: 200, body: { ...page, items: page.items.map((c) => claimView(c, req.lang)) } };
};

export const listOpenClaims: RouteHandler<typeof afterSalesApi.listOpenClaims> = async (req) => {
  const page = await claimStore.forOps(req.query.status ?? 'OPEN', req.query.limit ?? 50, req.query.next);
  return { status: 200, body: { ...page, items: page.items.map((c) => claimView(c, req.lang)) } };
};

export const getClaim: RouteHandler<typeof afterSalesApi.getClaim> = async (req) => ({
  status: 200,
  body: claimView(await claimStore.getFor(req.principal, req.params.claimId), req.lang),
});

/** The writes of a resolution: RETURN exactly as a return writes (refund, commission reversed, the month), EXCHANGE the replacement order. */
function resolutionWrites(r: Resolution, month: string): Write[] {
  if (r.kind === 'RETURN') {
    const t = r.transition;
    // What was paid with credit goes back to the credit first; only the cash part needs the drawer to hold it.
    const writes = transitionWrites(t, {
      guard: { kind: 'cover', refusal: cashRefusals.drawerShort(t.refund.cashFen) },
      month,
      mentions: [...mentionsOf.returnRecord(t.record, r.claim.villagerId), ...mentionsOf.claim(r.claim)],
    });
    writes.push(orderStore.recordReturn(t.record), claimStore.save(r.claim));
    return writes;
  }
  const about = mentionWrites(r.claim.stationId, mentionsOf.claim(r.claim));
  if (r.kind === 'EXCHANGE') return [claimStore.save(r.claim), orderStore.save(r.order), orderStore.create(r.replacement), ...about];
  return [claimStore.save(r.claim), ...about];
}

/**
 * REPAIR starts at once. A partner's RETURN or EXCHANGE waits for an operator
 * (AWAITING_APPROVAL: nothing moves); an operator's applies at once (they are
 * the second pair of eyes), as an approval does.
 */
export const resolveClaim: RouteHandler<typeof afterSalesApi.resolveClaim> = (req) =>
  runCommand(req.idempotency, {
    reads: [claimStore.readFor(req.principal, req.params.claimId)],
    plan: async ([{ claim, order }], attempt) => {
      const villagerErased = attempt.knows(villagerErasedFact(order.stationId, order.villagerId));
      const by = req.principal.role === 'ops' ? 'ops' : 'partner';
      const r = resolve(claim, order, req.body.remedy, req.body.note, req.now, issueCode(), { villagerErased, by });
      const body = { ...claimView(r.claim, req.lang), ...(r.kind === 'EXCHANGE' ? { replacementDeliveryCode: r.deliveryCode } : {}) };
      // A return or an exchange asked for is counted in the risk view, whoever asked.
      const asked = req.body.remedy === 'RETURN' || req.body.remedy === 'EXCHANGE' ? [riskStore.add(order.stationId, req.now, { exchangesAndReturns: 1 })] : [];
      return { status: 200, body, writes: [...resolutionWrites(r, shanghaiMonth(req.now)), ...asked] };
    },
  });

/**
 * An operator confirms the defect: the partner's RETURN or EXCHANGE is applied
 * exactly as an operator's resolution applies it. The replacement's code is not
 * in this answer: the partner prints the replacement's receipt at the station.
 */
export const approveClaim: RouteHandler<typeof afterSalesApi.approveClaim> = (req) =>
  runCommand(req.idempotency, {
    reads: [claimStore.readFor(req.principal, req.params.claimId)],
    plan: async ([{ claim, order }], attempt) => {
      const villagerErased = attempt.knows(villagerErasedFact(order.stationId, order.villagerId));
      const r = approve(claim, order, req.body?.reason, req.now, issueCode(), { villagerErased });
      const told = claimDecidedMessage(claim, true, req.body?.reason, newId('message', req.now.getTime()), req.now);
      return {
        status: 200,
        body: claimView(r.claim, req.lang),
        writes: [...resolutionWrites(r, shanghaiMonth(req.now)), ...messageStore.queue(told, req.now)],
      };
    },
  });

/** An operator does not confirm the defect: the claim is OPEN again without that remedy. */
export const rejectClaim: RouteHandler<typeof afterSalesApi.rejectClaim> = (req) =>
  runCommand(req.idempotency, {
    reads: [claimStore.readFor(req.principal, req.params.claimId)],
    plan: async ([{ claim }]) => {
      const rejected = reject(claim, req.body.reason, req.now);
      const told = claimDecidedMessage(claim, false, req.body.reason, newId('message', req.now.getTime()), req.now);
      return {
        status: 200,
        body: claimView(rejected, req.lang),
        writes: [claimStore.save(rejected), ...mentionWrites(claim.stationId, mentionsOf.claim(rejected)), ...messageStore.queue(told, req.now)],
      };
    },
  });

export const recordRepair: RouteHandler<typeof afterSalesApi.recordRepair> = (req) =>
  runCommand(req.idempotency, {
    reads: [claimStore.readFor(req.principal, req.params.claimId)],
    plan: async ([{ claim, order }]) => {
      const r = record(claim, order, req.body.fixed, req.body.note, req.now);
      return {
        status: 200,
        body: claimView(r.claim, req.lang),
        writes: [claimStore.save(r.claim), ...(r.order ? [orderStore.save(r.order)] : []), ...mentionWrites(claim.stationId, mentionsOf.claim(r.claim))],
      };
    },
  });
