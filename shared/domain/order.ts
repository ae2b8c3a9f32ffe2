import { ConflictError, RuleError, type FieldError, fieldError } from '#shared/errors.ts';
import { newId, newDeliveryCode } from '#shared/ids.ts';
import { makeEntry, movements, type Entry } from './ledger.ts';
import { commissionFen, lineTotalFen, savingsFen, sum } from './money.ts';
import type { Product } from './product.ts';
import type { Station } from './station.ts';
import type { StatementDelta } from './statement.ts';
import { addDays } from './time.ts';
import type { Villager } from './villager.ts';
import { msg } from '#shared/i18n/messages.ts';

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
  lineTotalFen: number;
  savingsFen: number;
  /** On the quantity still kept: projected before hand-over, earned after. */
  commissionFen: number;
  returnedQty: number;
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
  outstandingFen: number;
  commissionEarnedFen: number;
  returnedFen: number;
  deliveryCode: string;
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
  updatedAt: string;
  version: number;
}

/** What a money command decided: the order after it, the ledger entry, and what the month's statement gains. */
export interface Transition {
  order: Order;
  entry?: Entry;
  statement?: StatementDelta;
}

const handedOver = (s: OrderStatus) => s === 'DELIVERED' || s === 'PICKED_UP';

function wrongStatus(order: Order, doing: string): ConflictError {
  return new ConflictError('wrong-status', msg('wrong-status', { what: 'order', status: order.status, doing }));
}

function touched(order: Order, now: Date, changes: Partial<Order>): Order {
  return { ...order, ...changes, updatedAt: now.toISOString(), version: order.version + 1 };
}

export interface LineRequest {
  sku: string;
  qty: number;
}

/** Prices the requested lines from the catalogue; unknown or repeated SKUs are named by their path. */
export function priceLines(requested: readonly LineRequest[], catalogue: ReadonlyMap<string, Product>, shareBp: number, path = 'body.lines'): OrderLine[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  requested.forEach((l, i) => {
    if (!catalogue.has(l.sku)) errors.push(fieldError(`${path}.${i}.sku`, 'field.noSuchProduct', { sku: l.sku }));
    if (seen.has(l.sku)) errors.push(fieldError(`${path}.${i}.sku`, 'field.lineRepeated', { sku: l.sku }));
    seen.add(l.sku);
  });
  if (errors.length) throw new RuleError('unknown-product', msg('unknown-product'), errors);
  return requested.map(({ sku, qty }) => {
    const p = catalogue.get(sku)!;
    return {
      sku,
      title: p.title,
      qty,
      onlinePriceFen: p.onlinePriceFen,
      localStorePriceFen: p.localStorePriceFen,
      merchantCostFen: p.merchantCostFen,
      weightGrams: p.weightGrams,
      needsInstallation: p.needsInstallation,
      returnWindowDays: p.returnWindowDays,
      lineTotalFen: lineTotalFen(p, qty),
      savingsFen: savingsFen(p, qty),
      commissionFen: commissionFen(p, qty, shareBp),
      returnedQty: 0,
    };
  });
}

export interface Quote {
  totalFen: number;
  savingsFen: number;
  commissionFen: number;
  weightGrams: number;
}

export function quote(lines: readonly OrderLine[]): Quote {
  return {
    totalFen: sum(lines.map((l) => l.lineTotalFen)),
    savingsFen: sum(lines.map((l) => l.savingsFen)),
    commissionFen: sum(lines.map((l) => l.commissionFen)),
    weightGrams: sum(lines.map((l) => l.weightGrams * l.qty)),
  };
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
  cartId?: string | undefined;
  deliveryCode?: string;
  now: Date;
}

export function placeOrder(input: PlaceOrder): Transition {
  const { station, now } = input;
  if (input.drawerFen > station.cashLimitFen) {
    throw new ConflictError('cash-limit-reached', msg('cash-limit-reached', { drawerFen: input.drawerFen, limitFen: station.cashLimitFen }));
  }
  const q = quote(input.lines);
  if (input.cashReceivedFen > q.totalFen) {
    throw new RuleError('overpayment', msg('overpayment.order', { totalFen: q.totalFen }), [
      fieldError('body.cashReceivedFen', 'field.atMost', { maxFen: q.totalFen }),
    ]);
  }
  const at = now.toISOString();
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
    outstandingFen: q.totalFen - input.cashReceivedFen,
    commissionEarnedFen: 0,
    returnedFen: 0,
    deliveryCode: input.deliveryCode ?? newDeliveryCode(),
    wrongCodeAttempts: 0,
    lockedForOps: false,
    placedAt: at,
    updatedAt: at,
    version: 1,
  };
  const entry = makeEntry({ stationId: station.stationId, kind: 'PAYMENT', orderId: order.orderId, at: now }, movements.cashReceived(input.cashReceivedFen));
  return { order, ...(entry ? { entry, statement: { cashCollectedFen: input.cashReceivedFen } } : {}) };
}

export function takePayment(order: Order, amountFen: number, now: Date): Transition {
  if (order.status === 'CANCELLED' || handedOver(order.status)) throw wrongStatus(order, 'take a payment');
  if (amountFen > order.outstandingFen) {
    throw new RuleError('overpayment', msg('overpayment.outstanding', { outstandingFen: order.outstandingFen }), [
      fieldError('body.amountFen', 'field.atMost', { maxFen: order.outstandingFen }),
    ]);
  }
  const updated = touched(order, now, { paidFen: order.paidFen + amountFen, outstandingFen: order.outstandingFen - amountFen });
  const entry = makeEntry({ stationId: order.stationId, kind: 'PAYMENT', orderId: order.orderId, at: now }, movements.cashReceived(amountFen));
  return { order: updated, entry: entry!, statement: { cashCollectedFen: amountFen } };
}

/** Planned onto a delivery run: only home-delivery parcels waiting at the station, and only once. */
export function assignToRun(order: Order, runId: string, now: Date): Order {
  if (order.status !== 'AT_STATION' || order.fulfilment !== 'HOME_DELIVERY') throw wrongStatus(order, 'plan it for delivery');
  if (order.runId) throw new ConflictError('already-planned', msg('already-planned'));
  return touched(order, now, { runId });
}

export function releaseFromRun(order: Order, now: Date): Order {
  const { runId: _run, ...rest } = order;
  return touched(rest as Order, now, {});
}

export function sendOut(order: Order, runId: string, now: Date): Order {
  if (order.status !== 'AT_STATION' || order.runId !== runId) throw wrongStatus(order, 'send it out on this run');
  return touched(order, now, { status: 'OUT_FOR_DELIVERY' });
}

/** Nobody home, wrong address: the parcel goes back to the station for the next run. */
export function failDelivery(order: Order, reason: string, now: Date): Order {
  if (order.status !== 'OUT_FOR_DELIVERY') throw wrongStatus(order, 'record a failed delivery');
  const { runId: _run, ...rest } = order;
  return touched(rest as Order, now, { status: 'AT_STATION', lastFailedDelivery: { at: now.toISOString(), reason } });
}

export function markArrived(order: Order, now: Date): Order {
  if (order.status !== 'PLACED') throw wrongStatus(order, 'mark it arrived');
  return touched(order, now, { status: 'AT_STATION', arrivedAt: now.toISOString() });
}

export type CodeCheck = { ok: true } | { ok: false; order: Order; error: RuleError };

/** A wrong code counts (and is kept even though the request fails); the fifth locks the order for ops. */
export function checkDeliveryCode(order: Order, code: string, now: Date, path = 'body.deliveryCode'): CodeCheck {
  if (order.lockedForOps) {
    throw new ConflictError('order-locked', msg('order-locked', { max: maxWrongCodes }));
  }
  if (code === order.deliveryCode) return { ok: true };
  const attempts = order.wrongCodeAttempts + 1;
  const locked = attempts >= maxWrongCodes;
  const message = locked ? msg('order-locked.now', { max: maxWrongCodes }) : msg('wrong-delivery-code', { left: maxWrongCodes - attempts });
  return {
    ok: false,
    order: touched(order, now, { wrongCodeAttempts: attempts, lockedForOps: locked }),
    error: new RuleError(locked ? 'order-locked' : 'wrong-delivery-code', message, [fieldError(path, 'field.wrongCode')]),
  };
}

export function unlock(order: Order, now: Date): Order {
  return touched(order, now, { wrongCodeAttempts: 0, lockedForOps: false });
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
  if (order.status !== from) throw wrongStatus(order, h.how === 'PICKED_UP' ? 'hand it over at the station' : 'mark it delivered');
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
  const updated = touched(order, h.now, {
    status: h.how,
    handedOverAt: h.now.toISOString(),
    paidFen: order.paidFen + h.cashCollectedFen,
    outstandingFen: 0,
    commissionEarnedFen: order.commissionFen,
  });
  const entry = makeEntry(
    { stationId: order.stationId, kind: 'HANDOVER', orderId: order.orderId, at: h.now },
    movements.cashReceived(h.cashCollectedFen),
    movements.commissionEarned(order.commissionFen),
  );
  return {
    order: updated,
    ...(entry ? { entry } : {}),
    statement: {
      salesFen: order.totalFen,
      ordersHandedOver: 1,
      villagersServed: h.firstThisMonth ? 1 : 0,
      savingsFen: order.savingsFen,
      commissionFen: order.commissionFen,
      cashCollectedFen: h.cashCollectedFen,
    },
  };
}

/** Before the goods arrive, an order can be cancelled; whatever was paid goes back in cash. */
export function cancelOrder(order: Order, reason: string | undefined, now: Date): Transition & { refundFen: number } {
  if (order.status !== 'PLACED') {
    throw new ConflictError('wrong-status', msg('wrong-status.cancel', { status: order.status }));
  }
  const refundFen = order.paidFen - order.refundedFen;
  const updated = touched(order, now, {
    status: 'CANCELLED',
    cancelledAt: now.toISOString(),
    ...(reason ? { cancelReason: reason } : {}),
    refundedFen: order.refundedFen + refundFen,
    outstandingFen: 0,
  });
  const entry = makeEntry(
    { stationId: order.stationId, kind: 'REFUND', orderId: order.orderId, at: now, ...(reason ? { reason } : {}) },
    movements.cashRefunded(refundFen),
  );
  return { order: updated, refundFen, ...(entry ? { entry, statement: { refundsFen: refundFen } } : {}) };
}

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
  commissionReversedFen: number;
  reason: string;
  at: string;
}

/**
 * Goods come back within each product's window from hand-over. The refund is
 * what was paid for them; the line's commission is recomputed on what is kept,
 * so returning everything reverses exactly what was earned.
 */
export function returnGoods(order: Order, requested: readonly LineRequest[], reason: string, now: Date): Transition & { record: ReturnRecord } {
  if (!handedOver(order.status) || !order.handedOverAt) {
    throw new ConflictError('wrong-status', msg('wrong-status.return', { status: order.status }));
  }
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
    if (r.qty > kept) return errors.push(fieldError(`body.lines.${i}.qty`, 'field.returnAtMost', { kept, title: line.title }));
    if (line.returnWindowDays === 0 || now.getTime() > addDays(new Date(order.handedOverAt!), line.returnWindowDays).getTime()) {
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

  const record: ReturnRecord = {
    returnId: newId('return', now.getTime()),
    orderId: order.orderId,
    stationId: order.stationId,
    lines: returned,
    refundFen,
    commissionReversedFen,
    reason,
    at: now.toISOString(),
  };
  const updated = touched(order, now, {
    lines,
    commissionFen: sum(lines.map((l) => l.commissionFen)),
    commissionEarnedFen: order.commissionEarnedFen - commissionReversedFen,
    refundedFen: order.refundedFen + refundFen,
    returnedFen: order.returnedFen + refundFen,
  });
  const entry = makeEntry(
    { stationId: order.stationId, kind: 'RETURN', orderId: order.orderId, returnId: record.returnId, at: now, reason },
    movements.cashRefunded(refundFen),
    movements.commissionReversed(commissionReversedFen),
  );
  return {
    order: updated,
    record,
    ...(entry ? { entry } : {}),
    statement: {
      salesFen: -refundFen,
      savingsFen: -savingsReversedFen,
      commissionFen: -commissionReversedFen,
      refundsFen: refundFen,
      returns: 1,
    },
  };
}
