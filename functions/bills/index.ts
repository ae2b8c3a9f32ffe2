import { withJobs } from '#functions/jobs.ts';
import { apiHandler } from '#http/api-handler.ts';
import { bind } from '#http/route.ts';
import { db } from '#store/db.ts';
import { billsApi as api } from './api.ts';
import { listBillers, lookupAccount, putBiller } from './billers.ts';
import { payBill } from './pay-bill.ts';
import { getBillPayment, listBillPayments, listPendingBillPayments } from './read-bill-payments.ts';
import { reconcileBills } from './reconcile.ts';

export const routes = [
  bind(api.putBiller, putBiller),
  bind(api.listBillers, listBillers),
  bind(api.lookupAccount, lookupAccount),
  bind(api.payBill, payBill),
  bind(api.getBillPayment, getBillPayment),
  bind(api.listBillPayments, listBillPayments),
  bind(api.listPendingBillPayments, listPendingBillPayments),
];

/** The HTTP API's routes, and the scheduled reconciler (functions/jobs.ts), in one function: both settle the same payments. */
export const handler = withJobs('bills', { 'reconcile-bills': () => reconcileBills() }, apiHandler(routes, { atColdStart: db }));
