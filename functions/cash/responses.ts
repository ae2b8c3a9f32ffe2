import * as z from 'zod/mini';
import { remittanceStatuses } from '#domain/cash.ts';
import { accounts, entryKinds } from '#domain/ledger.ts';
import { riskSignals } from '#domain/risk.ts';
import { id, page, timestamp, yearMonth } from '#schemas/common.ts';
import { lazy } from '#schemas/lazy.ts';

export const Balances = lazy(() =>
  z.object({
    stationId: id('station'),
    drawerFen: z.int(),
    /** Remitted and out of the drawer, not yet confirmed by ops: still counts towards the cash limit. */
    pendingRemittancesFen: z.int(),
    dueToPlatformFen: z.int(),
    commissionEarnedFen: z.int(),
    varianceFen: z.int(),
    /** What the station owes villagers for produce bought on credit. */
    villagerCreditFen: z.int(),
    cashLimitFen: z.int(),
    overLimit: z.boolean(),
  }),
);

/** A station's cash view in ops' list across stations: the station named, then the same fields as its own cash view. */
export const StationCashList = lazy(() =>
  page(z.object({ station: z.object({ stationId: id('station'), name: z.string(), county: z.string() }), ...Balances().def.shape })),
);

export const Remittance = lazy(() =>
  z.object({
    remittanceId: id('remittance'),
    stationId: id('station'),
    amountFen: z.int(),
    reference: z.string(),
    status: z.enum(remittanceStatuses),
    remittedAt: timestamp(),
    remittedBy: z.string(),
    confirmedAt: z.optional(timestamp()),
    rejectedAt: z.optional(timestamp()),
    rejectionReason: z.optional(z.string()),
    settledBy: z.optional(z.string()),
    updatedAt: timestamp(),
    version: z.int(),
  }),
);
export const RemittanceList = lazy(() => page(Remittance()));

/** The remittance, PENDING, and the balances after it (flat, as the cash view). */
export const RemitResult = lazy(() =>
  z.object({
    remittanceId: id('remittance'),
    status: z.enum(remittanceStatuses),
    amountFen: z.int(),
    reference: z.string(),
    ...Balances().def.shape,
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
    remittanceId: z.optional(z.string()),
    billPaymentId: z.optional(z.string()),
    reference: z.optional(z.string()),
    reason: z.optional(z.string()),
    villagerId: z.optional(z.string()),
    ticketId: z.optional(z.string()),
    lotId: z.optional(z.string()),
    parcelId: z.optional(z.string()),
    confirmationId: z.optional(z.string()),
  }),
);
export const EntryList = lazy(() => page(Entry()));

const CashCount = lazy(() =>
  z.object({
    countId: id('count'),
    stationId: id('station'),
    expectedFen: z.int(),
    countedFen: z.int(),
    varianceFen: z.int(),
    varianceLimitFen: z.int(),
    flagged: z.boolean(),
    reason: z.optional(z.string()),
    at: timestamp(),
  }),
);

export const CashCountResult = lazy(() => z.extend(CashCount(), { balances: Balances() }));

export const FlaggedCountList = lazy(() => page(CashCount()));

const statementFields = () => ({
  month: yearMonth(),
  salesFen: z.int(),
  ordersHandedOver: z.int(),
  villagersServed: z.int(),
  savingsFen: z.int(),
  commissionFen: z.int(),
  cashCollectedFen: z.int(),
  refundsFen: z.int(),
  refundsToCreditFen: z.int(),
  remittedFen: z.int(),
  varianceFen: z.int(),
  returns: z.int(),
  billsPaid: z.int(),
  billsFen: z.int(),
  billCommissionFen: z.int(),
  produceNetGrams: z.int(),
  producePaidFen: z.int(),
  produceFeeFen: z.int(),
  creditPaidOutFen: z.int(),
  claimsOpened: z.int(),
  installationsDone: z.int(),
  smsSent: z.int(),
  parcelsReceived: z.int(),
  parcelsHandedOver: z.int(),
  parcelsReturned: z.int(),
  parcelFeesFen: z.int(),
  tabSalesFen: z.int(),
  tabRepaidFen: z.int(),
  tabWrittenOffFen: z.int(),
  tabOverdueFen: z.int(),
  commissionHeldFen: z.int(),
  tabCommissionEarnedFen: z.int(),
  tabCommissionForfeitedFen: z.int(),
});

export const RiskView = lazy(() =>
  z.object({
    /** The window, Shanghai days, both included. */
    from: z.string(),
    to: z.string(),
    /** More station-days than one view reads: the figures are of the earliest part of the window only. */
    cutShort: z.boolean(),
    items: z.array(
      z.object({
        stationId: id('station'),
        stationName: z.optional(z.string()),
        county: z.optional(z.string()),
        total: z.int(),
        signals: z.array(z.object({ signal: z.enum(riskSignals), count: z.int(), reason: z.string() })),
      }),
    ),
  }),
);

export const Statement = lazy(() => z.object({ stationId: id('station'), ...statementFields() }));
export const Ranking = lazy(() =>
  page(z.object({ stationId: id('station'), stationName: z.optional(z.string()), county: z.optional(z.string()), ...statementFields() })),
);
