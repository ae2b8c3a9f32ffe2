import * as z from 'zod/mini';
import { accounts, entryKinds } from '#domain/ledger.ts';
import { id, page, timestamp, yearMonth } from '#schemas/common.ts';
import { lazy } from '#schemas/lazy.ts';

export const Balances = lazy(() =>
  z.object({
    stationId: id('station'),
    drawerFen: z.int(),
    dueToPlatformFen: z.int(),
    commissionEarnedFen: z.int(),
    varianceFen: z.int(),
    cashLimitFen: z.int(),
    overLimit: z.boolean(),
  }),
);

export const Entry = lazy(() =>
  z.object({
    entryId: id('entry'),
    stationId: id('station'),
    kind: z.enum(entryKinds),
    postings: z.array(z.object({ account: z.enum(accounts), amountFen: z.int() })),
    at: timestamp(),
    orderId: z.optional(z.string()),
    returnId: z.optional(z.string()),
    billPaymentId: z.optional(z.string()),
    reference: z.optional(z.string()),
    reason: z.optional(z.string()),
  }),
);
export const EntryList = lazy(() => page(Entry()));

export const CashCountResult = lazy(() =>
  z.object({
    countId: id('count'),
    stationId: id('station'),
    expectedFen: z.int(),
    countedFen: z.int(),
    varianceFen: z.int(),
    reason: z.optional(z.string()),
    at: timestamp(),
    balances: Balances(),
  }),
);

const statementFields = () => ({
  month: yearMonth(),
  salesFen: z.int(),
  ordersHandedOver: z.int(),
  villagersServed: z.int(),
  savingsFen: z.int(),
  commissionFen: z.int(),
  cashCollectedFen: z.int(),
  refundsFen: z.int(),
  remittedFen: z.int(),
  varianceFen: z.int(),
  returns: z.int(),
  billsPaid: z.int(),
  billsFen: z.int(),
  billCommissionFen: z.int(),
});

export const Statement = lazy(() => z.object({ stationId: id('station'), ...statementFields() }));
export const Ranking = lazy(() =>
  page(z.object({ stationId: id('station'), stationName: z.optional(z.string()), county: z.optional(z.string()), ...statementFields() })),
);
