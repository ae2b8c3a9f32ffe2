import { effectNames, type EffectName } from '#store/outbox.ts';
import type { Effect } from './consumer.ts';
import { announceRun } from './announce-run.ts';
import { sendSignInCode } from './send-sign-in-code.ts';
import { deliverMessage } from './send-sms.ts';

/** Every effect an outbox item can name (docs/architecture.md "The outbox"). */
export const effects: Readonly<Record<EffectName, Effect>> = {
  /** A message to a villager's phone: sent at most once (functions/outbox/send-sms.ts). */
  [effectNames.sms]: (item, now) => deliverMessage(item.outboxId, now),
  /** A run started: each villager whose parcels are on it hears so (functions/outbox/announce-run.ts). */
  [effectNames.runNotice]: announceRun,
  /** A sign-in code to a user's phone: sent at most once, and not kept (functions/outbox/send-sign-in-code.ts). */
  [effectNames.signInCode]: (item, now) => sendSignInCode(item, now),
};
