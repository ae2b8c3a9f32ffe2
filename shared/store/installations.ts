import { assertStationAccess, type Principal } from '#domain/access.ts';
import { type InstallationJob } from '#domain/after-sales.ts';
import type { Task } from '#domain/delivery/task.ts';
import type { Order } from '#domain/order.ts';
import { NotFoundError } from '#shared/errors.ts';
import { installationTaskId, orderOf } from '#shared/ids.ts';
import type { Write } from './command.ts';
import { withoutKeys } from './items.ts';
import * as keys from './keys.ts';
import { queryPage, type Page } from './query.ts';
import { read, type Read } from './reads.ts';
import { putVersioned } from './versioned.ts';

const jobItem = (job: InstallationJob) => ({
  ...keys.installationJob(job.orderId, job.jobId),
  ...keys.installationListing(job.stationId, job.status, job.date ?? job.createdAt.slice(0, 10), job.jobId),
  type: 'installation',
  ...job,
});

function visibleJob(principal: Principal, item: Record<string, unknown> | undefined): InstallationJob {
  if (!item) throw new NotFoundError('installation');
  const job = withoutKeys<InstallationJob>(item);
  assertStationAccess(principal, job.stationId, 'installation');
  return job;
}

export interface JobContext {
  job: InstallationJob;
  order: Order;
  /** The run task a partner's installation is booked on, if it was ever booked. */
  task?: Task;
}

/** Made at hand-over, once: the id comes from the order's, so a second put of the same job is refused. */
export const create = (job: InstallationJob): Write => putVersioned(jobItem(job), 'installation');

export const save = (job: InstallationJob): Write => putVersioned(jobItem(job), 'installation');

/** The job, its order and its booking, in the command's one BatchGetItem (all their keys follow from the job's id). */
export function readFor(principal: Principal, jobId: string): Read<JobContext> {
  const orderId = orderOf(jobId);
  const jobKey = keys.installationJob(orderId, jobId);
  // Only the job's station matters; its booking is in that station's partition, found once the job is.
  return read([jobKey, keys.order(orderId)], (found) => {
    const job = visibleJob(principal, found(jobKey));
    const order = found(keys.order(orderId));
    if (!order) throw new NotFoundError('installation');
    return { job, order: withoutKeys<Order>(order) };
  });
}

/** The same with the station's task key too (a partner's booking): the station is the caller's own. */
export function readWithTask(principal: Principal, jobId: string): Read<JobContext> {
  const base = readFor(principal, jobId);
  if (!principal.stationId) return base;
  const taskKey = keys.task(principal.stationId, installationTaskId(jobId));
  return read([...base.keys, taskKey], (found) => {
    const context = base.from(found);
    const task = found(taskKey);
    return { ...context, ...(task ? { task: withoutKeys<Task>(task) } : {}) };
  });
}

export async function ofStatus(stationId: string, status: string, limit: number, cursor?: string): Promise<Page<InstallationJob>> {
  const page = await queryPage({ index: 'collection', partition: keys.installationsOfStatus(stationId, status), limit, cursor });
  return { ...page, items: page.items.map((i) => withoutKeys<InstallationJob>(i)) };
}
