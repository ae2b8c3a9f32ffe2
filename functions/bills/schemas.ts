import * as z from 'zod/mini';
import { amountRules, billerKinds, billStatuses } from '#domain/bill.ts';
import { cursorParam, fen, id, isoDate, limitParam, text } from '#schemas/common.ts';
import { lazy } from '#schemas/lazy.ts';

export const BillerCode = lazy(() => z.string().check(z.regex(/^[A-Z][A-Z0-9]{1,15}$/, 'field.billerCode')));
export const AccountNo = lazy(() => z.string().check(z.regex(/^[0-9A-Za-z-]{4,32}$/, 'field.accountNo')));
/** A bill or a top-up: at least 1 fen, at most ¥50,000 (no village bill comes near it; a slip of the finger should not). */
export const BillAmount = lazy(() => z.int().check(z.gte(1, 'field.billAmount'), z.lte(5_000_000, 'field.billAmount')));

export const BillerParams = lazy(() => z.strictObject({ billerCode: BillerCode() }));
export const BillerInput = lazy(() =>
  z.strictObject({
    name: text(40),
    kind: z.enum(billerKinds),
    amountRule: z.enum(amountRules),
    customerFeeFen: fen(),
    stationCommissionFen: fen(),
    minAmountFen: z.optional(BillAmount()),
  }),
);
export const BillerQuery = lazy(() => z.strictObject({ limit: limitParam(), next: cursorParam() }));

export const AccountParams = lazy(() => z.strictObject({ billerCode: BillerCode(), accountNo: AccountNo() }));

export const NewBillPayment = lazy(() =>
  z.strictObject({
    billerCode: BillerCode(),
    accountNo: AccountNo(),
    amountFen: BillAmount(),
    villagerId: z.optional(id('villager')),
  }),
);
export const BillPaymentParams = lazy(() => z.strictObject({ billPaymentId: id('billPayment') }));
export const BillPaymentQuery = lazy(() =>
  z.strictObject({ status: z.optional(z.enum(billStatuses)), date: z.optional(isoDate()), limit: limitParam(), next: cursorParam() }),
);

export { stationParams } from '#schemas/common.ts';

export const PendingBillQuery = lazy(() => z.strictObject({ limit: limitParam(), next: cursorParam() }));
