import { newMessage, shortText, yuanText, type Message } from './message.ts';
import { fieldError, RuleError } from '#shared/errors.ts';
import { msg } from '#shared/i18n/messages.ts';
import { makeEntry, movements, type Entry } from './ledger.ts';
import type { StatementDelta } from './statement.ts';

/**
 * Bills (docs/rules.md "Bills"): villagers pay phone top-ups and power and
 * water bills at the station in cash, and the station pays them through one
 * bill gateway.
 *
 * A payment takes the cash first (PENDING: drawer +total, due to platform
 * +total), and is settled by the gateway's answer: PAID (the station's
 * commission earned) or FAILED (the cash handed back). These rules are pure;
 * the gateway protocol is docs/bill-gateway.md.
 */
export const billerKinds = ['PHONE', 'POWER', 'WATER'] as const;
export type BillerKind = (typeof billerKinds)[number];

/** EXACT: pay the bill's amount due, no more, no less. ANY: a top-up of any amount. */
export const amountRules = ['EXACT', 'ANY'] as const;
export type AmountRule = (typeof amountRules)[number];

export const billStatuses = ['PENDING', 'PAID', 'FAILED'] as const;
export type BillStatus = (typeof billStatuses)[number];

export interface Biller {
  billerCode: string;
  name: string;
  kind: BillerKind;
  amountRule: AmountRule;
  /** What the villager pays on top of the bill (the platform's). */
  customerFeeFen: number;
  /** What the station earns per paid bill: never more than the bill itself (`commissionFor`). */
  stationCommissionFen: number;
  /** The smallest payment taken (phone top-ups: ¥10.00), so that tiny top-ups cannot farm the commission. */
  minAmountFen?: number;
  createdAt: string;
  updatedAt: string;
}

/** An account as the gateway describes it: the holder's name masked, the amount due now. */
export interface BillAccount {
  billerCode: string;
  accountNo: string;
  holderName: string;
  dueFen: number;
}

export interface BillPayment {
  billPaymentId: string;
  stationId: string;
  billerCode: string;
  billerName: string;
  kind: BillerKind;
  /** Masked (`maskAccountNo`) once the villager it names is erased, or it falls off their list (shared/store/villagers.ts). */
  accountNo: string;
  holderName: string;
  villagerId?: string;
  /** The account number and holder were erased: the payment can no longer be sent to the gateway, only asked about. */
  accountMasked?: boolean;
  amountFen: number;
  customerFeeFen: number;
  totalFen: number;
  /** The biller's commission, at most the amount, copied when the cash is taken; earned only when PAID. */
  stationCommissionFen: number;
  status: BillStatus;
  /** What the gateway knows the payment by: derived from the id, so a retry can never make a second one. */
  reference: string;
  /** The gateway refuses this payment after this instant, so one it never received can be failed safely later. */
  notAfter: string;
  createdAt: string;
  updatedAt: string;
  settledAt?: string;
  receiptNo?: string;
  failureReason?: string;
  /** The message that told the villager it was paid (a payment that names them). */
  messageId?: string;
}

/** How long the gateway may still apply a payment it is sent: a copy that arrives later is refused. */
export const gatewayAcceptsForMs = 20 * 60_000;
/** A payment the gateway still does not know this long after the cash was taken is failed and its cash handed back. */
export const unknownPaymentFailsAfterMs = 30 * 60_000;

/** Shows the family name and the last character: 王小明 → 王*明, 王明 → 王*. Already masked names stay as they are. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.join('') || '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`;
}

/**
 * An account number as a payment keeps it once its villager is erased. For a
 * phone top-up the number IS the villager's phone, for a power or water bill it
 * names their household: only the last 4 characters of a number of 8 or more
 * stay (13800138000 → *******8000), so that the station can still match the
 * payment to the paper receipt it printed, while those 4 do not by themselves
 * single the number out: 10^7 eleven-digit numbers end in the same 4 digits,
 * 10^4 eight-digit ones. A shorter number keeps nothing.
 */
export function maskAccountNo(accountNo: string): string {
  const chars = [...accountNo];
  const kept = chars.length >= 8 ? 4 : 0;
  return '*'.repeat(chars.length - kept) + chars.slice(chars.length - kept).join('');
}

/** The holder's name once the account is erased (even masked, 王*明 is two characters of a name). */
export const erasedHolderName = '*';

/** The gateway reference of a payment: a fixed function of its id. */
export const referenceOf = (billPaymentId: string) => `VS${billPaymentId.replace(/^bp_/, '')}`;

/** Not below the biller's minimum (checked before the gateway is asked anything). */
export function checkBillMinimum(biller: Pick<Biller, 'minAmountFen' | 'name'>, amountFen: number): void {
  const minAmountFen = biller.minAmountFen ?? 0;
  if (amountFen >= minAmountFen) return;
  throw new RuleError('below-min-amount', msg('below-min-amount', { billerName: biller.name, minAmountFen, amountFen }), [
    fieldError('body.amountFen', 'field.atLeastAmount', { minAmountFen }),
  ]);
}

/** What a station earns for one paid bill: the biller's commission, and never more than the bill's own amount. */
export const commissionFor = (biller: Pick<Biller, 'stationCommissionFen'>, amountFen: number): number => Math.min(biller.stationCommissionFen, amountFen);

/** The amount a villager may pay on this account: at least the biller's minimum; the whole amount due for an EXACT biller, anything for ANY. */
export function checkBillAmount(biller: Pick<Biller, 'amountRule' | 'name' | 'minAmountFen'>, account: BillAccount, amountFen: number): void {
  checkBillMinimum(biller, amountFen);
  if (biller.amountRule === 'ANY') return;
  if (account.dueFen === 0) {
    throw new RuleError('nothing-due', msg('nothing-due', { accountNo: account.accountNo, billerName: biller.name }), [
      fieldError('body.amountFen', 'field.nothingDue'),
    ]);
  }
  if (amountFen !== account.dueFen) {
    throw new RuleError('wrong-amount', msg('wrong-amount.bill', { billerName: biller.name, dueFen: account.dueFen, amountFen }), [
      fieldError('body.amountFen', 'field.exactly', { amountFen: account.dueFen }),
    ]);
  }
}

export interface OpenBillPayment {
  billPaymentId: string;
  stationId: string;
  biller: Biller;
  account: BillAccount;
  amountFen: number;
  villagerId?: string | undefined;
  now: Date;
}

/** The cash is taken: the payment, PENDING, and the entry that puts its total in the drawer and on what the station owes. */
export function openBillPayment(input: OpenBillPayment): { payment: BillPayment; entry: Entry } {
  const { biller, account, amountFen, now } = input;
  checkBillAmount(biller, account, amountFen);
  const totalFen = amountFen + biller.customerFeeFen;
  const at = now.toISOString();
  const payment: BillPayment = {
    billPaymentId: input.billPaymentId,
    stationId: input.stationId,
    billerCode: biller.billerCode,
    billerName: biller.name,
    kind: biller.kind,
    accountNo: account.accountNo,
    holderName: maskName(account.holderName),
    ...(input.villagerId ? { villagerId: input.villagerId } : {}),
    amountFen,
    customerFeeFen: biller.customerFeeFen,
    totalFen,
    stationCommissionFen: commissionFor(biller, amountFen),
    status: 'PENDING',
    reference: referenceOf(input.billPaymentId),
    notAfter: new Date(now.getTime() + gatewayAcceptsForMs).toISOString(),
    createdAt: at,
    updatedAt: at,
  };
  const entry = makeEntry(
    { stationId: input.stationId, kind: 'BILL_PAYMENT', billPaymentId: input.billPaymentId, reference: payment.reference, at: now },
    movements.cashReceived(totalFen),
  )!;
  return { payment, entry };
}

/** What the gateway said, or what waiting taught us. */
export type BillOutcome = { status: 'PAID'; receiptNo: string } | { status: 'FAILED'; reason: string };

/**
 * Settles a PENDING payment: PAID earns the station's commission (and counts
 * in the month's statement); FAILED hands the whole total back.
 */
export function settleBillPayment(
  payment: BillPayment,
  outcome: BillOutcome,
  now: Date,
  /** The id the villager's message takes, when the payment names them. */
  messageId?: string,
): { payment: BillPayment; entry?: Entry; statement?: StatementDelta; message?: Message } {
  if (payment.status !== 'PENDING') throw new Error(`bill payment ${payment.billPaymentId} is already ${payment.status}`);
  const at = now.toISOString();
  const fields = { stationId: payment.stationId, billPaymentId: payment.billPaymentId, reference: payment.reference, at: now };
  if (outcome.status === 'PAID') {
    // The villager the payment names hears it arrived (whether they hear by SMS is looked up when it is sent).
    const message =
      payment.villagerId && messageId && !payment.accountMasked
        ? newMessage({
            messageId,
            stationId: payment.stationId,
            villager: { villagerId: payment.villagerId, notRead: true },
            template: 'BILL_PAID',
            params: { biller: shortText(payment.billerName), amount: yuanText(payment.amountFen), receiptNo: outcome.receiptNo.slice(0, 20) },
            subject: { kind: 'bill', id: payment.billPaymentId },
            now,
          })
        : undefined;
    return {
      ...(message ? { message } : {}),
      payment: { ...payment, status: 'PAID', receiptNo: outcome.receiptNo, settledAt: at, updatedAt: at, ...(message ? { messageId: message.messageId } : {}) },
      ...optionalEntry(makeEntry({ ...fields, kind: 'BILL_COMMISSION' }, movements.commissionEarned(payment.stationCommissionFen))),
      statement: { billsPaid: 1, billsFen: payment.amountFen, billCommissionFen: payment.stationCommissionFen },
    };
  }
  return {
    payment: { ...payment, status: 'FAILED', failureReason: outcome.reason, settledAt: at, updatedAt: at },
    ...optionalEntry(makeEntry({ ...fields, kind: 'BILL_REFUND', reason: outcome.reason }, movements.cashRefunded(payment.totalFen))),
  };
}

const optionalEntry = (entry: Entry | undefined) => (entry ? { entry } : {});

/**
 * What to do with a payment still PENDING, given what the gateway says of its
 * reference (`undefined`: it has never received it).
 */
export type PendingStep = { kind: 'settle'; outcome: BillOutcome } | { kind: 'send' } | { kind: 'wait' };

export function nextStep(payment: Pick<BillPayment, 'createdAt' | 'notAfter' | 'accountMasked'>, known: BillOutcome | undefined, now: Date): PendingStep {
  if (known) return { kind: 'settle', outcome: known };
  const age = now.getTime() - Date.parse(payment.createdAt);
  if (age >= unknownPaymentFailsAfterMs) {
    // Safe: the gateway refuses any copy of it that arrives after `notAfter`, which passed long ago.
    return { kind: 'settle', outcome: { status: 'FAILED', reason: 'never-reached-gateway' } };
  }
  // Sent again with the same reference: the gateway applies it at most once, and refuses it after notAfter.
  // Not once its account was erased (its villager withdrew consent): there is nothing to send, so it waits to fail as above.
  return now.getTime() < Date.parse(payment.notAfter) && !payment.accountMasked ? { kind: 'send' } : { kind: 'wait' };
}
