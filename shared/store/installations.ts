import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { assertStationAccess, type Principal } from '#domain/access.ts';
import { opsListOf, type Claim, type InstallationJob, type OpsClaimList } from '#domain/after-sales.ts';
import type { Task } from '#domain/delivery/task.ts';
import type { Order } from '#domain/order.ts';
import { NotFoundError } from '#shared/errors.ts';
import { installationTaskId, orderOf } from '#shared/ids.ts';
import type { Write } from './command.ts';
import { db, tableName } from './db.ts';
import { withoutKeys } from './items.ts';
import { keys } from './keys.ts';
import { queryPage, type Page } from './query.ts';
import { read, type Read } from './reads.ts';
import { putVersioned } from './versioned.ts';

const jobItem = (job: InstallationJob) => ({
  ...keys.installationJob(job.orderId, job.jobId),
  ...keys.installationListing(job.stationId, job.status, job.date ?? job.createdAt.slice(0, 10), job.jobId),
  type: 'installation',
  ...job,
});

const claimItem = (c: Claim) => ({
  ...keys.claim(c.orderId, c.claimId),
  ...keys.claimListing(c.stationId, c.status, c.openedAt, c.claimId, opsListOf(c.status)),
  type: 'claim',
  ...c,
});

function visibleJob(principal: Principal, item: Record<string, unknown> | undefined): InstallationJob {
  if (!item) throw new NotFoundError('installation');
  const job = withoutKeys<InstallationJob>(item);
  assertStationAccess(principal, job.stationId, 'installation');
  return job;
}

function visibleClaim(principal: Principal, item: Record<string, unknown> | undefined): Claim {
  if (!item) throw new NotFoundError('claim');
  const claim = withoutKeys<Claim>(item);
  assertStationAccess(principal, claim.stationId, 'claim');
  return claim;
}

export interface JobContext {
  job: InstallationJob;
  order: Order;
  /** The run task a partner's installation is booked on, if it was ever booked. */
  task?: Task;
}

export interface ClaimContext {
  claim: Claim;
  order: Order;
}

export const installationStore = {
  /** Made at hand-over, once: the id comes from the order's, so a second put of the same job is refused. */
  create: (job: InstallationJob): Write => putVersioned(jobItem(job), 'installation'),
  save: (job: InstallationJob): Write => putVersioned(jobItem(job), 'installation'),

  /** The job, its order and its booking, in the command's one BatchGetItem (all their keys follow from the job's id). */
  readFor(principal: Principal, jobId: string): Read<JobContext> {
    const orderId = orderOf(jobId);
    const jobKey = keys.installationJob(orderId, jobId);
    // Only the job's station matters; its booking is in that station's partition, found once the job is.
    return read([jobKey, keys.order(orderId)], (found) => {
      const job = visibleJob(principal, found(jobKey));
      const order = found(keys.order(orderId));
      if (!order) throw new NotFoundError('installation');
      return { job, order: withoutKeys<Order>(order) };
    });
  },

  /** The same with the station's task key too (a partner's booking): the station is the caller's own. */
  readWithTask(principal: Principal, jobId: string): Read<JobContext> {
    const base = installationStore.readFor(principal, jobId);
    if (!principal.stationId) return base;
    const taskKey = keys.task(principal.stationId, installationTaskId(jobId));
    return read([...base.keys, taskKey], (found) => {
      const context = base.from(found);
      const task = found(taskKey);
      return { ...context, ...(task ? { task: withoutKeys<Task>(task) } : {}) };
    });
  },

  async ofStatus(stationId: string, status: string, limit: number, cursor?: string): Promise<Page<InstallationJob>> {
    const page = await queryPage({ index: 'collection', partition: keys.installationsOfStatus(stationId, status), limit, cursor });
    return { ...page, items: page.items.map((i) => withoutKeys<InstallationJob>(i)) };
  },
};

export const claimStore = {
  create: (claim: Claim): Write => putVersioned(claimItem(claim), 'claim'),
  save: (claim: Claim): Write => putVersioned(claimItem(claim), 'claim'),

  readFor(principal: Principal, claimId: string): Read<ClaimContext> {
    const orderId = orderOf(claimId);
    const claimKey = keys.claim(orderId, claimId);
    return read([claimKey, keys.order(orderId)], (found) => {
      const claim = visibleClaim(principal, found(claimKey));
      const order = found(keys.order(orderId));
      if (!order) throw new NotFoundError('claim');
      return { claim, order: withoutKeys<Order>(order) };
    });
  },

  async getFor(principal: Principal, claimId: string): Promise<Claim> {
    const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.claim(orderOf(claimId), claimId), ConsistentRead: true }));
    return visibleClaim(principal, Item);
  },

  /** A station's claims of one status, newest first. */
  async ofStatus(stationId: string, status: string, limit: number, cursor?: string): Promise<Page<Claim>> {
    const page = await queryPage({ index: 'collection', partition: keys.claimsOfStatus(stationId, status), limit, cursor, newestFirst: true });
    return { ...page, items: page.items.map((i) => withoutKeys<Claim>(i)) };
  },

  /** One of ops' lists across stations, oldest first: claims open (or under repair), or waiting for their approval. */
  async forOps(list: OpsClaimList, limit: number, cursor?: string): Promise<Page<Claim>> {
    const page = await queryPage({ index: 'lookup', partition: keys.opsClaims(list), limit, cursor });
    return { ...page, items: page.items.map((i) => withoutKeys<Claim>(i)) };
  },
};
