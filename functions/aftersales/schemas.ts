import * as z from 'zod/mini';
import { cancelReasons, claimStatuses, installationStatuses, installers, opsClaimLists, remedies, rescheduleReasons } from '#domain/after-sales.ts';
import { claimPattern, installationJobPattern } from '#shared/ids.ts';
import { actionDate, cursorParam, DeliveryCode, id, limitParam, Sku, text } from '#schemas/common.ts';
import { lazy } from '#schemas/lazy.ts';

export const JobId = lazy(() => z.string().check(z.regex(installationJobPattern, 'field.id')));
export const ClaimId = lazy(() => z.string().check(z.regex(claimPattern, 'field.id')));

export const JobParams = lazy(() => z.strictObject({ jobId: JobId() }));
export const ClaimParams = lazy(() => z.strictObject({ claimId: ClaimId() }));
export const OrderParams = lazy(() => z.strictObject({ orderId: id('order') }));

export const InstallationQuery = lazy(() => z.strictObject({ status: z.optional(z.enum(installationStatuses)), limit: limitParam(), next: cursorParam() }));
export const ClaimQuery = lazy(() => z.strictObject({ status: z.optional(z.enum(claimStatuses)), limit: limitParam(), next: cursorParam() }));
export const OpenClaimQuery = lazy(() => z.strictObject({ status: z.optional(z.enum(opsClaimLists)), limit: limitParam(), next: cursorParam() }));

export const Schedule = lazy(() => z.strictObject({ date: actionDate(), installer: z.enum(installers), technicianName: z.optional(text(40)) }));
export const Reschedule = lazy(() => z.strictObject({ date: actionDate(), reason: z.enum(rescheduleReasons) }));
export const Complete = lazy(() => z.strictObject({ deliveryCode: DeliveryCode(), note: z.optional(text(200)) }));
export const CancelJob = lazy(() => z.strictObject({ reason: z.enum(cancelReasons) }));

export const NewClaim = lazy(() =>
  z.strictObject({
    sku: Sku(),
    qty: z.int().check(z.gte(1, 'field.min'), z.lte(99, 'field.qtyMax')),
    problem: text(200),
  }),
);
export const Resolve = lazy(() => z.strictObject({ remedy: z.enum(remedies), note: z.optional(text(200)) }));
export const Approval = lazy(() => z.optional(z.strictObject({ reason: z.optional(text(200)) })));
export const Rejection = lazy(() => z.strictObject({ reason: text(200) }));
export const RepairResult = lazy(() => z.strictObject({ fixed: z.boolean(), note: z.optional(text(200)) }));

export { stationParams } from '#schemas/common.ts';
