import { ConflictError, RuleError, fieldError, type FieldError } from '#shared/errors.ts';
import { msg } from '#shared/i18n/messages.ts';
import { newId } from '#shared/ids.ts';
import { cashLimitReached, isOverCashLimit } from './cash.ts';
import type { CodeMatcher, IssuedCode } from './codes.ts';
import { maskedPhone, newMessage, phoneTail, reachable, shortText, unreached, yuanText, type Message } from './message.ts';
import { makeEntry, movements, type Entry } from './ledger.ts';
import { commissionFen, creditLeftToRefund, savingsFen, sum } from './money.ts';
import { quote, type LineRequest } from './pricing.ts';
import type { Station } from './station.ts';
import type { StatementDelta } from './statement.ts';
import { addDays } from './time.ts';
import type { Villager } from './villager.ts';

export const orderStatuses = ['PLACED', 'AT_STATION', 'OUT_FOR_DELIVERY', 'DELIVERED', 'PICKED_UP', 'CANCELLED'] as const;
export type OrderStatus = (typeof orderStatuses)[number];
export const paymentModes = ['CASH_ON_ORDER', 'CASH_ON_DELIVERY'] as const;
export type PaymentMode = (typeof paymentModes)[number];
export const fulfilments = ['HOME_DELIVERY', 'STATION_PICKUP'] as const;
export type Fulfilment = (typeof fulfilments)[number];

/** After this many wrong delivery codes the order is locked until ops unlock it. */
export const maxWrongCodes = 5;

/** A line copies the catalogue's prices and terms when the order is placed; later catalogue changes never touch it. */
export interface OrderLine {
  sku: string;
  title: string;
  qty: number;
  onlinePriceFen: number;
  localStorePriceFen: number;
  merchantCostFen: number;
  weightGrams: number;
  needsInstallation: boolean;
  returnWindowDays: number;
  /** Copied from the product (lines of orders placed before it existed have none: 0). */
  warrantyDays?: number;
  lineTotalFen: number;
  savingsFen: number;
  /** On the quantity still kept: projected before hand-over, earned after. */
  commissionFen: number;
  returnedQty: number;
  /** Under open after-sales claims (shared/domain/after-sales.ts): not returnable or claimable again meanwhile. */
  claimedQty?: number;
  /** Exchanged for a replacement under a claim. */
  exchangedQty?: number;
}

export interface Order {
  orderId: string;
  stationId: string;
  villagerId: string;
  villageId: string;
  cartId?: string;
  status: OrderStatus;
  paymentMode: PaymentMode;
  fulfilment: Fulfilment;
  lines: OrderLine[];
  totalFen: number;
  savingsFen: number;
  commissionFen: number;
  commissionShareBp: number;
  weightGrams: number;
  paidFen: number;
  refundedFen: number;
  /**
   * Of `paidFen`, what came from the villager's produce credit (no cash moved),
   * and of `refundedFen`, what went back to that credit: refunds go back the way
   * the order was paid (`splitRefund`). Orders written before these were kept
   * have neither: read as 0, i.e. everything on them counts as cash.
   */
  paidByCreditFen?: number;
  refundedToCreditFen?: number;
  /**
   * Of `paidFen`, what was sold on the villager's tab (docs/rules.md "The
   * tab"), and the partner's commission on it, held: at hand-over only the
   * rest of the commission is earned; the held part is earned as the tab is
   * repaid. Absent: none.
   */
  paidByTabFen?: number;
  commissionHeldFen?: number;
  /** Of `refundedFen`, what was taken back off the tab (the order cancelled: its tab sale undone). Absent: none. */
  refundedToTabFen?: number;
  /** Of the credit-paid part, what was refunded in cash because the villager had been erased (no credit can be kept for no one). */
  creditRefundedInCashFen?: number;
  outstandingFen: number;
  commissionEarnedFen: number;
  returnedFen: number;
  /** A salted hash of the villager's code (shared/codes.ts); the code itself only ever in an SMS to the villager or on a printed receipt. */
  deliveryCodeHash: string;
  /**
   * A code was printed for the partner to hand on (the villager has no phone, or
   * their phone did not get the last one): the risk view counts these. Absent on
   * orders placed before codes went by SMS (all printed).
   */
  codeShownToPartner?: boolean;
  /** The message that carried the current code to the villager's phone, when it went by SMS. */
  codeMessageId?: string;
  /** Every message sent to the villager about this order (the code, out for delivery, a claim decided). */
  messageIds?: string[];
  /** Receipts printed: 1 when placed, one more per reprint (each reprint issues a new code). */
  receiptsIssued: number;
  receiptReissuedAt?: string;
  wrongCodeAttempts: number;
  lockedForOps: boolean;
  placedAt: string;
  arrivedAt?: string;
  handedOverAt?: string;
  cancelledAt?: string;
  cancelReason?: string;
  /** The delivery run the parcel is planned on (while AT_STATION) or out with. */
  runId?: string;
  lastFailedDelivery?: { at: string; reason: string };
  /** The last time ops unlocked it after wrong codes: who, when and why (what was checked with the villager). */
  lastUnlock?: { at: string; by: string; reason?: string };
  /** A replacement parcel sent under a claim: no charge, no commission; the warranty runs from the original hand-over. */
  replacementFor?: { orderId: string; claimId: string; warrantyFrom: string };
  updatedAt: string;
  version: number;
}

/** What a money command decided: the order after it, the ledger entry, and what the month's statement gains. */
export interface Transition {
  order: Order;
  entry?: Entry;
  statement?: StatementDelta;
  /** Credit given back to the order's villager: added to their credit item in the same transaction as the entry. */
  creditRefund?: { villagerId: string; amountFen: number };
  /** A message to the villager's phone, queued in the same transaction (the outbox). */
  message?: Message;
}

/** How a refund goes back: to the villager's credit, in cash from the drawer, and of the cash what stood for credit (an erased villager). */
export interface RefundSplit {
  refundFen: number;
  toCreditFen: number;
  cashFen: number;
  creditInCashFen: number;
}

/**
 * A refund goes back the way the order was paid (docs/rules.md
 * "Cancellations, returns and refunds"). The part paid with the villager's
 * credit and not yet refunded goes back to their credit first: it needs no
 * cash, so a short drawer never refuses it (the villager takes it as cash with
 * a payout whenever they like). Only the rest comes out of the drawer. A
 * villager erased since (possible once their credit was spent) can hold no
 * credit: their credit part is paid in cash instead, as a refund to credit and
 * its payout at once would be, and like any cash it needs the drawer to hold
 * it. Missing fields (older orders) are 0: all cash.
 */
export function splitRefund(order: Order, refundFen: number, villagerErased = false): { split: RefundSplit; changes: Partial<Order> } {
  const creditPart = Math.min(refundFen, creditLeftToRefund(order));
  const toCreditFen = villagerErased ? 0 : creditPart;
  const creditInCashFen = villagerErased ? creditPart : 0;
  return {
    split: { refundFen, toCreditFen, cashFen: refundFen - toCreditFen, creditInCashFen },
    changes: {
      refundedFen: order.refundedFen + refundFen,
      refundedToCreditFen: (order.refundedToCreditFen ?? 0) + toCreditFen,
      ...(creditInCashFen || order.creditRefundedInCashFen ? { creditRefundedInCashFen: (order.creditRefundedInCashFen ?? 0) + creditInCashFen } : {}),
    },
  };
}

/** The ledger's movements of a refund, and what the order's villager gets back on credit. */
function refundMovements(order: Order, split: RefundSplit) {
  return {
    postings: [...movements.cashRefunded(split.cashFen), ...movements.creditRefunded(split.toCreditFen)],
    ...(split.toCreditFen > 0 ? { villagerId: order.villagerId, creditRefund: { villagerId: order.villagerId, amountFen: split.toCreditFen } } : {}),
  };
}

/** Delivered at the door or picked up at the station. */
export const handedOver = (s: string): boolean => s === 'DELIVERED' || s === 'PICKED_UP';

/** What was being done, named by its catalogue word (`doing.<name>`), so the refusal reads in the client's language. */
type Doing = 'pay' | 'plan' | 'start' | 'failDelivery' | 'arrive' | 'handOver' | 'deliver';

function wrongStatus(order: Order, doing: Doing): ConflictError {
  return new ConflictError('wrong-status', msg('wrong-status', { what: 'order', status: order.status, doing }));
}

function touched(order: Order, now: Date, changes: Partial<Order>): Order {
  return { ...order, ...changes, updatedAt: now.toISOString(), version: order.version + 1 };
}

export interface PlaceOrder {
  station: Station;
  villager: Villager;
  lines: OrderLine[];
  paymentMode: PaymentMode;
  fulfilment: Fulfilment;
  /** Cash the partner takes now (usually the whole total for cash on order). */
  cashReceivedFen: number;
  drawerFen: number;
  /** Remitted but not yet confirmed: still the station's cash as far as the limit goes. */
  pendingRemittancesFen?: number;
  cartId?: string | undefined;
  /** The receipt's delivery code (shared/codes.ts issues it). */
  code: IssuedCode;
  /** The id the code's SMS takes, if the villager hears by SMS. */
  messageId: string;
  now: Date;
}

/** The number printed on the receipt and said in messages: the order id's last six characters, enough to find it at hand-over. */
export const receiptNo = (orderId: string): string => orderId.slice(-6);

/**
 * How a new code reaches the villager: by SMS when they hear from the station
 * that way and their phone got the last code (the partner never sees it), else
 * printed on the receipt for the partner to hand on.
 */
export const codeBySms = (villager: Pick<Villager, 'phone' | 'messages'>, lastCodeMessage?: Pick<Message, 'status'>): boolean =>
  reachable(villager) && !(lastCodeMessage && unreached(lastCodeMessage.status));

/** Where the receipt says the code went (尾号8000), or undefined when it is printed. */
export const codeSentTo = (order: Pick<Order, 'codeShownToPartner' | 'codeMessageId'>, villager: Pick<Villager, 'phone'>): string | undefined =>
  order.codeMessageId && !order.codeShownToPartner && villager.phone ? maskedPhone(phoneTail(villager.phone)) : undefined;

/** A new order and its receipt's code: the one moment the code is known, besides a reprint. */
export function placeOrder(input: PlaceOrder): Transition & { deliveryCode: string } {
  const { station, now } = input;
  const held = { drawerFen: input.drawerFen, pendingFen: input.pendingRemittancesFen ?? 0 };
  if (isOverCashLimit(station, held.drawerFen + held.pendingFen)) throw cashLimitReached(station, held);
  const q = quote(input.lines);
  if (input.cashReceivedFen > q.totalFen) {
    throw new RuleError('overpayment', msg('overpayment.order', { totalFen: q.totalFen }), [
      fieldError('body.cashReceivedFen', 'field.atMost', { maxFen: q.totalFen }),
    ]);
  }
  const at = now.toISOString();
  const bySms = codeBySms(input.villager);
  const order: Order = {
    orderId: newId('order', now.getTime()),
    stationId: station.stationId,
    villagerId: input.villager.villagerId,
    villageId: input.villager.villageId,
    ...(input.cartId ? { cartId: input.cartId } : {}),
    status: 'PLACED',
    paymentMode: input.paymentMode,
    fulfilment: input.fulfilment,
    lines: input.lines,
    ...q,
    commissionShareBp: station.commissionShareBp,
    paidFen: input.cashReceivedFen,
    refundedFen: 0,
    paidByCreditFen: 0,
    refundedToCreditFen: 0,
    outstandingFen: q.totalFen - input.cashReceivedFen,
    commissionEarnedFen: 0,
    returnedFen: 0,
    deliveryCodeHash: input.code.hash,
    codeShownToPartner: !bySms,
    ...(bySms ? { codeMessageId: input.messageId, messageIds: [input.messageId] } : {}),
    receiptsIssued: 1,
    wrongCodeAttempts: 0,
    lockedForOps: false,
    placedAt: at,
    updatedAt: at,
    version: 1,
  };
  const entry = makeEntry({ stationId: station.stationId, kind: 'PAYMENT', orderId: order.orderId, at: now }, movements.cashReceived(input.cashReceivedFen));
  const message = bySms
    ? newMessage({
        messageId: input.messageId,
        stationId: station.stationId,
        villager: input.villager,
        template: 'ORDER_PLACED',
        params: { station: shortText(station.name), receiptNo: receiptNo(order.orderId), amount: yuanText(order.totalFen), code: input.code.code },
        subject: { kind: 'order', id: order.orderId },
        now,
      })
    : undefined;
  return {
    order,
    deliveryCode: input.code.code,
    ...(message ? { message } : {}),
    ...(entry ? { entry, statement: { cashCollectedFen: input.cashReceivedFen } } : {}),
  };
}

export function takePayment(order: Order, amountFen: number, now: Date): Transition {
  if (order.status === 'CANCELLED' || handedOver(order.status)) throw wrongStatus(order, 'pay');
  if (amountFen > order.outstandingFen) {
    throw new RuleError('overpayment', msg('overpayment.outstanding', { outstandingFen: order.outstandingFen }), [
      fieldError('body.amountFen', 'field.atMost', { maxFen: order.outstandingFen }),
    ]);
  }
  const updated = touched(order, now, { paidFen: order.paidFen + amountFen, outstandingFen: order.outstandingFen - amountFen });
  const entry = makeEntry({ stationId: order.stationId, kind: 'PAYMENT', orderId: order.orderId, at: now }, movements.cashReceived(amountFen));
  return { order: updated, entry: entry!, statement: { cashCollectedFen: amountFen } };
}

/**
 * The villager's produce credit spent on their own order: paid like cash, but
 * no cash moves (the station owes the villager less, and owes the platform for
 * the goods). At most what is outstanding; at most the credit, which the
 * transaction checks as it takes it (shared/store/produce-credits.ts).
 */
export function takeProduceCreditPayment(order: Order, amountFen: number, now: Date): Transition {
  if (order.status === 'CANCELLED' || handedOver(order.status)) throw wrongStatus(order, 'pay');
  if (amountFen > order.outstandingFen) {
    throw new RuleError('overpayment', msg('overpayment.outstanding', { outstandingFen: order.outstandingFen }), [
      fieldError('body.amountFen', 'field.atMost', { maxFen: order.outstandingFen }),
    ]);
  }
  const updated = touched(order, now, {
    paidFen: order.paidFen + amountFen,
    paidByCreditFen: (order.paidByCreditFen ?? 0) + amountFen,
    outstandingFen: order.outstandingFen - amountFen,
  });
  const entry = makeEntry(
    { stationId: order.stationId, kind: 'CREDIT_PAYMENT', orderId: order.orderId, villagerId: order.villagerId, at: now },
    movements.creditSpent(amountFen),
  );
  return { order: updated, entry: entry! };
}

/**
 * The part of an order sold on the villager's tab: no cash moves and the
 * station owes the platform nothing for it; the partner's commission on it is
 * held (shared/domain/tab.ts). The tab's limit, status and the villager's code
 * are checked by the caller.
 */
export function takeTabPayment(order: Order, amountFen: number, heldFen: number, now: Date): Transition {
  if (order.status === 'CANCELLED' || handedOver(order.status)) throw wrongStatus(order, 'pay');
  if (amountFen > order.outstandingFen) {
    throw new RuleError('overpayment', msg('overpayment.outstanding', { outstandingFen: order.outstandingFen }), [
      fieldError('body.amountFen', 'field.atMost', { maxFen: order.outstandingFen }),
    ]);
  }
  const updated = touched(order, now, {
    paidFen: order.paidFen + amountFen,
    paidByTabFen: (order.paidByTabFen ?? 0) + amountFen,
    commissionHeldFen: (order.commissionHeldFen ?? 0) + heldFen,
    outstandingFen: order.outstandingFen - amountFen,
  });
  const entry = makeEntry(
    { stationId: order.stationId, kind: 'TAB_SALE', orderId: order.orderId, villagerId: order.villagerId, at: now },
    movements.tabSold(amountFen, heldFen),
  );
  return { order: updated, entry: entry!, statement: { tabSalesFen: amountFen, commissionHeldFen: heldFen } };
}

/** Goods partly sold on the tab are not returned at the station: the return would owe the villager what the tab still says they owe. */
function assertNoTabPart(order: Order): void {
  if ((order.paidByTabFen ?? 0) > 0) throw new ConflictError('tab-paid-order', msg('tab-paid-order'));
}

/** Planned onto a delivery run: only home-delivery parcels waiting at the station, and only once. */
export function assignToRun(order: Order, runId: string, now: Date): Order {
  if (order.status !== 'AT_STATION' || order.fulfilment !== 'HOME_DELIVERY') throw wrongStatus(order, 'plan');
  if (order.runId) throw new ConflictError('already-planned', msg('already-planned'));
  return touched(order, now, { runId });
}

export function releaseFromRun(order: Order, now: Date): Order {
  const { runId: _run, ...rest } = order;
  return touched(rest as Order, now, {});
}

export function sendOut(order: Order, runId: string, now: Date): Order {
  if (order.status !== 'AT_STATION' || order.runId !== runId) throw wrongStatus(order, 'start');
  return touched(order, now, { status: 'OUT_FOR_DELIVERY' });
}

/** Nobody home, wrong address: the parcel goes back to the station for the next run. */
export function failDelivery(order: Order, reason: string, now: Date): Order {
  if (order.status !== 'OUT_FOR_DELIVERY') throw wrongStatus(order, 'failDelivery');
  const { runId: _run, ...rest } = order;
  return touched(rest as Order, now, { status: 'AT_STATION', lastFailedDelivery: { at: now.toISOString(), reason } });
}

export function markArrived(order: Order, now: Date): Order {
  if (order.status !== 'PLACED') throw wrongStatus(order, 'arrive');
  return touched(order, now, { status: 'AT_STATION', arrivedAt: now.toISOString() });
}

export type CodeCheck = { ok: true } | { ok: false; order: Order; error: RuleError };

/** A wrong code counts (and is kept even though the request fails); the fifth locks the order for ops. */
export function checkDeliveryCode(order: Order, code: string, matches: CodeMatcher, now: Date, path = 'body.deliveryCode'): CodeCheck {
  if (order.lockedForOps) {
    throw new ConflictError('order-locked', msg('order-locked', { max: maxWrongCodes }));
  }
  if (matches(order.deliveryCodeHash, code)) return { ok: true };
  const attempts = order.wrongCodeAttempts + 1;
  const locked = attempts >= maxWrongCodes;
  const message = locked ? msg('order-locked.now', { max: maxWrongCodes }) : msg('wrong-delivery-code', { left: maxWrongCodes - attempts });
  return {
    ok: false,
    order: touched(order, now, { wrongCodeAttempts: attempts, lockedForOps: locked }),
    error: new RuleError(locked ? 'order-locked' : 'wrong-delivery-code', message, [fieldError(path, 'field.wrongCode')]),
  };
}

/**
 * A reprint of the receipt. The code cannot be read back from its hash, so a
 * reprint issues a new one and the old one stops working. Only while the code
 * still has a job (before hand-over), and never for a locked order: ops look
 * at it first. The count of receipts issued is on the order for ops to see.
 */
/**
 * The villager's order leaves on today's run: a notice to their phone (when
 * they hear by SMS), listed on the order. Undefined for a villager who does not.
 */
export function outForDeliveryMessage(
  order: Order,
  villager: Pick<Villager, 'phone' | 'messages'> | undefined,
  station: Pick<Station, 'name'>,
  messageId: string,
  now: Date,
): { order: Order; message: Message } | undefined {
  if (!villager || !reachable(villager)) return undefined;
  const message = newMessage({
    messageId,
    stationId: order.stationId,
    villager: { villagerId: order.villagerId, ...villager },
    template: 'OUT_FOR_DELIVERY',
    params: { receiptNo: receiptNo(order.orderId), station: shortText(station.name) },
    subject: { kind: 'order', id: order.orderId },
    now,
  });
  return { order: { ...order, messageIds: [...(order.messageIds ?? []), messageId] }, message };
}

export interface Reprint {
  /** The order's villager now (their phone and choice of messages). */
  villager: Pick<Villager, 'villagerId' | 'phone' | 'messages'>;
  /** The message that carried the current code, if any: a phone that did not get it gets the new one printed instead. */
  lastCodeMessage?: Pick<Message, 'status'> | undefined;
  code: IssuedCode;
  messageId: string;
}

/**
 * A reprint of the receipt. The code cannot be read back from its hash, so a
 * reprint issues a new one and the old one stops working. Only while the code
 * still has a job (before hand-over), and never for a locked order: ops look
 * at it first. The new code goes by SMS to a villager whose phone got the last
 * one; otherwise it is printed for the partner (and the order says so). The
 * count of receipts issued is on the order for ops to see.
 */
export function reissueReceipt(order: Order, now: Date, reprint: Reprint): { order: Order; deliveryCode: string; message?: Message } {
  if (order.status === 'CANCELLED' || handedOver(order.status)) {
    throw new ConflictError('no-code-needed', msg('no-code-needed', { status: order.status }));
  }
  if (order.lockedForOps) {
    throw new ConflictError('order-locked', msg('order-locked.reprint', { max: maxWrongCodes }));
  }
  const bySms = codeBySms(reprint.villager, reprint.lastCodeMessage);
  const changes: Partial<Order> = { deliveryCodeHash: reprint.code.hash, receiptsIssued: order.receiptsIssued + 1, receiptReissuedAt: now.toISOString() };
  if (!bySms) return { order: touched(order, now, { ...changes, codeShownToPartner: true }), deliveryCode: reprint.code.code };
  const message = newMessage({
    messageId: reprint.messageId,
    stationId: order.stationId,
    villager: reprint.villager,
    template: 'DELIVERY_CODE',
    params: { receiptNo: receiptNo(order.orderId), code: reprint.code.code },
    subject: { kind: 'order', id: order.orderId },
    now,
  });
  return {
    order: touched(order, now, { ...changes, codeMessageId: message.messageId, messageIds: [...(order.messageIds ?? []), message.messageId] }),
    deliveryCode: reprint.code.code,
    message,
  };
}

export function unlock(order: Order, now: Date, by: string, reason?: string): Order {
  if (!order.lockedForOps) throw new ConflictError('not-locked', msg('not-locked'));
  const lastUnlock = { at: now.toISOString(), by, ...(reason ? { reason } : {}) };
  return touched(order, now, { wrongCodeAttempts: 0, lockedForOps: false, lastUnlock });
}

export interface HandOver {
  how: 'PICKED_UP' | 'DELIVERED';
  cashCollectedFen: number;
  /** True when this is the villager's first hand-over of the month (the statement counts villagers served). */
  firstThisMonth: boolean;
  now: Date;
  cashPath?: string;
}

/** The goods reach the villager: all money must be in, and the commission is earned. */
export function handOver(order: Order, h: HandOver): Transition {
  const from: OrderStatus = h.how === 'PICKED_UP' ? 'AT_STATION' : 'OUT_FOR_DELIVERY';
  if (order.status !== from) throw wrongStatus(order, h.how === 'PICKED_UP' ? 'handOver' : 'deliver');
  if (h.how === 'PICKED_UP' && order.runId) {
    throw new ConflictError('on-a-run', msg('on-a-run'));
  }
  const path = h.cashPath ?? 'body.cashCollectedFen';
  if (h.cashCollectedFen > order.outstandingFen) {
    throw new RuleError('overpayment', msg('overpayment.outstanding', { outstandingFen: order.outstandingFen }), [
      fieldError(path, 'field.atMost', { maxFen: order.outstandingFen }),
    ]);
  }
  if (h.cashCollectedFen < order.outstandingFen) {
    throw new RuleError('payment-outstanding', msg('payment-outstanding', { outstandingFen: order.outstandingFen }), [
      fieldError(path, 'field.collect', { amountFen: order.outstandingFen }),
    ]);
  }
  // The commission on the part sold on the tab is held: earned as the tab is repaid (shared/domain/tab.ts).
  const earnedFen = order.commissionFen - (order.commissionHeldFen ?? 0);
  const updated = touched(order, h.now, {
    status: h.how,
    handedOverAt: h.now.toISOString(),
    paidFen: order.paidFen + h.cashCollectedFen,
    outstandingFen: 0,
    commissionEarnedFen: earnedFen,
  });
  const entry = makeEntry(
    { stationId: order.stationId, kind: 'HANDOVER', orderId: order.orderId, at: h.now },
    movements.cashReceived(h.cashCollectedFen),
    movements.commissionEarned(earnedFen),
  );
  return {
    order: updated,
    ...(entry ? { entry } : {}),
    statement: {
      salesFen: order.totalFen,
      ordersHandedOver: 1,
      villagersServed: h.firstThisMonth ? 1 : 0,
      savingsFen: order.savingsFen,
      commissionFen: earnedFen,
      cashCollectedFen: h.cashCollectedFen,
    },
  };
}

/**
 * Before the goods arrive, an order can be cancelled; whatever was paid goes
 * back the way it was paid (`splitRefund`): credit to credit, cash from the
 * drawer, and what was sold on the tab off the tab (`tabRefundFen`: the caller
 * takes the sale off the villager's tab, shared/domain/tab.ts `cancelSale`),
 * its held commission released.
 */
export function cancelOrder(
  order: Order,
  reason: string | undefined,
  now: Date,
  options: { villagerErased?: boolean } = {},
): Transition & { refundFen: number; refund: RefundSplit; tabRefundFen: number } {
  if (order.status !== 'PLACED') {
    throw new ConflictError('wrong-status', msg('wrong-status.cancel', { status: order.status }));
  }
  const tabRefundFen = (order.paidByTabFen ?? 0) - (order.refundedToTabFen ?? 0);
  const heldFen = tabRefundFen > 0 ? (order.commissionHeldFen ?? 0) : 0;
  const refundFen = order.paidFen - order.refundedFen - tabRefundFen;
  const { split, changes } = splitRefund(order, refundFen, options.villagerErased);
  const updated = touched(order, now, {
    status: 'CANCELLED',
    cancelledAt: now.toISOString(),
    ...(reason ? { cancelReason: reason } : {}),
    ...changes,
    ...(tabRefundFen > 0 ? { refundedFen: order.refundedFen + refundFen + tabRefundFen, refundedToTabFen: (order.refundedToTabFen ?? 0) + tabRefundFen } : {}),
    outstandingFen: 0,
  });
  const refunded = refundMovements(order, split);
  const villagerId = refunded.villagerId ?? (tabRefundFen > 0 ? order.villagerId : undefined);
  const entry = makeEntry(
    { stationId: order.stationId, kind: 'REFUND', orderId: order.orderId, at: now, ...(reason ? { reason } : {}), ...(villagerId ? { villagerId } : {}) },
    [...refunded.postings, ...(tabRefundFen > 0 ? movements.tabSaleCancelled(tabRefundFen, heldFen) : [])],
  );
  const statement: StatementDelta = {
    ...refundStatement(split),
    ...(tabRefundFen > 0 ? { tabSalesFen: -tabRefundFen, commissionHeldFen: -heldFen } : {}),
  };
  return {
    order: updated,
    refundFen,
    refund: split,
    tabRefundFen,
    ...(entry ? { entry, statement } : {}),
    ...(refunded.creditRefund ? { creditRefund: refunded.creditRefund } : {}),
  };
}

/**
 * The statement's refunds: `refundsFen` is cash handed back from the drawer
 * (as `cashCollectedFen` is cash taken; a credit payment counts in neither),
 * `refundsToCreditFen` what went back to villagers' credit. Their sum is what
 * was refunded.
 */
const refundStatement = (split: RefundSplit): StatementDelta => ({ refundsFen: split.cashFen, refundsToCreditFen: split.toCreditFen });

export interface ReturnLine {
  sku: string;
  qty: number;
  refundFen: number;
  commissionReversedFen: number;
  savingsReversedFen: number;
}

export interface ReturnRecord {
  returnId: string;
  orderId: string;
  stationId: string;
  lines: ReturnLine[];
  refundFen: number;
  /** Of `refundFen`, what went back to the villager's credit (the rest was cash from the drawer). */
  refundedToCreditFen: number;
  commissionReversedFen: number;
  reason: string;
  at: string;
}

/**
 * Goods come back within each product's window from hand-over. The refund is
 * what was paid for them; the line's commission is recomputed on what is kept,
 * so returning everything reverses exactly what was earned.
 */
type ReturnableLine = Pick<OrderLine, 'qty' | 'returnedQty' | 'returnWindowDays' | 'claimedQty' | 'exchangedQty'>;

/** What of a line can still come back: the quantity kept, less what was exchanged or is under an open claim (a claim's RETURN releases its own first). */
export const returnableQty = (line: ReturnableLine): number => line.qty - line.returnedQty - (line.exchangedQty ?? 0) - (line.claimedQty ?? 0);

/** Whether the product's no-reason return window, counted from hand-over, is still open. */
export const returnWindowOpen = (handedOverAt: string, line: Pick<OrderLine, 'returnWindowDays'>, now: Date): boolean =>
  line.returnWindowDays > 0 && now.getTime() <= addDays(new Date(handedOverAt), line.returnWindowDays).getTime();

/** The lines a plain return (not a claim) can take back now: handed over, something returnable left, the window open. The partner form offers only these. */
export function returnableLines<L extends ReturnableLine>(order: { status: string; handedOverAt?: string | undefined; lines: readonly L[] }, now: Date): L[] {
  const { handedOverAt } = order;
  if (!handedOver(order.status) || !handedOverAt) return [];
  return order.lines.filter((l) => returnableQty(l) > 0 && returnWindowOpen(handedOverAt, l, now));
}

export function returnGoods(
  order: Order,
  requested: readonly LineRequest[],
  reason: string,
  now: Date,
  options: { underClaim?: boolean; villagerErased?: boolean } = {},
): Transition & { record: ReturnRecord; refund: RefundSplit } {
  if (!handedOver(order.status) || !order.handedOverAt) {
    throw new ConflictError('wrong-status', msg('wrong-status.return', { status: order.status }));
  }
  assertNoTabPart(order);
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const lines = order.lines.map((l) => ({ ...l }));
  const returned: ReturnLine[] = [];
  requested.forEach((r, i) => {
    const line = lines.find((l) => l.sku === r.sku);
    if (!line) return errors.push(fieldError(`body.lines.${i}.sku`, 'field.notOnOrder', { sku: r.sku }));
    if (seen.has(r.sku)) return errors.push(fieldError(`body.lines.${i}.sku`, 'field.alreadyListed', { sku: r.sku }));
    seen.add(r.sku);
    const kept = line.qty - line.returnedQty;
    const returnable = returnableQty(line);
    if (r.qty > returnable) return errors.push(fieldError(`body.lines.${i}.qty`, 'field.returnAtMost', { kept: returnable, title: line.title }));
    if (options.underClaim) {
      // The three guarantees decided (shared/domain/after-sales.ts), not the product's no-reason return window.
    } else if (!returnWindowOpen(order.handedOverAt!, line, now)) {
      return errors.push(
        line.returnWindowDays === 0
          ? fieldError(`body.lines.${i}.sku`, 'field.noReturns', { title: line.title })
          : fieldError(`body.lines.${i}.sku`, 'field.returnWindowPassed', { title: line.title, days: line.returnWindowDays }),
      );
    }
    const keptAfter = kept - r.qty;
    const earnedAfter = commissionFen(line, keptAfter, order.commissionShareBp);
    returned.push({
      sku: r.sku,
      qty: r.qty,
      refundFen: line.onlinePriceFen * r.qty,
      commissionReversedFen: line.commissionFen - earnedAfter,
      savingsReversedFen: savingsFen(line, r.qty),
    });
    line.returnedQty += r.qty;
    line.commissionFen = earnedAfter;
  });
  if (errors.length) throw new RuleError('not-returnable', msg('not-returnable'), errors);

  const refundFen = sum(returned.map((r) => r.refundFen));
  const commissionReversedFen = sum(returned.map((r) => r.commissionReversedFen));
  const savingsReversedFen = sum(returned.map((r) => r.savingsReversedFen));
  if (refundFen > order.paidFen - order.refundedFen) throw new Error(`refund ${refundFen} would exceed what was paid on ${order.orderId}`);
  const { split, changes } = splitRefund(order, refundFen, options.villagerErased);

  const record: ReturnRecord = {
    returnId: newId('return', now.getTime()),
    orderId: order.orderId,
    stationId: order.stationId,
    lines: returned,
    refundFen,
    refundedToCreditFen: split.toCreditFen,
    commissionReversedFen,
    reason,
    at: now.toISOString(),
  };
  const updated = touched(order, now, {
    lines,
    commissionFen: sum(lines.map((l) => l.commissionFen)),
    commissionEarnedFen: order.commissionEarnedFen - commissionReversedFen,
    ...changes,
    returnedFen: order.returnedFen + refundFen,
  });
  const { postings, villagerId, creditRefund } = refundMovements(order, split);
  const entry = makeEntry(
    { stationId: order.stationId, kind: 'RETURN', orderId: order.orderId, returnId: record.returnId, at: now, reason, ...(villagerId ? { villagerId } : {}) },
    postings,
    movements.commissionReversed(commissionReversedFen),
  );
  return {
    order: updated,
    record,
    refund: split,
    ...(entry ? { entry } : {}),
    ...(creditRefund ? { creditRefund } : {}),
    statement: {
      // Sales are net of returns whichever way the goods were paid for.
      salesFen: -refundFen,
      savingsFen: -savingsReversedFen,
      commissionFen: -commissionReversedFen,
      ...refundStatement(split),
      returns: 1,
    },
  };
}
