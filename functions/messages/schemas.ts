import * as z from 'zod/mini';
import { messageStatuses } from '#domain/message.ts';
import { cursorParam, id, limitParam } from '#schemas/common.ts';
import { lazy } from '#schemas/lazy.ts';

export const StationParams = lazy(() => z.strictObject({ stationId: id('station') }));
export const MessageParams = lazy(() => z.strictObject({ messageId: id('message') }));
export const StationMessagesQuery = lazy(() =>
  z.strictObject({ villagerId: z.optional(id('villager')), status: z.optional(z.enum(messageStatuses)), limit: limitParam(), next: cursorParam() }),
);
export const ListQuery = lazy(() => z.strictObject({ limit: limitParam(), next: cursorParam() }));

/** The receipts the SMS gateway pushes (docs/sms-gateway.md "Delivery receipts"): a JSON array, as the large services send them. */
export const Receipts = lazy(() =>
  z
    .array(
      z.object({
        phone_number: z.string().check(z.maxLength(20)),
        send_time: z.string().check(z.maxLength(40)),
        report_time: z.string().check(z.maxLength(40)),
        success: z.boolean(),
        err_code: z.string().check(z.maxLength(40)),
        biz_id: z.string().check(z.maxLength(64)),
        out_id: z.string().check(z.maxLength(64)),
      }),
    )
    .check(z.minLength(1, 'field.fewItems'), z.maxLength(100, 'field.manyItems')),
);
