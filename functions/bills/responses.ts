import * as z from 'zod/mini';
import { amountRules, billerKinds, billStatuses } from '#domain/bill.ts';
import { id, page, timestamp } from '#schemas/common.ts';
import { lazy } from '#schemas/lazy.ts';

export const Biller = lazy(() =>
  z.object({
    billerCode: z.string(),
    name: z.string(),
    kind: z.enum(billerKinds),
    amountRule: z.enum(amountRules),
    customerFeeFen: z.int(),
    stationCommissionFen: z.int(),
    minAmountFen: z.optional(z.int()),
    createdAt: timestamp(),
    updatedAt: timestamp(),
  }),
);
export const BillerList = lazy(() => page(Biller()));

export const Account = lazy(() => z.object({ billerCode: z.string(), accountNo: z.string(), holderName: z.string(), dueFen: z.int() }));

export const BillPayment = lazy(() =>
  z.object({
    billPaymentId: id('billPayment'),
    stationId: id('station'),
    billerCode: z.string(),
    billerName: z.string(),
    kind: z.enum(billerKinds),
    /** Masked (`*******8000`) once the villager the payment names is erased. */
    accountNo: z.string(),
    holderName: z.string(),
    villagerId: z.optional(id('villager')),
    /** The account number and holder were erased with the villager; the payment and its money are kept. */
    accountMasked: z.optional(z.boolean()),
    status: z.enum(billStatuses),
    amountFen: z.int(),
    customerFeeFen: z.int(),
    totalFen: z.int(),
    stationCommissionFen: z.int(),
    /** What the gateway knows it by. */
    reference: z.string(),
    createdAt: timestamp(),
    settledAt: z.optional(timestamp()),
    receiptNo: z.optional(z.string()),
    failureReason: z.optional(z.string()),
    /** The message that told the villager it was paid. */
    messageId: z.optional(id('message')),
  }),
);
export const BillPaymentList = lazy(() => page(BillPayment()));
