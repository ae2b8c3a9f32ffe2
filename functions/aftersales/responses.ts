import * as z from 'zod/mini';
import { cancelReasons, claimStatuses, installationStatuses, installers, remedies, rescheduleReasons } from '#domain/after-sales.ts';
import { id, isoDate, page, Sku, timestamp } from '#schemas/common.ts';
import { lazy } from '#schemas/lazy.ts';
import { ClaimId, JobId } from './schemas.ts';

export const Installation = lazy(() =>
  z.object({
    jobId: JobId(),
    orderId: id('order'),
    stationId: id('station'),
    villagerId: id('villager'),
    villageId: id('village'),
    sku: Sku(),
    title: z.string(),
    qty: z.int(),
    status: z.enum(installationStatuses),
    date: z.optional(isoDate()),
    installer: z.optional(z.enum(installers)),
    technicianName: z.optional(z.string()),
    taskId: z.optional(id('task')),
    reschedules: z.array(z.object({ from: isoDate(), to: isoDate(), reason: z.enum(rescheduleReasons), at: timestamp() })),
    cancelReason: z.optional(z.enum(cancelReasons)),
    claimId: z.optional(ClaimId()),
    note: z.optional(z.string()),
    doneAt: z.optional(timestamp()),
    createdAt: timestamp(),
    updatedAt: timestamp(),
    version: z.int(),
  }),
);
export const InstallationList = lazy(() => page(Installation()));

const Until = lazy(() => z.object({ RETURN: z.optional(isoDate()), EXCHANGE: z.optional(isoDate()), REPAIR: z.optional(isoDate()) }));

export const Claim = lazy(() =>
  z.object({
    claimId: ClaimId(),
    orderId: id('order'),
    stationId: id('station'),
    villagerId: id('villager'),
    sku: Sku(),
    title: z.string(),
    qty: z.int(),
    problem: z.string(),
    source: z.enum(['VILLAGER', 'DEAD_ON_ARRIVAL']),
    jobId: z.optional(JobId()),
    status: z.enum(claimStatuses),
    handedOverAt: timestamp(),
    warrantyFrom: timestamp(),
    warrantyDays: z.int(),
    canReturn: z.boolean(),
    daysSinceHandOver: z.int(),
    allowedRemedies: z.array(z.enum(remedies)),
    until: Until(),
    failedRepairs: z.int(),
    repairs: z.array(z.object({ at: timestamp(), fixed: z.boolean(), note: z.optional(z.string()) })),
    remedy: z.optional(z.enum(remedies)),
    note: z.optional(z.string()),
    requested: z.optional(z.object({ remedy: z.enum(remedies), note: z.optional(z.string()), at: timestamp() })),
    approval: z.optional(z.object({ reason: z.optional(z.string()), at: timestamp() })),
    rejections: z.optional(z.array(z.object({ remedy: z.enum(remedies), reason: z.string(), at: timestamp() }))),
    refundFen: z.optional(z.int()),
    refundedToCreditFen: z.optional(z.int()),
    commissionReversedFen: z.optional(z.int()),
    returnId: z.optional(id('return')),
    replacementOrderId: z.optional(id('order')),
    openedAt: timestamp(),
    resolvedAt: z.optional(timestamp()),
    updatedAt: timestamp(),
    version: z.int(),
  }),
);

/** A claim as a person reads it: what the three guarantees give, in the caller's language (to read aloud). */
export const ClaimView = lazy(() => z.object({ ...Claim().def.shape, says: z.array(z.string()) }));
export const ClaimList = lazy(() => page(ClaimView()));

/** A resolution; an EXCHANGE's answer is the replacement parcel's receipt (its delivery code, the only read of it). */
export const Resolution = lazy(() => z.object({ ...ClaimView().def.shape, replacementDeliveryCode: z.optional(z.string()) }));

/** A cancelled job, and the claim a dead-on-arrival cancellation opened. */
export const Cancelled = lazy(() => z.object({ ...Installation().def.shape, claim: z.optional(ClaimView()) }));
