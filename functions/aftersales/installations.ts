import { codeMatches } from '#shared/codes.ts';
import { mentionsOf, mentionWrites } from '#store/mentions.ts';
import { cancelJob, claimableQty, closeBooking, completeJob, openClaim, rescheduleJob, scheduleJob } from '#domain/after-sales.ts';
import { checkDeliveryCode } from '#domain/order.ts';
import { shanghaiMonth } from '#domain/time.ts';
import type { RouteHandler } from '#http/route.ts';
import { RuleError } from '#shared/errors.ts';
import * as installationStore from '#store/installations.ts';
import * as claimStore from '#store/claims.ts';
import { refuse, runCommand } from '#store/command.ts';
import * as orderStore from '#store/orders.ts';
import * as statementStore from '#store/statements.ts';
import * as taskStore from '#store/tasks.ts';
import type { afterSalesApi } from './api.ts';
import { claimView } from './views.ts';

export const listInstallations: RouteHandler<typeof afterSalesApi.listInstallations> = async (req) => ({
  status: 200,
  body: await installationStore.ofStatus(req.params.stationId, req.query.status ?? 'OPEN', req.query.limit ?? 50, req.query.next),
});

/** The job and its booking (a task whose id follows from the job's) in one read; the job and the task in one write. */
export const scheduleInstallation: RouteHandler<typeof afterSalesApi.scheduleInstallation> = (req) =>
  runCommand(req.idempotency, {
    reads: [installationStore.readWithTask(req.principal, req.params.jobId)],
    plan: async ([{ job, task: old }]) => {
      const { job: scheduled, task } = scheduleJob(job, req.body, req.now, old);
      return { status: 200, body: scheduled, writes: [installationStore.save(scheduled), ...(task ? [taskStore.save(task)] : [])] };
    },
  });

export const rescheduleInstallation: RouteHandler<typeof afterSalesApi.rescheduleInstallation> = (req) =>
  runCommand(req.idempotency, {
    reads: [installationStore.readWithTask(req.principal, req.params.jobId)],
    plan: async ([{ job, task: old }]) => {
      const { job: moved, task } = rescheduleJob(job, req.body.date, req.body.reason, req.now, old);
      return { status: 200, body: moved, writes: [installationStore.save(moved), ...(task ? [taskStore.save(task)] : [])] };
    },
  });

/** Done only with the villager's delivery code: a wrong one counts on the order (and locks it at the fifth), as at hand-over. */
export const completeInstallation: RouteHandler<typeof afterSalesApi.completeInstallation> = (req) =>
  runCommand(req.idempotency, {
    reads: [installationStore.readWithTask(req.principal, req.params.jobId)],
    plan: async ([{ job, order, task }]) => {
      const code = checkDeliveryCode(order, req.body.deliveryCode, codeMatches, req.now);
      // The wrong try is kept (and replayed, never counted twice) although the request fails.
      if (!code.ok) return refuse(code.error, orderStore.saveWrongCodes([code.order], req.now));
      const done = completeJob(job, req.body.note, req.now);
      const booking = closeBooking(task, true, job.jobId, req.now);
      return {
        status: 200,
        body: done.job,
        writes: [
          installationStore.save(done.job),
          statementStore.add(job.stationId, shanghaiMonth(req.now), done.statement),
          ...(booking ? [taskStore.save(booking)] : []),
          ...mentionWrites(job.stationId, mentionsOf.job(done.job)),
        ],
      };
    },
  });

/** Past every guarantee, a dead-on-arrival job is still cancelled, with no claim to open. */
function claimIfStillCovered<T>(open: () => T): T | undefined {
  try {
    return open();
  } catch (error) {
    if (error instanceof RuleError && error.code === 'out-of-warranty') return undefined;
    throw error;
  }
}

/** Dead on arrival opens a claim for what the job was to install (as much of it as is still claimable). */
export const cancelInstallation: RouteHandler<typeof afterSalesApi.cancelInstallation> = (req) =>
  runCommand(req.idempotency, {
    reads: [installationStore.readWithTask(req.principal, req.params.jobId)],
    plan: async ([{ job, order, task }]) => {
      const { now } = req;
      const line = order.lines.find((l) => l.sku === job.sku);
      const claimable = line ? claimableQty(line) : 0;
      const opened =
        req.body.reason === 'DEAD_ON_ARRIVAL' && claimable > 0 && (line?.warrantyDays ?? 0) > 0
          ? claimIfStillCovered(() =>
              openClaim(
                order,
                { sku: job.sku, qty: Math.min(job.qty, claimable), problem: 'DEAD_ON_ARRIVAL', source: 'DEAD_ON_ARRIVAL', jobId: job.jobId },
                now,
              ),
            )
          : undefined;
      const cancelled = cancelJob(job, req.body.reason, now, opened?.claim.claimId);
      const booking = closeBooking(task, false, req.body.reason, now);
      const writes = [installationStore.save(cancelled), ...(booking ? [taskStore.save(booking)] : [])];
      if (opened) {
        writes.push(claimStore.create(opened.claim), orderStore.save(opened.order), statementStore.add(job.stationId, shanghaiMonth(now), opened.statement));
      }
      return { status: 200, body: { ...cancelled, ...(opened ? { claim: claimView(opened.claim, req.lang) } : {}) }, writes };
    },
  });
