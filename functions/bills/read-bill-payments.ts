import type { RouteHandler } from '#http/route.ts';
import * as billPaymentStore from '#store/bills.ts';
import type { billsApi } from './api.ts';
import { settlePending } from './settle.ts';
import { billPaymentView } from './view.ts';

/** Settled with the gateway first when it is still pending (a read that may write the settlement, once). */
export const getBillPayment: RouteHandler<typeof billsApi.getBillPayment> = async (req) => {
  const payment = await billPaymentStore.getFor(req.principal, req.params.billPaymentId);
  const { payment: current } = await settlePending(payment);
  return { status: 200, body: billPaymentView(current) };
};

export const listBillPayments: RouteHandler<typeof billsApi.listBillPayments> = async (req) => {
  const { status, date, limit, next } = req.query;
  const page = await billPaymentStore.list(req.params.stationId, { status, date }, limit ?? 20, next);
  return { status: 200, body: { items: page.items.map(billPaymentView), ...(page.next ? { next: page.next } : {}) } };
};

/** Ops: what is still pending across stations, oldest first (as stored: a read here settles nothing). */
export const listPendingBillPayments: RouteHandler<typeof billsApi.listPendingBillPayments> = async (req) => {
  const page = await billPaymentStore.pendingPayments(req.query.limit ?? 20, req.query.next);
  return { status: 200, body: { items: page.items.map(billPaymentView), ...(page.next ? { next: page.next } : {}) } };
};
