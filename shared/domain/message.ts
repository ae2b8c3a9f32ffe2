import { ConflictError, RuleError } from '#shared/errors.ts';
import { msg } from '#shared/i18n/messages.ts';

/**
 * Messages to villagers' phones (docs/rules.md "Messages to phones"). A
 * message is written in the transaction of the command that causes it (the
 * outbox) and sent afterwards, never by the request: so a slow gateway never
 * slows a command, and a command that did not commit sends nothing.
 *
 * QUEUED → SENDING → SENT → DELIVERED | UNDELIVERED, or FAILED (the gateway
 * refused it for good), or SKIPPED (no phone, or the villager asked for no
 * messages). SENDING is held for a while (a lease): whoever finds it expired
 * asks the gateway what it sent before sending again, so a message is never
 * sent twice, whatever fails between sending and recording.
 */
export const messageStatuses = ['QUEUED', 'SENDING', 'SENT', 'DELIVERED', 'UNDELIVERED', 'FAILED', 'SKIPPED'] as const;
export type MessageStatus = (typeof messageStatuses)[number];

/** What a message is about, so the order, bill or ticket can say whether its message went out and arrived. */
export const subjectKinds = ['order', 'run', 'bill', 'ticket', 'claim', 'parcel', 'tab'] as const;
export type SubjectKind = (typeof subjectKinds)[number];

/**
 * The approved templates by name (shared/gateway/sms-protocol.ts holds their
 * text and variables), and whether each carries a code that must not be kept
 * once sent. A code template's message is never sent again as it was: the
 * partner reprints, which issues a new code.
 */
export const messageTemplates = {
  ORDER_PLACED: { codes: ['code'], retryWhenLimited: true },
  DELIVERY_CODE: { codes: ['code'], retryWhenLimited: false },
  OUT_FOR_DELIVERY: { codes: [], retryWhenLimited: true },
  BILL_PAID: { codes: [], retryWhenLimited: true },
  WEIGH_TICKET: { codes: [], retryWhenLimited: true },
  CLAIM_DECIDED: { codes: [], retryWhenLimited: true },
  PARCEL_ARRIVED: { codes: ['code'], retryWhenLimited: true },
  PARCEL_REMINDER: { codes: [], retryWhenLimited: true },
  TAB_CONSENT_CODE: { codes: ['code'], retryWhenLimited: false },
  TAB_SALE_CODE: { codes: ['code'], retryWhenLimited: false },
  TAB_REMINDER: { codes: [], retryWhenLimited: true },
} as const satisfies Record<string, { codes: readonly string[]; retryWhenLimited: boolean }>;
export type MessageTemplate = keyof typeof messageTemplates;

export interface Message {
  messageId: string;
  stationId: string;
  /** Who it is for: the villager, whose phone is read when it is sent (so no message keeps a number, and an erased villager gets none). */
  villagerId: string;
  /** The last four digits, for the partner to see where it went (尾号8000). */
  phoneTail?: string;
  template: MessageTemplate;
  params: Record<string, string>;
  subject: { kind: SubjectKind; id: string };
  status: MessageStatus;
  /** Times a send was attempted. */
  attempts: number;
  /** SENDING: until when the attempt under way holds it. */
  leaseUntil?: string;
  /** QUEUED after the gateway's limit: not before. */
  notBefore?: string;
  lastAttemptAt?: string;
  bizId?: string;
  segments?: number;
  sentAt?: string;
  deliveredAt?: string;
  /** Why it failed or was skipped, or why the last attempt did not go (a gateway's error code, or ours). */
  reason?: string;
  createdAt: string;
  updatedAt: string;
}

/** How long an attempt holds a message: longer than the gateway's deadline and the write after it. */
export const leaseMs = 30_000;
/** A message still not sent after this long is given up (FAILED): a notice a day late is no news. */
export const giveUpAfterMs = 24 * 3_600_000;

export const phoneTail = (phone: string): string => phone.slice(-4);
/** A name as a template's text variable takes it (at most 20 characters). */
// 【】 as escapes, as every non-ASCII character in code: the bundles are ASCII (infra/api-function.ts).
export const shortText = (text: string): string => [...text.replace(/[\u3010\u3011[\]<>\r\n\t]/g, ' ').trim()].slice(0, 20).join('');
/** An amount as a template's money variable takes it: yuan with two decimals. */
export const yuanText = (fen: number): string => (fen / 100).toFixed(2);
/** As the receipt says where a code went. */
export const maskedPhone = (tail: string | undefined): string => (tail ? `尾号${tail}` : '');

export interface NewMessage {
  messageId: string;
  stationId: string;
  /**
   * Who it is for. With `phone` and `messages` as read now; with the id alone
   * when they were not read (a bill settled long after the cash was taken):
   * then it is queued, and skipped at sending if they cannot hear by SMS.
   */
  villager: { villagerId: string; phone?: string | undefined; messages?: 'SMS' | 'NONE' | undefined } | { villagerId: string; notRead: true };
  template: MessageTemplate;
  params: Record<string, string>;
  subject: Message['subject'];
  now: Date;
}

/** Whether a villager hears from the station by SMS: a phone, and not asked for none. */
export const reachable = (villager: { phone?: string | undefined; messages?: 'SMS' | 'NONE' | undefined }): boolean =>
  Boolean(villager.phone) && villager.messages !== 'NONE';

/** A message queued (or skipped, for a villager who cannot or will not hear by SMS), to be written in the command's transaction. */
export function newMessage(input: NewMessage): Message {
  const at = input.now.toISOString();
  const v = input.villager;
  const ok = 'notRead' in v || reachable(v);
  const phone = 'notRead' in v ? undefined : v.phone;
  return {
    messageId: input.messageId,
    stationId: input.stationId,
    villagerId: v.villagerId,
    ...(phone ? { phoneTail: phoneTail(phone) } : {}),
    template: input.template,
    params: ok ? input.params : scrubbed(input.template, input.params),
    subject: input.subject,
    status: ok ? 'QUEUED' : 'SKIPPED',
    ...(ok ? {} : { reason: phone ? 'VILLAGER_ASKED_NONE' : 'NO_PHONE' }),
    attempts: 0,
    createdAt: at,
    updatedAt: at,
  };
}

/** The params with every code replaced: what is kept once the code has gone (or will never go). */
export function scrubbed(template: MessageTemplate, params: Record<string, string>): Record<string, string> {
  const codes: readonly string[] = messageTemplates[template].codes;
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, codes.includes(k) ? '******' : v]));
}

export const finished = (status: MessageStatus): boolean => !['QUEUED', 'SENDING'].includes(status);

/** What to do with a message now. */
export type Next =
  | { kind: 'nothing' }
  /** Another attempt holds it, or the gateway's limit: come back then. */
  | { kind: 'wait'; until: string }
  /** An attempt may have reached the gateway: ask what it sent before anything else. */
  | { kind: 'check' }
  | { kind: 'send' }
  | { kind: 'give-up' };

export function nextStep(message: Message, now: Date): Next {
  if (finished(message.status)) return { kind: 'nothing' };
  if (message.status === 'SENDING' && message.leaseUntil && Date.parse(message.leaseUntil) > now.getTime()) return { kind: 'wait', until: message.leaseUntil };
  if (message.status === 'SENDING') return { kind: 'check' };
  if (now.getTime() - Date.parse(message.createdAt) > giveUpAfterMs) return { kind: 'give-up' };
  if (message.notBefore && Date.parse(message.notBefore) > now.getTime()) return { kind: 'wait', until: message.notBefore };
  return { kind: 'send' };
}

const touched = (m: Message, now: Date, changes: Partial<Message>): Message => ({ ...m, ...changes, updatedAt: now.toISOString() });

/** An attempt takes the message for a while (to the number read now: its last digits are kept to show where it went). */
export const claimed = (m: Message, phone: string, now: Date): Message =>
  touched(m, now, {
    phoneTail: phoneTail(phone),
    status: 'SENDING',
    attempts: m.attempts + 1,
    leaseUntil: new Date(now.getTime() + leaseMs).toISOString(),
    lastAttemptAt: now.toISOString(),
  });

/** The gateway took it (its answer, or its list of what it sent). */
export function sent(m: Message, bizId: string, segments: number | undefined, now: Date): Message {
  const { leaseUntil: _l, notBefore: _n, reason: _r, ...rest } = m;
  return touched(rest, now, {
    status: 'SENT',
    bizId,
    ...(segments ? { segments } : {}),
    sentAt: now.toISOString(),
    params: scrubbed(m.template, m.params),
  });
}

/** The start of the next Asia/Shanghai day (UTC+8 all year). */
const nextShanghaiDay = (now: Date): Date => {
  const day = 86_400_000;
  const local = now.getTime() + 8 * 3_600_000;
  return new Date(local - (local % day) + day - 8 * 3_600_000);
};

/** The gateway refused it: for good, or (its limit) until the window passes, for a message worth sending late. */
export function refused(m: Message, code: string, now: Date): Message {
  const { leaseUntil: _l, ...rest } = m;
  if (code === 'BUSINESS_LIMIT_CONTROL' && messageTemplates[m.template].retryWhenLimited) {
    // A notice's limit is per day: tomorrow, in Shanghai.
    return touched(rest, now, { status: 'QUEUED', notBefore: nextShanghaiDay(now).toISOString(), reason: code });
  }
  return touched(rest, now, { status: 'FAILED', reason: code, params: scrubbed(m.template, m.params) });
}

/** Nobody can send it: the villager was erased, or their phone is gone, or it waited too long. */
export function dropped(m: Message, reason: string, now: Date): Message {
  const { leaseUntil: _l, ...rest } = m;
  return touched(rest, now, { status: reason === 'GAVE_UP' ? 'FAILED' : 'SKIPPED', reason, params: scrubbed(m.template, m.params) });
}

/** An attempt whose outcome is unknown (the gateway slow, failing, or its answer lost): the lease runs out, then the gateway's list decides. */
export const unknownOutcome = (m: Message, fault: string, now: Date): Message => touched(m, now, { reason: fault });

/** What the gateway's list says of an attempt whose outcome was unknown: not there, so it may be sent again. */
export function notSent(m: Message, now: Date): Message {
  const { leaseUntil: _l, ...rest } = m;
  return touched(rest, now, { status: 'QUEUED' });
}

/**
 * A delivery receipt: the phone got it, or did not. It may come before the
 * send's own answer was recorded (an answer lost): then it also says the
 * message was sent. A late or repeated receipt changes nothing once settled.
 */
export function receiptFor(
  m: Message,
  receipt: { success: boolean; bizId: string; sendTime: string; reportTime: string; errCode: string },
  now: Date,
): Message | undefined {
  if (m.status === 'DELIVERED' || m.status === 'UNDELIVERED' || m.status === 'SKIPPED') return undefined;
  const { leaseUntil: _l, notBefore: _n, ...rest } = m;
  return touched(rest, now, {
    status: receipt.success ? 'DELIVERED' : 'UNDELIVERED',
    deliveredAt: receipt.reportTime,
    bizId: m.bizId ?? receipt.bizId,
    sentAt: m.sentAt ?? receipt.sendTime,
    params: scrubbed(m.template, m.params),
    ...(receipt.success ? {} : { reason: receipt.errCode }),
  });
}

/** When a message that is not finished should be looked at again by the retry job. */
export function dueAt(m: Message): string | undefined {
  if (finished(m.status)) return undefined;
  return m.status === 'SENDING' ? m.leaseUntil : (m.notBefore ?? m.updatedAt);
}

/** Whether the villager's phone got the message: the receipt says so (for a code, the partner may have to print it instead). */
export const unreached = (status: MessageStatus): boolean => status === 'UNDELIVERED' || status === 'FAILED';

/** A message as the partner and ops see it: where it went (masked), never its code. */
export const messageView = (m: Message) => ({
  messageId: m.messageId,
  villagerId: m.villagerId,
  template: m.template,
  phoneMasked: maskedPhone(m.phoneTail),
  status: m.status,
  subject: m.subject,
  createdAt: m.createdAt,
  ...(m.sentAt ? { sentAt: m.sentAt } : {}),
  ...(m.deliveredAt ? { deliveredAt: m.deliveredAt } : {}),
  ...(m.reason ? { reason: m.reason } : {}),
  ...(m.segments ? { segments: m.segments } : {}),
});
export type MessageView = ReturnType<typeof messageView>;

/**
 * The same message again, for a villager who says it never came: a notice
 * only (a code is never sent twice as it was: the partner reprints, which
 * issues a new one), and only once the first is no longer on its way.
 */
export function resendOf(
  original: Message,
  villager: { villagerId: string; phone?: string | undefined; messages?: 'SMS' | 'NONE' | undefined },
  messageId: string,
  now: Date,
): Message {
  if (messageTemplates[original.template].codes.length > 0) throw new RuleError('message-has-code', msg('message-has-code'));
  if (!finished(original.status)) throw new ConflictError('message-on-its-way', msg('message-on-its-way'));
  if (!reachable(villager)) throw new RuleError('message-no-phone', msg('message-no-phone'));
  return newMessage({
    messageId,
    stationId: original.stationId,
    villager,
    template: original.template,
    params: original.params,
    subject: original.subject,
    now,
  });
}

/**
 * Who to tell that their parcels leave on a run: each villager once, with
 * their orders' receipt numbers. Written as one outbox item when the run
 * starts (a run of 60 parcels could not also hold 60 messages in its one
 * transaction); its effect writes the messages (functions/outbox/announce-run.ts).
 */
export interface RunNotice {
  runId: string;
  stationId: string;
  station: string;
  villagers: { villagerId: string; receiptNos: string[] }[];
}

export function runNotice(
  run: { runId: string; stationId: string },
  stationName: string,
  orders: readonly { villagerId: string; orderId: string }[],
): RunNotice {
  const byVillager = new Map<string, string[]>();
  for (const o of orders) byVillager.set(o.villagerId, [...(byVillager.get(o.villagerId) ?? []), o.orderId.slice(-6)]);
  return {
    runId: run.runId,
    stationId: run.stationId,
    station: shortText(stationName),
    villagers: [...byVillager].map(([villagerId, receiptNos]) => ({ villagerId, receiptNos })),
  };
}

/** One villager's notice of a run, or none for a villager who does not hear by SMS. */
export function runNoticeMessage(
  notice: RunNotice,
  villager: { villagerId: string; phone?: string | undefined; messages?: 'SMS' | 'NONE' | undefined },
  receiptNos: readonly string[],
  messageId: string,
  now: Date,
): Message | undefined {
  if (!reachable(villager)) return undefined;
  return newMessage({
    messageId,
    stationId: notice.stationId,
    villager,
    template: 'OUT_FOR_DELIVERY',
    params: { count: String(receiptNos.length), station: notice.station, receiptNo: receiptNos[0]! },
    subject: { kind: 'run', id: notice.runId },
    now,
  });
}
