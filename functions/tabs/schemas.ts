import * as z from 'zod/mini';
import { confirmationPurposes, requestStatuses } from '#domain/tab.ts';
import { ConfirmationCode, ConfirmationId, cursorParam, id, isoDate, limitParam, positiveFen, text } from '#schemas/common.ts';
import { lazy } from '#schemas/lazy.ts';
import { tabRequestPattern } from '#shared/ids.ts';

export const StationParams = lazy(() => z.strictObject({ stationId: id('station') }));
export const VillagerParams = lazy(() => z.strictObject({ stationId: id('station'), villagerId: id('villager') }));
export const RequestId = lazy(() => z.string().check(z.regex(tabRequestPattern, 'field.id')));
export const RequestParams = lazy(() => z.strictObject({ requestId: RequestId() }));

/** A tab's limit: ¥1.00 to ¥50,000.00. */
export const LimitFen = lazy(() => z.int().check(z.gte(100, 'field.amountPositive'), z.lte(5_000_000, 'field.amountTooLarge')));

export const AskConfirmation = lazy(() =>
  z
    .strictObject({
      purpose: z.enum(confirmationPurposes),
      amountFen: positiveFen(),
      dueDate: z.optional(isoDate()),
    })
    .check(z.refine((b) => b.purpose !== 'TAB_SALE' || b.dueDate !== undefined, { message: 'field.required', path: ['dueDate'] })),
);

export const RequestTab = lazy(() => z.strictObject({ limitFen: LimitFen(), confirmationId: ConfirmationId(), code: ConfirmationCode() }));
export const Approve = lazy(() => z.optional(z.strictObject({ limitFen: z.optional(LimitFen()), reason: z.optional(text(200)) })));
export const Reject = lazy(() => z.strictObject({ reason: text(200) }));
export const Repayment = lazy(() => z.strictObject({ amountFen: positiveFen() }));
export const WriteOff = lazy(() => z.strictObject({ reason: text(200) }));
export const RequestQuery = lazy(() => z.strictObject({ status: z.optional(z.enum(requestStatuses)), limit: limitParam(), next: cursorParam() }));
export const PageQuery = lazy(() => z.strictObject({ limit: limitParam(), next: cursorParam() }));
