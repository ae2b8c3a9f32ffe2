import * as z from 'zod/mini';
import { ageBands, confirmationPurposes, requestStatuses, tabStatuses } from '#domain/tab.ts';
import { id, page, timestamp } from '#schemas/common.ts';
import { lazy } from '#schemas/lazy.ts';
import { RequestId } from './schemas.ts';

export const Confirmation = lazy(() =>
  z.object({
    confirmationId: z.string(),
    purpose: z.enum(confirmationPurposes),
    amountFen: z.int(),
    dueDate: z.optional(z.string()),
    /** Where the code went (尾号8000). */
    sentTo: z.string(),
    validUntil: timestamp(),
    /** What the villager agrees to, as kept. */
    text: z.string(),
    version: z.string(),
  }),
);

export const TabView = lazy(() =>
  z.object({
    stationId: id('station'),
    villagerId: id('villager'),
    limitFen: z.int(),
    owedFen: z.int(),
    availableFen: z.int(),
    status: z.enum(tabStatuses),
    overdueFen: z.int(),
    heldFen: z.int(),
    earnedFen: z.int(),
    items: z.array(z.object({ orderId: z.string(), amountFen: z.int(), dueDate: z.string(), repaidFen: z.int(), overdueDays: z.int() })),
  }),
);

export const TabList = lazy(() => z.object({ items: z.array(TabView()) }));

export const RepaymentResult = lazy(() => z.extend(TabView(), { repaidFen: z.int(), commissionEarnedFen: z.int(), drawerFen: z.int() }));
export const WriteOffResult = lazy(() => z.extend(TabView(), { writtenOffFen: z.int(), commissionForfeitedFen: z.int() }));

export const TabRequest = lazy(() =>
  z.object({
    requestId: RequestId(),
    stationId: id('station'),
    villagerId: id('villager'),
    limitFen: z.int(),
    status: z.enum(requestStatuses),
    consent: z.object({ confirmationId: z.string(), text: z.string(), version: z.string(), at: timestamp() }),
    suggestion: z.object({ limitFen: z.int(), reason: z.string() }),
    requestedBy: z.string(),
    requestedAt: timestamp(),
    decidedBy: z.optional(z.string()),
    decidedAt: z.optional(timestamp()),
    approvedLimitFen: z.optional(z.int()),
    reason: z.optional(z.string()),
    version: z.int(),
  }),
);
export const TabRequestList = lazy(() => page(TabRequest()));
export const Decision = lazy(() => z.object({ request: TabRequest(), tab: z.optional(TabView()) }));

const bands = () => z.object(Object.fromEntries(ageBands.map((b) => [b, z.int()])) as Record<(typeof ageBands)[number], z.ZodMiniInt>);
export const TabBook = lazy(() =>
  z.object({
    items: z.array(
      z.object({
        stationId: id('station'),
        stationName: z.optional(z.string()),
        tabs: z.int(),
        limitFen: z.int(),
        owedFen: z.int(),
        overdueFen: z.int(),
        overdueByAge: bands(),
        soldFen: z.int(),
        writtenOffFen: z.int(),
        defaultRateBp: z.int(),
      }),
    ),
    totals: z.object({ owedFen: z.int(), overdueFen: z.int(), overdueByAge: bands() }),
  }),
);
