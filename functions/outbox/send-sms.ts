import { claimed, dropped, nextStep, notSent, reachable, refused, sent, unknownOutcome, type Message } from '#domain/message.ts';
import { SmsGatewayUnavailableError, smsGateway, type SmsGateway } from '#gateway/sms-gateway.ts';
import { render, segmentsOf, sendDate } from '#gateway/sms-protocol.ts';
import { logger } from '#shared/logger.ts';
import * as messageStore from '#store/messages.ts';
import * as parcelStore from '#store/parcels.ts';
import * as villagerStore from '#store/villagers.ts';

let defaultGateway: SmsGateway | undefined;

/**
 * Sends one message, at most once at the gateway (docs/sms-gateway.md "At
 * most once"). The gateway's send is not idempotent, so every step is written
 * before the next: the message is taken (SENDING, for a while) before it is
 * sent, and whoever finds it SENDING after that while asks the gateway's list
 * of what it sent that day before sending again. An attempt that loses a race
 * to another stops. Safe to call any number of times for the same message: by
 * the outbox's consumer (at least once) and by the retry job.
 */
export async function deliverMessage(messageId: string, now = new Date(), gateway: SmsGateway = (defaultGateway ??= smsGateway())): Promise<void> {
  try {
    await step(messageId, now, gateway);
  } catch (error) {
    // Another attempt took the message first: it is that attempt's to finish.
    if (error instanceof messageStore.MessageChangedError) return;
    throw error;
  }
}

async function step(messageId: string, now: Date, gateway: SmsGateway): Promise<void> {
  let message = await messageStore.get(messageId);
  if (!message) return;
  const next = nextStep(message, now);
  if (next.kind === 'nothing' || next.kind === 'wait') return;
  if (next.kind === 'give-up') return messageStore.save(message, dropped(message, 'GAVE_UP', now));
  const phone = await phoneOf(message);
  if (next.kind === 'check') {
    // The last attempt may have reached the gateway: its list says whether it did.
    if (!phone) return messageStore.save(message, dropped(message, 'VILLAGER_ERASED', now));
    let found;
    try {
      found = (await gateway.sent(phone, sendDate(new Date(message.lastAttemptAt ?? message.createdAt)))).find((i) => i.outId === message!.messageId);
    } catch (error) {
      if (error instanceof SmsGatewayUnavailableError) return; // still unknown: the retry job asks again
      throw error;
    }
    if (found) return messageStore.save(message, sent(message, found.bizId, found.segments, now));
    const cleared = notSent(message, now);
    await messageStore.save(message, cleared);
    message = cleared;
  }
  if (!phone) return messageStore.save(message, dropped(message, 'VILLAGER_ERASED', now));
  const taken = claimed(message, phone, now);
  await messageStore.save(message, taken);
  try {
    const outcome = await gateway.send({ phone, template: message.template, params: message.params, outId: message.messageId });
    if (outcome.kind === 'sent') {
      await messageStore.save(taken, sent(taken, outcome.bizId, segmentsOf(render(message.template, message.params)), now));
    } else {
      logger.warn('SMS refused by the gateway', { messageId, template: message.template, code: outcome.code });
      await messageStore.save(taken, refused(taken, outcome.code, now));
    }
  } catch (error) {
    if (!(error instanceof SmsGatewayUnavailableError)) throw error;
    // Sent or not, nobody can say yet: the message stays taken until its lease runs out, then the gateway's list decides.
    await messageStore.save(taken, unknownOutcome(taken, error.fault, now));
  }
}

/**
 * The number to send to, read now: none if the villager was erased, has no phone any more, or asked for no messages.
 * A message about a parcel goes to its registered villager as any other, or, for a phone nobody registered, to the
 * number on the parcel (none once whoever has it was erased).
 */
async function phoneOf(message: Message): Promise<string | undefined> {
  if (message.subject.kind === 'parcel') {
    const parcel = await parcelStore.find(message.subject.id);
    if (!parcel || parcel.erased) return undefined;
    if (!parcel.villagerId) return parcel.recipientPhone;
  }
  const villager = await villagerStore.find(message.stationId, message.villagerId);
  return villager && reachable(villager) ? villager.phone : undefined;
}

/** How many due messages one run of the retry job looks at (it runs every minute). */
const perRun = 200;

/** The retry job (functions/jobs.ts): every message whose marker is due, looked at again. */
export async function retryMessages(now = new Date()): Promise<{ looked: number }> {
  const due = await messageStore.due(now, perRun);
  for (const messageId of due) await deliverMessage(messageId, now);
  return { looked: due.length };
}
