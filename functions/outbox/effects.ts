import { smsEffect } from '#store/messages.ts';
import type { Effect } from './consumer.ts';
import { deliverMessage } from './send-sms.ts';

/** Every effect an outbox item can name (docs/architecture.md "The outbox"). */
export const effects: Readonly<Record<string, Effect>> = {
  /** A message to a villager's phone: sent at most once (functions/outbox/send-sms.ts). */
  [smsEffect]: (item, now) => deliverMessage(item.outboxId, now),
};
