import { logger } from '#shared/logger.ts';
import * as billPaymentStore from '#store/bills.ts';
import { settlePending } from './settle.ts';

export interface ReconcileSummary {
  checked: number;
  paid: number;
  failed: number;
  pending: number;
  /** The run stopped early because the gateway stopped answering. */
  gatewayDown: boolean;
}

export interface ReconcileOptions {
  /** The clock the 30-minute rule reads (tests move it). */
  now?: () => Date;
  /** Stop starting new payments after this long (the function's timeout is longer). */
  budgetMs?: number;
  concurrency?: number;
}

/** After this many payments in a row that the gateway did not answer for, the run stops: the next one tries again. */
const downAfter = 5;

/**
 * The scheduled reconciler (EventBridge Scheduler every 5 minutes in AWS, a
 * timer in the local server, `npm run reconcile` by hand): every station's
 * PENDING payments, oldest first, each settled as a read would settle it.
 */
export async function reconcileBills(options: ReconcileOptions = {}): Promise<ReconcileSummary> {
  const now = options.now ?? (() => new Date());
  const stopAt = Date.now() + (options.budgetMs ?? 45_000);
  const concurrency = options.concurrency ?? 4;
  const summary: ReconcileSummary = { checked: 0, paid: 0, failed: 0, pending: 0, gatewayDown: false };
  let unanswered = 0;
  let cursor: string | undefined;
  do {
    const page = await billPaymentStore.pending(concurrency * 5, cursor);
    const queue = [...page.items];
    const worker = async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        if (Date.now() > stopAt || unanswered >= downAfter) return;
        const payment = await billPaymentStore.find(id);
        if (!payment) continue;
        const { payment: after, reached } = await settlePending(payment, now());
        unanswered = reached ? 0 : unanswered + 1;
        summary.checked++;
        if (after.status === 'PAID') summary.paid++;
        else if (after.status === 'FAILED') summary.failed++;
        else summary.pending++;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    cursor = page.next;
  } while (cursor && Date.now() <= stopAt && unanswered < downAfter);
  summary.gatewayDown = unanswered >= downAfter;
  if (summary.checked > 0) logger.info('bill payments reconciled', { ...summary });
  if (summary.gatewayDown) logger.warn('bill gateway not answering: reconciliation stopped early', { ...summary });
  return summary;
}
