import * as z from 'zod/mini';
import { messageStatuses, messageTemplates, subjectKinds } from '#domain/message.ts';
import { id, page, timestamp } from '#schemas/common.ts';
import { lazy } from '#schemas/lazy.ts';

export const Message = lazy(() =>
  z.object({
    messageId: id('message'),
    villagerId: id('villager'),
    template: z.enum(Object.keys(messageTemplates) as [keyof typeof messageTemplates, ...(keyof typeof messageTemplates)[]]),
    phoneMasked: z.string(),
    status: z.enum(messageStatuses),
    subject: z.object({ kind: z.enum(subjectKinds), id: z.string() }),
    createdAt: timestamp(),
    sentAt: z.optional(timestamp()),
    deliveredAt: z.optional(timestamp()),
    reason: z.optional(z.string()),
    segments: z.optional(z.int()),
  }),
);
export const MessageList = lazy(() => page(Message()));
/** Unreached messages across the network: each with its station. */
export const UnreachedList = lazy(() => page(z.extend(Message(), { stationId: id('station') })));
export const ReceiptAnswer = lazy(() => z.object({ code: z.literal(0) }));
