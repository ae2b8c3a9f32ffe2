import * as z from 'zod/mini';
import { cartStatuses } from '#domain/cart.ts';
import { fulfilments, orderStatuses, paymentModes } from '#domain/order.ts';
import { ConfirmationCode, ConfirmationId, cursorParam, DeliveryCode, fen, id, isoDate, limitParam, positiveFen, Sku, text } from '#schemas/common.ts';
import { lazy } from '#schemas/lazy.ts';

export const LineInput = lazy(() =>
  z.strictObject({
    sku: Sku(),
    qty: z.int().check(z.gte(1, 'field.min'), z.lte(99, 'field.qtyMax')),
  }),
);
const Lines = lazy(() => z.array(LineInput()).check(z.minLength(1, 'field.linesNeeded'), z.maxLength(20, 'field.manyItems')));

export const PlaceOrder = lazy(() =>
  z
    .strictObject({
      villagerId: z.optional(id('villager')),
      lines: z.optional(Lines()),
      cartId: z.optional(id('cart')),
      paymentMode: z.enum(paymentModes),
      fulfilment: z.enum(fulfilments),
      cashReceivedFen: z.optional(fen()),
    })
    .check(
      z.refine((o) => (o.lines === undefined) !== (o.cartId === undefined), {
        message: 'field.linesOrCart',
        path: ['lines'],
      }),
      z.refine((o) => o.cartId !== undefined || o.villagerId !== undefined, { message: 'field.whichVillager', path: ['villagerId'] }),
    ),
);

export const Quote = lazy(() => z.strictObject({ lines: Lines() }));

export const OrderParams = lazy(() => z.strictObject({ orderId: id('order') }));
export const OrderQuery = lazy(() =>
  z
    .strictObject({
      status: z.optional(z.enum(orderStatuses)),
      from: z.optional(isoDate()),
      to: z.optional(isoDate()),
      limit: limitParam(),
      next: cursorParam(),
    })
    .check(
      z.refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
        message: 'The range ends before it starts: "to" must be the same day as "from" or later.',
        path: ['to'],
      }),
    ),
);

export const LockedOrderQuery = lazy(() => z.strictObject({ limit: limitParam(), next: cursorParam() }));

export const paymentSources = ['CASH', 'CREDIT', 'TAB'] as const;
/**
 * `CREDIT` spends the order's villager's produce credit: no cash moves. `TAB`
 * sells it on the villager's tab, with the code from their phone and the due
 * date they agreed to (docs/rules.md "The tab").
 */
export const Payment = lazy(() =>
  z
    .strictObject({
      amountFen: positiveFen(),
      source: z.optional(z.enum(paymentSources)),
      confirmationId: z.optional(ConfirmationId()),
      code: z.optional(ConfirmationCode()),
      dueDate: z.optional(isoDate()),
    })
    .check(
      z.refine((b) => b.source !== 'TAB' || b.confirmationId !== undefined, { message: 'field.required', path: ['confirmationId'] }),
      z.refine((b) => b.source !== 'TAB' || b.code !== undefined, { message: 'field.required', path: ['code'] }),
      z.refine((b) => b.source !== 'TAB' || b.dueDate !== undefined, { message: 'field.required', path: ['dueDate'] }),
      z.refine((b) => b.source === 'TAB' || (b.confirmationId === undefined && b.code === undefined && b.dueDate === undefined), {
        message: 'field.tabOnly',
        path: ['source'],
      }),
    ),
);

export const PickUp = lazy(() => z.strictObject({ deliveryCode: DeliveryCode(), cashCollectedFen: z.optional(fen()) }));
/** Why ops unlock a locked order (what was checked with the villager), kept on the order. */
export const Unlock = lazy(() => z.optional(z.strictObject({ reason: z.optional(text(200)) })));
export const Cancel = lazy(() => z.optional(z.strictObject({ reason: z.optional(text(200)) })));

export const ReturnInput = lazy(() =>
  z.strictObject({
    lines: z.array(LineInput()).check(z.minLength(1, 'field.returnLinesNeeded'), z.maxLength(20)),
    reason: text(200),
  }),
);

export const NewCart = lazy(() => z.strictObject({ villagerId: z.optional(id('villager')), lines: Lines() }));
export const CartParams = lazy(() => z.strictObject({ stationId: id('station'), cartId: id('cart') }));
export const CartQuery = lazy(() => z.strictObject({ status: z.optional(z.enum(cartStatuses)), limit: limitParam(), next: cursorParam() }));

export { stationParams } from '#schemas/common.ts';
