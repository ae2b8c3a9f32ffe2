import * as z from 'zod/mini';
import { cartStatuses } from '#domain/cart.ts';
import { fulfilments, orderStatuses, paymentModes } from '#domain/order.ts';
import { id, page, Sku, timestamp } from '#schemas/common.ts';
import { lazy } from '#schemas/lazy.ts';

export const OrderLine = lazy(() =>
  z.object({
    sku: Sku(),
    title: z.string(),
    qty: z.int(),
    onlinePriceFen: z.int(),
    localStorePriceFen: z.int(),
    merchantCostFen: z.optional(z.int()),
    weightGrams: z.int(),
    needsInstallation: z.boolean(),
    returnWindowDays: z.int(),
    warrantyDays: z.optional(z.int()),
    lineTotalFen: z.int(),
    savingsFen: z.int(),
    commissionFen: z.int(),
    returnedQty: z.int(),
    claimedQty: z.optional(z.int()),
    exchangedQty: z.optional(z.int()),
  }),
);

export const Order = lazy(() =>
  z.object({
    orderId: id('order'),
    stationId: id('station'),
    villagerId: id('villager'),
    villageId: id('village'),
    cartId: z.optional(id('cart')),
    status: z.enum(orderStatuses),
    paymentMode: z.enum(paymentModes),
    fulfilment: z.enum(fulfilments),
    lines: z.array(OrderLine()),
    totalFen: z.int(),
    savingsFen: z.int(),
    commissionFen: z.int(),
    commissionShareBp: z.int(),
    weightGrams: z.int(),
    paidFen: z.int(),
    refundedFen: z.int(),
    /** Of paidFen, what was paid with the villager's produce credit. */
    paidByCreditFen: z.int(),
    /** Of refundedFen, what went back to the villager's credit (the rest was cash from the drawer). */
    refundedToCreditFen: z.int(),
    /** Of the credit-paid part, what was refunded in cash because the villager had been erased. */
    creditRefundedInCashFen: z.optional(z.int()),
    /** Of paidFen, what was sold on the villager's tab, and the partner's commission on it, held until the tab is repaid. */
    paidByTabFen: z.optional(z.int()),
    commissionHeldFen: z.optional(z.int()),
    /** Of refundedFen, what was taken back off the tab (the order cancelled). */
    refundedToTabFen: z.optional(z.int()),
    outstandingFen: z.int(),
    commissionEarnedFen: z.int(),
    returnedFen: z.int(),
    /** A code was printed for the partner to hand on (no phone, or the phone did not get it): counted in the risk view. */
    codeShownToPartner: z.optional(z.boolean()),
    /** The message that carried the current code to the villager's phone. */
    codeMessageId: z.optional(id('message')),
    /** The messages sent to the villager about this order. */
    messageIds: z.optional(z.array(id('message'))),
    receiptsIssued: z.int(),
    receiptReissuedAt: z.optional(timestamp()),
    wrongCodeAttempts: z.int(),
    lockedForOps: z.boolean(),
    placedAt: timestamp(),
    arrivedAt: z.optional(timestamp()),
    handedOverAt: z.optional(timestamp()),
    cancelledAt: z.optional(timestamp()),
    cancelReason: z.optional(z.string()),
    runId: z.optional(z.string()),
    lastFailedDelivery: z.optional(z.object({ at: timestamp(), reason: z.string() })),
    lastUnlock: z.optional(z.object({ at: timestamp(), by: z.optional(z.string()), reason: z.optional(z.string()) })),
    replacementFor: z.optional(z.object({ orderId: id('order'), claimId: z.string(), warrantyFrom: timestamp() })),
    updatedAt: timestamp(),
    version: z.int(),
  }),
);

/**
 * The receipt: the answer that places an order, and a reprint. For a villager
 * who hears by SMS it says where the code went (尾号8000) and carries no code;
 * otherwise it carries the code to print.
 */
export const Receipt = lazy(() => z.object({ ...Order().def.shape, deliveryCode: z.optional(z.string()), codeSentTo: z.optional(z.string()) }));

export const QuoteResult = lazy(() =>
  z.object({ lines: z.array(OrderLine()), totalFen: z.int(), savingsFen: z.int(), commissionFen: z.int(), weightGrams: z.int() }),
);

/** An order in a list: with its villager's name and phone, read from the villager (absent once erased). */
export const OrderListItem = lazy(() => z.extend(Order(), { villagerName: z.optional(z.string()), villagerPhone: z.optional(z.string()) }));
export const OrderList = lazy(() => page(OrderListItem()));

/** A locked order in ops' list: what was true when it locked (the order itself says the rest). */
export const LockedOrder = lazy(() =>
  z.object({ orderId: id('order'), stationId: id('station'), placedAt: timestamp(), lockedAt: timestamp(), wrongCodeAttempts: z.int() }),
);
export const LockedOrderList = lazy(() => page(LockedOrder()));

export const PaymentResult = lazy(() =>
  z.object({
    orderId: id('order'),
    paidFen: z.int(),
    outstandingFen: z.int(),
    order: Order(),
    /** A sale on the tab: its amount and due date (the receipt states both), and what the villager owes on the tab after it. */
    tab: z.optional(z.object({ amountFen: z.int(), dueDate: z.string(), owedFen: z.int() })),
  }),
);

export const ReturnResult = lazy(() =>
  z.object({
    returnId: id('return'),
    orderId: id('order'),
    refundFen: z.int(),
    /** Of refundFen, what went back to the villager's credit; the rest was cash from the drawer. */
    refundedToCreditFen: z.int(),
    commissionReversedFen: z.int(),
    lines: z.array(z.object({ sku: Sku(), qty: z.int(), refundFen: z.int(), commissionReversedFen: z.int(), savingsReversedFen: z.int() })),
    reason: z.string(),
    at: timestamp(),
    order: Order(),
  }),
);

export const Cart = lazy(() =>
  z.object({
    cartId: id('cart'),
    cartNo: z.string(),
    stationId: id('station'),
    villagerId: z.optional(id('villager')),
    lines: z.array(
      z.object({
        sku: Sku(),
        title: z.string(),
        qty: z.int(),
        onlinePriceFen: z.int(),
        localStorePriceFen: z.int(),
        lineTotalFen: z.int(),
        savingsFen: z.int(),
      }),
    ),
    totalFen: z.int(),
    savingsFen: z.int(),
    status: z.enum(cartStatuses),
    orderId: z.optional(id('order')),
    createdBy: z.string(),
    createdAt: timestamp(),
    updatedAt: timestamp(),
  }),
);

export const CartList = lazy(() => page(Cart()));
