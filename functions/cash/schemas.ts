import * as z from 'zod/mini';
import { remittanceStatuses } from '#domain/cash.ts';
import { cursorParam, fen, id, limitParam, positiveFen, text, yearMonth } from '#schemas/common.ts';
import { lazy } from '#schemas/lazy.ts';

export const EntryQuery = lazy(() => z.strictObject({ limit: limitParam(), next: cursorParam() }));
export const Remittance = lazy(() => z.strictObject({ amountFen: positiveFen(), reference: text(64) }));
export const CashCountInput = lazy(() => z.strictObject({ countedFen: fen(), reason: z.optional(text(200)) }));
export const StatementParams = lazy(() => z.strictObject({ stationId: id('station'), month: yearMonth() }));
export const MonthParams = lazy(() => z.strictObject({ month: yearMonth() }));
export const StationCashQuery = lazy(() => z.strictObject({ limit: limitParam(), next: cursorParam() }));
export const RiskQuery = lazy(() => z.strictObject({ limit: limitParam() }));
export const RankingQuery = lazy(() => z.strictObject({ limit: limitParam(), next: cursorParam() }));

export const RemittanceParams = lazy(() => z.strictObject({ remittanceId: id('remittance') }));
export const Rejection = lazy(() => z.strictObject({ reason: text(200) }));
export const RemittanceQuery = lazy(() => z.strictObject({ status: z.optional(z.enum(remittanceStatuses)), limit: limitParam(), next: cursorParam() }));
export const FlaggedCountQuery = lazy(() =>
  z.strictObject({
    flagged: z.literal('true', 'Only flagged counts are listed across stations: send flagged=true.'),
    limit: limitParam(),
    next: cursorParam(),
  }),
);

export { stationParams } from '#schemas/common.ts';
