import * as z from 'zod/mini';
import { cartStatuses } from '../../shared/domain/cart.ts';
import { fulfilments, orderStatuses, paymentModes } from '../../shared/domain/order.ts';
import { cursorParam, fen, id, isoDate, limitParam, page, positiveFen, stationParams, text, timestamp } from '../../shared/schemas/common.ts';
import { Sku } from '../catalog/schemas.ts';

export const LineInput = z.strictObject({
  sku: Sku,
  qty: z.int().check(z.gte(1, 'At least 1.'), z.lte(99, 'At most 99 of one product per order.')),
});
const Lines = z.array(LineInput).check(z.minLength(1, 'An order needs at least one line.'), z.maxLength(20, 'At most 20 lines.'));

export const PlaceOrder = z
  .strictObject({
    villagerId: z.optional(id('villager')),
    lines: z.optional(Lines),
    cartId: z.optional(id('cart')),
    paymentMode: z.enum(paymentModes),
    fulfilment: z.enum(fulfilments),
    cashReceivedFen: z.optional(fen),
  })
  .check(
    z.refine((o) => (o.lines === undefined) !== (o.cartId === undefined), { message: 'Send either lines or a cartId (a kiosk cart), not both.', path: ['lines'] }),
    z.refine((o) => o.cartId !== undefined || o.villagerId !== undefined, { message: 'Say which villager the order is for.', path: ['villagerId'] }),
  );

export const Quote = z.strictObject({ lines: Lines });

export const OrderLine = z.object({
  sku: Sku,
  title: z.string(),
  qty: z.int(),
  onlinePriceFen: z.int(),
  localStorePriceFen: z.int(),
  merchantCostFen: z.optional(z.int()),
  weightGrams: z.int(),
  needsInstallation: z.boolean(),
  returnWindowDays: z.int(),
  lineTotalFen: z.int(),
  savingsFen: z.int(),
  commissionFen: z.int(),
  returnedQty: z.int(),
});

export const Order = z.object({
  orderId: id('order'),
  stationId: id('station'),
  villagerId: id('villager'),
  villageId: id('village'),
  cartId: z.optional(id('cart')),
  status: z.enum(orderStatuses),
  paymentMode: z.enum(paymentModes),
  fulfilment: z.enum(fulfilments),
  lines: z.array(OrderLine),
  totalFen: z.int(),
  savingsFen: z.int(),
  commissionFen: z.int(),
  commissionShareBp: z.int(),
  weightGrams: z.int(),
  paidFen: z.int(),
  refundedFen: z.int(),
  outstandingFen: z.int(),
  commissionEarnedFen: z.int(),
  returnedFen: z.int(),
  deliveryCode: z.string(),
  wrongCodeAttempts: z.int(),
  lockedForOps: z.boolean(),
  placedAt: timestamp,
  arrivedAt: z.optional(timestamp),
  handedOverAt: z.optional(timestamp),
  cancelledAt: z.optional(timestamp),
  cancelReason: z.optional(z.string()),
  runId: z.optional(z.string()),
  updatedAt: timestamp,
  version: z.int(),
});

export const QuoteResult = z.object({
  lines: z.array(OrderLine),
  totalFen: z.int(),
  savingsFen: z.int(),
  commissionFen: z.int(),
  weightGrams: z.int(),
});

export const OrderList = page(Order);
export const OrderParams = z.strictObject({ orderId: id('order') });
export const OrderQuery = z.strictObject({
  status: z.optional(z.enum(orderStatuses)),
  from: z.optional(isoDate),
  to: z.optional(isoDate),
  limit: limitParam,
  next: cursorParam,
});

export const Payment = z.strictObject({ amountFen: positiveFen });
export const PaymentResult = z.object({ orderId: id('order'), paidFen: z.int(), outstandingFen: z.int(), order: Order });

export const DeliveryCode = z.string().check(z.regex(/^\d{6}$/, 'The 6-digit code on the villager\'s receipt.'));
export const PickUp = z.strictObject({ deliveryCode: DeliveryCode, cashCollectedFen: z.optional(fen) });
export const Cancel = z.optional(z.strictObject({ reason: z.optional(text(200)) }));

export const ReturnInput = z.strictObject({
  lines: z.array(LineInput).check(z.minLength(1, 'Return at least one line.'), z.maxLength(20)),
  reason: text(200),
});
export const ReturnResult = z.object({
  returnId: id('return'),
  orderId: id('order'),
  refundFen: z.int(),
  commissionReversedFen: z.int(),
  lines: z.array(z.object({ sku: Sku, qty: z.int(), refundFen: z.int(), commissionReversedFen: z.int(), savingsReversedFen: z.int() })),
  reason: z.string(),
  at: timestamp,
  order: Order,
});

export const NewCart = z.strictObject({ villagerId: z.optional(id('villager')), lines: Lines });
export const Cart = z.object({
  cartId: id('cart'),
  cartNo: z.string(),
  stationId: id('station'),
  villagerId: z.optional(id('villager')),
  lines: z.array(
    z.object({ sku: Sku, title: z.string(), qty: z.int(), onlinePriceFen: z.int(), localStorePriceFen: z.int(), lineTotalFen: z.int(), savingsFen: z.int() }),
  ),
  totalFen: z.int(),
  savingsFen: z.int(),
  status: z.enum(cartStatuses),
  orderId: z.optional(id('order')),
  createdBy: z.string(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export const CartList = page(Cart);
export const CartParams = z.strictObject({ stationId: id('station'), cartId: id('cart') });
export const CartQuery = z.strictObject({ status: z.optional(z.enum(cartStatuses)), limit: limitParam, next: cursorParam });

export { stationParams };
