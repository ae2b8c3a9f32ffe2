import type { Context } from 'aws-lambda';
import { apiHandler } from '#http/api-handler.ts';
import { bind } from '#http/route.ts';
import { db } from '#store/db.ts';
import { billsApi as api } from './api.ts';
import { listBillers, lookupAccount, putBiller } from './billers.ts';
import { payBill } from './pay-bill.ts';
import { getBillPayment, listBillPayments, listPendingBillPayments } from './read-bill-payments.ts';
import { reconcileBills } from './reconcile.ts';
import { isReconcileEvent } from './schedule.ts';

export { reconcileEvent } from './schedule.ts';

export const routes = [
  bind(api.putBiller, putBiller),
  bind(api.listBillers, listBillers),
  bind(api.lookupAccount, lookupAccount),
  bind(api.payBill, payBill),
  bind(api.getBillPayment, getBillPayment),
  bind(api.listBillPayments, listBillPayments),
  bind(api.listPendingBillPayments, listPendingBillPayments),
];

const http = apiHandler(routes, { atColdStart: db });

/** The HTTP API's routes, and the scheduled reconciler, in one function: both settle the same payments. */
export const handler = async (event: unknown, context: Context) =>
  isReconcileEvent(event) ? reconcileBills() : http(event as Parameters<typeof http>[0], context);
