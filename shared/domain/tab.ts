import { ConflictError, NotFoundError, RuleError, fieldError } from '#shared/errors.ts';
import { msg } from '#shared/i18n/messages.ts';
import { makeEntry, movements, type Entry } from './ledger.ts';
import { newMessage, shortText, yuanText, type Message } from './message.ts';
import type { StatementDelta } from './statement.ts';
import { addDays, shanghaiDate, startOfShanghaiDay } from './time.ts';
import type { Villager } from './villager.ts';

/**
 * A villager's tab (赊账, docs/rules.md "The tab"): the platform's own goods
 * sold with a due date, never cash lent, no interest and no fee. An operator
 * sets the limit (a partner asks, with the villager's consent by a code to
 * their phone); every sale on it needs such a code too. The partner's
 * commission on the part sold on the tab is held, and earned as the tab is
 * repaid, pro rata to the fen; written off, it is forfeited.
 */

export const tabStatuses = ['ACTIVE', 'FROZEN', 'CLOSED'] as const;
export type TabStatus = (typeof tabStatuses)[number];
export const confirmationPurposes = ['TAB_CONSENT', 'TAB_SALE'] as const;
export type ConfirmationPurpose = (typeof confirmationPurposes)[number];
export const requestStatuses = ['PENDING', 'APPROVED', 'REJECTED'] as const;
export type RequestStatus = (typeof requestStatuses)[number];

/** The harvest: a due date at most this many days after the sale. */
export const maxTermDays = 180;
/** Ops may write a tab off once its oldest unpaid sale is this many days overdue. */
export const writeOffAfterDays = 180;
/** A code to the villager's phone is good for this long, once. */
export const confirmationMs = 10 * 60_000;
/** Reminders: days from the due date (7 before, on the day, 7 and 30 after). */
export const reminderOffsets = [-7, 0, 7, 30] as const;

/** What the villager agrees to, kept with the request (its version changes whenever the words do). */
export const consentVersion = 'tab-consent-2026-12';
export const consentText =
  '我同意在本服务站赊账购买平台的商品，到期前用现金或卖农产品的钱还清；赊账不收利息和费用；超过还款日不能再赊账；我的赊账记录由平台保存。';

/** One sale on the tab: an order's part paid by the tab, its due date, what was repaid, the commission held and earned on it. */
export interface TabSale {
  orderId: string;
  amountFen: number;
  dueDate: string;
  repaidFen: number;
  heldFen: number;
  earnedFen: number;
  soldAt: string;
  /** The reminders sent (offsets from the due date, in days). */
  reminded?: number[];
}

export interface Tab {
  stationId: string;
  villagerId: string;
  limitFen: number;
  /** ACTIVE or CLOSED as kept; FROZEN is read from the due dates (`statusOf`). */
  status: 'ACTIVE' | 'CLOSED';
  owedFen: number;
  sales: TabSale[];
  /** Totals over the tab's life: sold, repaid, written off; commission held, earned, forfeited. */
  soldFen: number;
  repaidFen: number;
  writtenOffFen: number;
  heldFen: number;
  earnedFen: number;
  forfeitedFen: number;
  /** The villager's consent that set the limit: the request it came with. */
  consent: { requestId: string; confirmationId: string; text: string; version: string; at: string };
  approvedBy: string;
  closedAt?: string;
  closeReason?: string;
  closedBy?: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface Confirmation {
  confirmationId: string;
  stationId: string;
  villagerId: string;
  purpose: ConfirmationPurpose;
  amountFen: number;
  dueDate?: string;
  codeHash: string;
  messageId: string;
  text: string;
  version: string;
  createdAt: string;
  validUntil: string;
  usedAt?: string;
}

export interface TabRequest {
  requestId: string;
  stationId: string;
  villagerId: string;
  limitFen: number;
  status: RequestStatus;
  consent: { confirmationId: string; text: string; version: string; at: string };
  /** What a rule suggests from the villager's history at the station, and why: a suggestion only, a person decides. */
  suggestion: { limitFen: number; reason: string };
  requestedBy: string;
  requestedAt: string;
  decidedBy?: string;
  decidedAt?: string;
  approvedLimitFen?: number;
  reason?: string;
  version: number;
}

const today = (now: Date) => shanghaiDate(now);
const unpaid = (s: TabSale) => s.amountFen - s.repaidFen;
/** Whole Shanghai days from `date` to today (positive: past it). */
export const daysPast = (date: string, now: Date): number =>
  Math.round((startOfShanghaiDay(today(now)).getTime() - startOfShanghaiDay(date).getTime()) / 86_400_000);

/** Past a due date with something unpaid: no new sales until it is repaid. */
export function statusOf(tab: Pick<Tab, 'status' | 'sales'>, now: Date): TabStatus {
  if (tab.status === 'CLOSED') return 'CLOSED';
  return tab.sales.some((s) => unpaid(s) > 0 && s.dueDate < today(now)) ? 'FROZEN' : 'ACTIVE';
}

export const overdueFen = (tab: Pick<Tab, 'status' | 'sales'>, now: Date): number =>
  tab.status === 'CLOSED' ? 0 : tab.sales.filter((s) => s.dueDate < today(now)).reduce((n, s) => n + unpaid(s), 0);

export interface TabView {
  stationId: string;
  villagerId: string;
  limitFen: number;
  owedFen: number;
  availableFen: number;
  status: TabStatus;
  overdueFen: number;
  heldFen: number;
  earnedFen: number;
  items: { orderId: string; amountFen: number; dueDate: string; repaidFen: number; overdueDays: number }[];
}

export function viewTab(tab: Tab | undefined, stationId: string, villagerId: string, now: Date): TabView {
  if (!tab) throw new NotFoundError('tab');
  const status = statusOf(tab, now);
  return {
    stationId,
    villagerId,
    limitFen: tab.limitFen,
    owedFen: tab.owedFen,
    availableFen: status === 'ACTIVE' ? Math.max(0, tab.limitFen - tab.owedFen) : 0,
    status,
    overdueFen: overdueFen(tab, now),
    heldFen: tab.heldFen - tab.earnedFen - tab.forfeitedFen,
    earnedFen: tab.earnedFen,
    items: tab.sales
      .filter((s) => unpaid(s) > 0 || tab.status === 'CLOSED')
      .map((s) => ({
        orderId: s.orderId,
        amountFen: s.amountFen,
        dueDate: s.dueDate,
        repaidFen: s.repaidFen,
        overdueDays: Math.max(0, daysPast(s.dueDate, now)),
      })),
  };
}

/** A station's tabs as its partner and ops read them: the longest overdue first, then the most owed. */
export function viewStationTabs(tabs: readonly Tab[], now: Date): TabView[] {
  const oldestOverdue = (v: TabView) => Math.max(0, ...v.items.filter((i) => i.amountFen > i.repaidFen).map((i) => i.overdueDays));
  return tabs
    .map((tab) => viewTab(tab, tab.stationId, tab.villagerId, now))
    .sort((a, b) => oldestOverdue(b) - oldestOverdue(a) || b.owedFen - a.owedFen || a.villagerId.localeCompare(b.villagerId));
}

/** A tab needs a phone of the villager's own: every consent and every sale is confirmed on it. */
export function assertHasPhone(villager: Villager): void {
  if (!villager.phone) throw new RuleError('tab-no-phone', msg('tab-no-phone'), [fieldError('params.villagerId', 'field.tabNoPhone')]);
}

/** A due date: a Shanghai date after today, at most `maxTermDays` ahead. */
export function checkDueDate(dueDate: string, now: Date, path = 'body.dueDate'): void {
  const latest = shanghaiDate(addDays(startOfShanghaiDay(today(now)), maxTermDays));
  if (dueDate <= today(now) || dueDate > latest) {
    throw new RuleError('tab-due-date', msg('tab-due-date', { days: maxTermDays, latest }), [fieldError(path, 'field.tabDueDate', { latest })]);
  }
}

export interface AskConfirmation {
  villager: Villager;
  stationName: string;
  purpose: ConfirmationPurpose;
  amountFen: number;
  dueDate?: string | undefined;
  confirmationId: string;
  messageId: string;
  code: { code: string; hash: string };
  now: Date;
}

/** A code to the villager's own phone, saying what they agree to (a limit, or a sale's amount and due date). */
export function askConfirmation(a: AskConfirmation): { confirmation: Confirmation; message: Message } {
  assertHasPhone(a.villager);
  if (a.purpose === 'TAB_SALE') {
    if (!a.dueDate) throw new RuleError('tab-due-date', msg('tab-due-date.missing'), [fieldError('body.dueDate', 'field.required')]);
    checkDueDate(a.dueDate, a.now);
  }
  const station = shortText(a.stationName);
  const message = newMessage({
    messageId: a.messageId,
    stationId: a.villager.stationId,
    villager: a.villager,
    template: a.purpose === 'TAB_SALE' ? 'TAB_SALE_CODE' : 'TAB_CONSENT_CODE',
    params:
      a.purpose === 'TAB_SALE'
        ? { station, amount: yuanText(a.amountFen), date: a.dueDate!, code: a.code.code }
        : { station, amount: yuanText(a.amountFen), code: a.code.code },
    subject: { kind: 'tab', id: a.villager.villagerId },
    now: a.now,
  });
  if (message.status !== 'QUEUED') throw new RuleError('tab-no-phone', msg('tab-no-sms'), [fieldError('params.villagerId', 'field.tabNoPhone')]);
  return {
    confirmation: {
      confirmationId: a.confirmationId,
      stationId: a.villager.stationId,
      villagerId: a.villager.villagerId,
      purpose: a.purpose,
      amountFen: a.amountFen,
      ...(a.dueDate && a.purpose === 'TAB_SALE' ? { dueDate: a.dueDate } : {}),
      codeHash: a.code.hash,
      messageId: a.messageId,
      text: a.purpose === 'TAB_SALE' ? saleText(a.amountFen, a.dueDate!) : consentText,
      version: consentVersion,
      createdAt: a.now.toISOString(),
      validUntil: new Date(a.now.getTime() + confirmationMs).toISOString(),
    },
    message,
  };
}

const saleText = (amountFen: number, dueDate: string) => `赊账购买 ¥${yuanText(amountFen)}，${dueDate} 前还清，不收利息和费用。`;

/**
 * The villager's code, checked: theirs, for this purpose, not used, not
 * expired, the same amount (and due date). Any mismatch refuses with nothing
 * written (the code is good for ten minutes, once).
 */
export function checkConfirmation(
  c: Confirmation | undefined,
  expect: { villagerId: string; purpose: ConfirmationPurpose; amountFen: number; dueDate?: string },
  code: string,
  matches: (hash: string, code: string) => boolean,
  now: Date,
): Confirmation {
  const wrong = (key: 'tab-code-wrong' | 'tab-code-expired' | 'tab-code-used' | 'tab-code-mismatch', params = {}) =>
    new RuleError(key, msg(key, params), [fieldError('body.code', 'field.tabCode')]);
  if (!c || c.villagerId !== expect.villagerId || c.purpose !== expect.purpose) throw wrong('tab-code-wrong');
  if (c.usedAt) throw wrong('tab-code-used');
  if (Date.parse(c.validUntil) <= now.getTime()) throw wrong('tab-code-expired');
  if (!matches(c.codeHash, code)) throw wrong('tab-code-wrong');
  if (c.amountFen !== expect.amountFen || (expect.dueDate !== undefined && c.dueDate !== expect.dueDate)) {
    throw wrong('tab-code-mismatch', { amountFen: c.amountFen, dueDate: c.dueDate ?? '' });
  }
  return { ...c, usedAt: now.toISOString() };
}

/**
 * The rule's suggestion, from what the villager sold at the station (their
 * weigh tickets): half of it, rounded down to ¥10, at most ¥5,000. A
 * suggestion only: an operator decides.
 */
export function suggestLimit(producePaidFen: number): { limitFen: number; reason: string } {
  const limitFen = Math.min(500_000, Math.floor(producePaidFen / 2 / 1_000) * 1_000);
  return {
    limitFen,
    reason:
      producePaidFen > 0
        ? `村民在本站卖农产品共 ¥${yuanText(producePaidFen)}，建议额度为其一半（取整到十元，最多 ¥5000.00）。`
        : '村民在本站还没有卖过农产品，没有可参考的收入：建议先不给额度，或从小额度开始。',
  };
}

export function requestTab(input: {
  requestId: string;
  stationId: string;
  villagerId: string;
  limitFen: number;
  confirmation: Confirmation;
  producePaidFen: number;
  by: string;
  now: Date;
}): TabRequest {
  return {
    requestId: input.requestId,
    stationId: input.stationId,
    villagerId: input.villagerId,
    limitFen: input.limitFen,
    status: 'PENDING',
    consent: {
      confirmationId: input.confirmation.confirmationId,
      text: input.confirmation.text,
      version: input.confirmation.version,
      at: input.now.toISOString(),
    },
    suggestion: suggestLimit(input.producePaidFen),
    requestedBy: input.by,
    requestedAt: input.now.toISOString(),
    version: 1,
  };
}

function pending(request: TabRequest): void {
  if (request.status !== 'PENDING') throw new ConflictError('tab-request-decided', msg('tab-request-decided', { status: request.status }));
}

/** Approved: the tab opened with the limit, or its limit changed. Never above what the villager agreed to. */
export function approveRequest(
  request: TabRequest,
  tab: Tab | undefined,
  decision: { limitFen?: number | undefined; reason?: string | undefined },
  by: string,
  now: Date,
): { request: TabRequest; tab: Tab } {
  const { limitFen, reason } = decision;
  pending(request);
  const limit = limitFen ?? request.limitFen;
  if (limit > request.limitFen) {
    throw new RuleError('tab-limit-above-consent', msg('tab-limit-above-consent', { limitFen: request.limitFen }), [
      fieldError('body.limitFen', 'field.atMost', { maxFen: request.limitFen }),
    ]);
  }
  if (tab?.status === 'CLOSED') throw new ConflictError('tab-closed', msg('tab-closed'));
  const at = now.toISOString();
  const consent = { requestId: request.requestId, ...request.consent };
  const opened: Tab = tab
    ? { ...tab, limitFen: limit, consent, approvedBy: by, updatedAt: at, version: tab.version + 1 }
    : {
        stationId: request.stationId,
        villagerId: request.villagerId,
        limitFen: limit,
        status: 'ACTIVE',
        owedFen: 0,
        sales: [],
        soldFen: 0,
        repaidFen: 0,
        writtenOffFen: 0,
        heldFen: 0,
        earnedFen: 0,
        forfeitedFen: 0,
        consent,
        approvedBy: by,
        createdAt: at,
        updatedAt: at,
        version: 1,
      };
  return {
    request: {
      ...request,
      status: 'APPROVED',
      approvedLimitFen: limit,
      ...(reason ? { reason } : {}),
      decidedBy: by,
      decidedAt: at,
      version: request.version + 1,
    },
    tab: opened,
  };
}

export function rejectRequest(request: TabRequest, reason: string, by: string, now: Date): TabRequest {
  pending(request);
  return { ...request, status: 'REJECTED', reason, decidedBy: by, decidedAt: now.toISOString(), version: request.version + 1 };
}

/** The partner's commission on the part of an order sold on the tab, held (floored: never more than the order's commission). */
export const heldOn = (order: { commissionFen: number; totalFen: number }, amountFen: number): number =>
  order.totalFen > 0 ? Math.floor((order.commissionFen * amountFen) / order.totalFen) : 0;

/** Can this tab take a sale of `amountFen` now? (422 with what to do.) */
export function assertCanSell(tab: Tab | undefined, amountFen: number, now: Date): Tab {
  if (!tab) throw new RuleError('tab-none', msg('tab-none'), [fieldError('body.source', 'field.tabNone')]);
  const status = statusOf(tab, now);
  if (status === 'CLOSED') throw new RuleError('tab-closed', msg('tab-closed'), [fieldError('body.source', 'field.tabFrozen')]);
  if (status === 'FROZEN') {
    throw new RuleError('tab-frozen', msg('tab-frozen', { overdueFen: overdueFen(tab, now) }), [fieldError('body.source', 'field.tabFrozen')]);
  }
  if (tab.owedFen + amountFen > tab.limitFen) {
    const availableFen = Math.max(0, tab.limitFen - tab.owedFen);
    throw new RuleError('tab-over-limit', msg('tab-over-limit', { availableFen, limitFen: tab.limitFen }), [
      fieldError('body.amountFen', 'field.atMost', { maxFen: availableFen }),
    ]);
  }
  return tab;
}

/** The tab after a sale on it. */
export function sellOnTab(tab: Tab, sale: { orderId: string; amountFen: number; heldFen: number; dueDate: string }, now: Date): Tab {
  const at = now.toISOString();
  return {
    ...tab,
    owedFen: tab.owedFen + sale.amountFen,
    soldFen: tab.soldFen + sale.amountFen,
    heldFen: tab.heldFen + sale.heldFen,
    sales: [...tab.sales, { ...sale, repaidFen: 0, earnedFen: 0, soldAt: at }],
    updatedAt: at,
    version: tab.version + 1,
  };
}

/**
 * An order cancelled before it arrived takes its sales off the tab, as if never
 * sold: what they came to is no longer owed, their held commission no longer
 * held. Only while none of them is repaid and the tab is open (a repayment
 * already made would have to go back to the villager in cash: 409).
 */
export function cancelSale(tab: Tab | undefined, orderId: string, now: Date): Tab {
  const sales = tab?.sales.filter((s) => s.orderId === orderId) ?? [];
  if (!tab || sales.length === 0) throw new ConflictError('changed-meanwhile', msg('changed-meanwhile'));
  if (tab.status === 'CLOSED') throw new ConflictError('tab-closed', msg('tab-closed'));
  const repaidFen = sales.reduce((n, s) => n + s.repaidFen, 0);
  if (repaidFen > 0) throw new ConflictError('tab-sale-repaid', msg('tab-sale-repaid', { repaidFen }));
  const amountFen = sales.reduce((n, s) => n + s.amountFen, 0);
  const heldFen = sales.reduce((n, s) => n + s.heldFen, 0);
  return {
    ...tab,
    sales: tab.sales.filter((s) => s.orderId !== orderId),
    owedFen: tab.owedFen - amountFen,
    soldFen: tab.soldFen - amountFen,
    heldFen: tab.heldFen - heldFen,
    updatedAt: now.toISOString(),
    version: tab.version + 1,
  };
}

export interface Repayment {
  tab: Tab;
  repaidFen: number;
  earnedFen: number;
  entry: Entry;
  statement: StatementDelta;
}

/**
 * Repaid, oldest due date first, never more than owed. Each sale's commission
 * earned is its held commission times the share of it repaid, floored, so that
 * a sale repaid in full has earned exactly what was held on it.
 */
export function repay(tab: Tab | undefined, amountFen: number, how: 'CASH' | 'TICKET', now: Date, ticketId?: string): Repayment {
  if (!tab) throw new NotFoundError('tab');
  if (amountFen > tab.owedFen) {
    throw new RuleError('tab-overpaid', msg('tab-overpaid', { owedFen: tab.owedFen }), [fieldError('body.amountFen', 'field.atMost', { maxFen: tab.owedFen })]);
  }
  let left = amountFen;
  let earned = 0;
  const order = [...tab.sales.keys()].sort((a, b) => tab.sales[a]!.dueDate.localeCompare(tab.sales[b]!.dueDate) || a - b);
  const sales = tab.sales.map((s) => ({ ...s }));
  for (const i of order) {
    const s = sales[i]!;
    const take = Math.min(left, s.amountFen - s.repaidFen);
    if (take <= 0) continue;
    s.repaidFen += take;
    const earnedNow = Math.floor((s.heldFen * s.repaidFen) / s.amountFen) - s.earnedFen;
    s.earnedFen += earnedNow;
    earned += earnedNow;
    left -= take;
    if (left === 0) break;
  }
  const at = now.toISOString();
  const entry = makeEntry(
    { stationId: tab.stationId, kind: 'TAB_REPAID', villagerId: tab.villagerId, ...(ticketId ? { ticketId } : {}), at: now },
    ...(how === 'CASH' ? [movements.cashReceived(amountFen)] : []),
    movements.tabRepaid(amountFen, earned),
  )!;
  return {
    tab: {
      ...tab,
      sales,
      owedFen: tab.owedFen - amountFen,
      repaidFen: tab.repaidFen + amountFen,
      earnedFen: tab.earnedFen + earned,
      updatedAt: at,
      version: tab.version + 1,
    },
    repaidFen: amountFen,
    earnedFen: earned,
    entry,
    statement: { tabRepaidFen: amountFen, tabCommissionEarnedFen: earned },
  };
}

/** Written off by ops, 180 days after the oldest unpaid due date: closed, what was owed lost, the held commission forfeited. */
export function writeOff(
  tab: Tab | undefined,
  reason: string,
  by: string,
  now: Date,
): { tab: Tab; entry?: Entry; statement: StatementDelta; forfeitedFen: number } {
  if (!tab) throw new NotFoundError('tab');
  if (tab.status === 'CLOSED') throw new ConflictError('tab-closed', msg('tab-closed'));
  const open = tab.sales.filter((s) => unpaid(s) > 0);
  const oldest = open.map((s) => s.dueDate).sort()[0];
  const overdueDays = oldest ? daysPast(oldest, now) : 0;
  if (!oldest || overdueDays < writeOffAfterDays) {
    throw new RuleError('tab-not-written-off', msg('tab-not-written-off', { days: writeOffAfterDays, overdueDays: Math.max(0, overdueDays) }));
  }
  const forfeited = tab.heldFen - tab.earnedFen - tab.forfeitedFen;
  const at = now.toISOString();
  const entry = makeEntry(
    { stationId: tab.stationId, kind: 'TAB_WRITTEN_OFF', villagerId: tab.villagerId, reason, at: now },
    movements.tabWrittenOff(tab.owedFen, forfeited),
  );
  return {
    tab: {
      ...tab,
      status: 'CLOSED',
      owedFen: 0,
      writtenOffFen: tab.writtenOffFen + tab.owedFen,
      forfeitedFen: tab.forfeitedFen + forfeited,
      closedAt: at,
      closeReason: reason,
      closedBy: by,
      updatedAt: at,
      version: tab.version + 1,
    },
    ...(entry ? { entry } : {}),
    statement: { tabWrittenOffFen: tab.owedFen, tabCommissionForfeitedFen: forfeited },
    forfeitedFen: forfeited,
  };
}

/** A villager who owes on their tab cannot be erased (409 until it is repaid or written off). */
export function assertNothingOwed(tab: Pick<Tab, 'owedFen'> | undefined): void {
  if (tab && tab.owedFen > 0) throw new ConflictError('tab-owed', msg('tab-owed', { owedFen: tab.owedFen }));
}

/** The reminders due now (7 days before, on the day, 7 and 30 after), each at most once, for sales still unpaid. */
export function remindersDue(tab: Tab, now: Date): { tab: Tab; due: { sale: TabSale; offset: number }[] } {
  if (tab.status === 'CLOSED') return { tab, due: [] };
  const due: { sale: TabSale; offset: number }[] = [];
  const sales = tab.sales.map((s) => {
    if (unpaid(s) <= 0) return s;
    const past = daysPast(s.dueDate, now);
    const offsets = reminderOffsets.filter((o) => past >= o && !(s.reminded ?? []).includes(o));
    if (!offsets.length) return s;
    // Only the latest one is sent: a villager who missed a run of the job hears once, not four times.
    due.push({ sale: s, offset: offsets.at(-1)! });
    return { ...s, reminded: [...(s.reminded ?? []), ...offsets] };
  });
  return due.length ? { tab: { ...tab, sales, updatedAt: now.toISOString(), version: tab.version + 1 }, due } : { tab, due };
}

const whenWords = (offset: number) => (offset < 0 ? `${-offset}天后` : offset === 0 ? '今天' : `已过期${offset}天，`);

export function reminderMessage(tab: Tab, sale: TabSale, offset: number, stationName: string, messageId: string, now: Date): Message {
  return newMessage({
    messageId,
    stationId: tab.stationId,
    villager: { villagerId: tab.villagerId, notRead: true },
    template: 'TAB_REMINDER',
    params: { station: shortText(stationName), amount: yuanText(sale.amountFen - sale.repaidFen), when: whenWords(offset), date: sale.dueDate },
    subject: { kind: 'tab', id: tab.villagerId },
    now,
  });
}

/** The tab book's age bands of overdue amounts (days past the due date). */
export const ageBands = ['1-30', '31-60', '61-90', '90+'] as const;
export type AgeBand = (typeof ageBands)[number];
export const bandOf = (days: number): AgeBand => (days <= 30 ? '1-30' : days <= 60 ? '31-60' : days <= 90 ? '61-90' : '90+');

export interface StationTabBook {
  stationId: string;
  tabs: number;
  limitFen: number;
  owedFen: number;
  overdueFen: number;
  overdueByAge: Record<AgeBand, number>;
  soldFen: number;
  writtenOffFen: number;
  /** Written off over sold, in basis points (0 before any sale). */
  defaultRateBp: number;
}

/** Every station's tabs summed (owed, overdue by age band, the default rate), the most overdue first. */
export function tabBook(tabs: readonly Tab[], now: Date): StationTabBook[] {
  const byStation = new Map<string, StationTabBook>();
  for (const tab of tabs) {
    const b =
      byStation.get(tab.stationId) ??
      ({
        stationId: tab.stationId,
        tabs: 0,
        limitFen: 0,
        owedFen: 0,
        overdueFen: 0,
        overdueByAge: { '1-30': 0, '31-60': 0, '61-90': 0, '90+': 0 },
        soldFen: 0,
        writtenOffFen: 0,
        defaultRateBp: 0,
      } satisfies StationTabBook);
    b.tabs += 1;
    b.limitFen += tab.status === 'CLOSED' ? 0 : tab.limitFen;
    b.owedFen += tab.owedFen;
    b.soldFen += tab.soldFen;
    b.writtenOffFen += tab.writtenOffFen;
    if (tab.status !== 'CLOSED') {
      for (const s of tab.sales) {
        const days = daysPast(s.dueDate, now);
        if (days > 0 && unpaid(s) > 0) {
          b.overdueFen += unpaid(s);
          b.overdueByAge[bandOf(days)] += unpaid(s);
        }
      }
    }
    byStation.set(tab.stationId, b);
  }
  return [...byStation.values()]
    .map((b) => ({ ...b, defaultRateBp: b.soldFen > 0 ? Math.round((b.writtenOffFen * 10_000) / b.soldFen) : 0 }))
    .sort((a, b) => b.overdueFen - a.overdueFen || b.owedFen - a.owedFen || a.stationId.localeCompare(b.stationId));
}

/** The confirmation's id carries the villager's (so a sale reads the tab with the order, in one round trip). */
export const confirmationIdFor = (villagerId: string, ulid: string): string => `tc_${villagerId.slice(3)}_${ulid}`;
export const villagerOfConfirmation = (confirmationId: string): string => `vl_${confirmationId.slice(3, 29)}`;
