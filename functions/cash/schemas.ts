import * as z from 'zod/mini';
import { accounts, entryKinds } from '../../shared/domain/ledger.ts';
import { cursorParam, fen, id, limitParam, page, positiveFen, stationParams, text, timestamp, yearMonth } from '../../shared/schemas/common.ts';

export const Balances = z.object({
  stationId: id('station'),
  drawerFen: z.int(),
  dueToPlatformFen: z.int(),
  commissionEarnedFen: z.int(),
  varianceFen: z.int(),
  cashLimitFen: z.int(),
  overLimit: z.boolean(),
});

export const Entry = z.object({
  entryId: id('entry'),
  stationId: id('station'),
  kind: z.enum(entryKinds),
  postings: z.array(z.object({ account: z.enum(accounts), amountFen: z.int() })),
  at: timestamp,
  orderId: z.optional(z.string()),
  returnId: z.optional(z.string()),
  reference: z.optional(z.string()),
  reason: z.optional(z.string()),
});
export const EntryList = page(Entry);
export const EntryQuery = z.strictObject({ limit: limitParam, next: cursorParam });

export const Remittance = z.strictObject({
  amountFen: positiveFen,
  reference: text(64),
});

export const CashCountInput = z.strictObject({ countedFen: fen, reason: z.optional(text(200)) });
export const CashCountResult = z.object({
  countId: id('count'),
  stationId: id('station'),
  expectedFen: z.int(),
  countedFen: z.int(),
  varianceFen: z.int(),
  reason: z.optional(z.string()),
  at: timestamp,
  balances: Balances,
});

const statementFields = {
  month: yearMonth,
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
};
export const Statement = z.object({ stationId: id('station'), ...statementFields });
export const StatementParams = z.strictObject({ stationId: id('station'), month: yearMonth });
export const MonthParams = z.strictObject({ month: yearMonth });
export const Ranking = page(z.object({ stationId: id('station'), stationName: z.optional(z.string()), county: z.optional(z.string()), ...statementFields }));
export const RankingQuery = z.strictObject({ limit: limitParam, next: cursorParam });

export { stationParams };
