import { SmsGatewayUnavailableError, smsGateway, type SmsGateway } from '#gateway/sms-gateway.ts';
import { logger } from '#shared/logger.ts';
import type { OutboxItem } from '#store/outbox.ts';
import * as signInStore from '#store/sign-in.ts';
import * as userStore from '#store/users.ts';

let defaultGateway: SmsGateway | undefined;

/**
 * A sign-in code to a user's phone (functions/auth/request-code.ts wrote it),
 * sent at most once: the item is taken before the send, and an answer lost is
 * not sent again (the user asks for another code). The code is not kept after.
 */
export async function sendSignInCode(item: OutboxItem, now: Date, gateway: SmsGateway = (defaultGateway ??= smsGateway())): Promise<void> {
  if (typeof item.userId !== 'string' || typeof item.code !== 'string') return;
  if (!(await signInStore.takeCodeMessage(item.outboxId, now))) return;
  const user = await userStore.get(item.userId);
  if (!user || user.disabled) return signInStore.codeMessageDone(item.outboxId, 'NO_USER');
  try {
    const outcome = await gateway.send({ phone: user.phone, template: 'SIGN_IN_CODE', params: { code: item.code }, outId: item.outboxId });
    if (outcome.kind === 'refused') logger.warn('sign-in code refused by the gateway', { outboxId: item.outboxId, code: outcome.code });
    await signInStore.codeMessageDone(item.outboxId, outcome.kind === 'sent' ? 'SENT' : outcome.code);
  } catch (error) {
    if (!(error instanceof SmsGatewayUnavailableError)) throw error;
    await signInStore.codeMessageDone(item.outboxId, `UNKNOWN_${error.fault}`);
  }
}
