import * as z from 'zod/mini';
import { lotStatuses, payouts } from '#domain/produce.ts';
import { id, page, timestamp } from '#schemas/common.ts';
import { lazy } from '#schemas/lazy.ts';

export const Produce = lazy(() =>
  z.object({
    code: z.string(),
    title: z.string(),
    grades: z.array(z.object({ grade: z.string(), priceFenPerKg: z.int() })),
    feeFenPerKg: z.int(),
    createdAt: timestamp(),
    updatedAt: timestamp(),
  }),
);
export const ProduceList = lazy(() => z.object({ items: z.array(Produce()) }));

const quoteFields = () => ({
  code: z.string(),
  title: z.string(),
  grade: z.string(),
  grossGrams: z.int(),
  tareGrams: z.int(),
  deductionBp: z.int(),
  netGrams: z.int(),
  priceFenPerKg: z.int(),
  feeFenPerKg: z.int(),
  amountFen: z.int(),
  feeFen: z.int(),
});

export const Quote = lazy(() => z.object(quoteFields()));

const ticketFields = () => ({
  ...quoteFields(),
  ticketId: id('ticket'),
  stationId: id('station'),
  lotId: id('lot'),
  villagerId: id('villager'),
  villageId: id('village'),
  payout: z.enum(payouts),
  taskId: z.optional(id('task')),
  messageId: z.optional(id('message')),
  at: timestamp(),
  by: z.string(),
});

/** The accepted ticket (to print, with its number) and the villager's credit after it. */
export const TicketResult = lazy(() => z.object({ ...ticketFields(), villagerCreditFen: z.int() }));

export const PayoutResult = lazy(() => z.object({ villagerId: id('villager'), amountFen: z.int(), creditFen: z.int(), drawerFen: z.int() }));

const lotFields = () => ({
  lotId: id('lot'),
  stationId: id('station'),
  code: z.string(),
  title: z.string(),
  grade: z.string(),
  status: z.enum(lotStatuses),
  netGrams: z.int(),
  amountFen: z.int(),
  feeFen: z.int(),
  ticketCount: z.int(),
  openedAt: timestamp(),
  dispatchedAt: z.optional(timestamp()),
  reference: z.optional(z.string()),
  updatedAt: timestamp(),
});

/** In a list, `tickets` is how many. */
export const LotSummary = lazy(() => z.object({ ...lotFields(), tickets: z.int() }));
export const LotList = lazy(() => page(LotSummary()));

/** Every ticket of the lot, traced to who grew it, where, when and the weights. */
export const Lot = lazy(() =>
  z.object({
    ...lotFields(),
    tickets: z.array(
      z.object({
        ticketId: id('ticket'),
        villagerId: id('villager'),
        villageId: id('village'),
        grossGrams: z.int(),
        tareGrams: z.int(),
        deductionBp: z.int(),
        netGrams: z.int(),
        priceFenPerKg: z.int(),
        amountFen: z.int(),
        feeFen: z.int(),
        payout: z.enum(payouts),
        taskId: z.optional(id('task')),
        at: timestamp(),
      }),
    ),
  }),
);

export const DispatchResult = lazy(() => z.object({ ...lotFields(), tickets: z.int(), feeEarnedFen: z.int() }));
