/**
 * A station's month (docs/rules.md "Statements"), kept as counters that the
 * money commands add to in the same transaction as their entries. Sales,
 * savings and commission are net of the month's returns.
 */
export interface Statement {
  month: string;
  salesFen: number;
  ordersHandedOver: number;
  villagersServed: number;
  savingsFen: number;
  commissionFen: number;
  cashCollectedFen: number;
  /** Refunds handed back in cash from the drawer (cancels and returns). */
  refundsFen: number;
  /** Refunds of what was paid with villagers' credit, given back to that credit (no cash): refundsFen + this is all that was refunded. */
  refundsToCreditFen: number;
  remittedFen: number;
  varianceFen: number;
  returns: number;
  /** Bills settled PAID in the month: how many, their amounts (without the customer fee), the station's commission on them. */
  billsPaid: number;
  billsFen: number;
  billCommissionFen: number;
  /** Produce bought (weigh tickets written), net of tare and deduction. */
  produceNetGrams: number;
  /** What the tickets came to (paid in cash or owed as credit). */
  producePaidFen: number;
  /** Handling fees earned when lots were dispatched. */
  produceFeeFen: number;
  /** Villagers' credit paid out in cash. */
  creditPaidOutFen: number;
  /** After-sales claims opened (by a villager, or a dead-on-arrival installation). */
  claimsOpened: number;
  /** Installation jobs done (proved by the villager's delivery code). */
  installationsDone: number;
  /** Messages the SMS gateway took for the station's villagers (each counted once, when sent). */
  smsSent: number;
  /** Parcels for the village (代收): scanned in, handed over, sent back to the courier; the couriers' fees for those handed over. */
  parcelsReceived: number;
  parcelsHandedOver: number;
  parcelsReturned: number;
  parcelFeesFen: number;
  /** The tab (docs/rules.md "The tab"): goods sold on villagers' tabs, what was repaid (cash or weigh tickets), written off. */
  tabSalesFen: number;
  tabRepaidFen: number;
  tabWrittenOffFen: number;
  /** What is past its due date on the station's tabs when the statement is read (not a month's flow: read, never added to). */
  tabOverdueFen: number;
  /** The partner's commission held on tab sales, earned as they were repaid, forfeited when written off. */
  commissionHeldFen: number;
  tabCommissionEarnedFen: number;
  tabCommissionForfeitedFen: number;
}

export type StatementCounters = Omit<Statement, 'month'>;
export type StatementDelta = Partial<StatementCounters>;

export const emptyStatement = (month: string): Statement => ({
  month,
  salesFen: 0,
  ordersHandedOver: 0,
  villagersServed: 0,
  savingsFen: 0,
  commissionFen: 0,
  cashCollectedFen: 0,
  refundsFen: 0,
  refundsToCreditFen: 0,
  remittedFen: 0,
  varianceFen: 0,
  returns: 0,
  billsPaid: 0,
  billsFen: 0,
  billCommissionFen: 0,
  produceNetGrams: 0,
  producePaidFen: 0,
  produceFeeFen: 0,
  creditPaidOutFen: 0,
  claimsOpened: 0,
  installationsDone: 0,
  smsSent: 0,
  parcelsReceived: 0,
  parcelsHandedOver: 0,
  parcelsReturned: 0,
  parcelFeesFen: 0,
  tabSalesFen: 0,
  tabRepaidFen: 0,
  tabWrittenOffFen: 0,
  tabOverdueFen: 0,
  commissionHeldFen: 0,
  tabCommissionEarnedFen: 0,
  tabCommissionForfeitedFen: 0,
});

export const statementCounterNames = Object.keys(emptyStatement('')).filter((k) => k !== 'month') as (keyof StatementCounters)[];

/** Several commands' additions as one (zeros left out), for a transaction that adds them at once. */
export function sumDeltas(deltas: readonly (StatementDelta | undefined)[]): StatementDelta {
  const total: StatementDelta = {};
  for (const delta of deltas) for (const [k, v] of Object.entries(delta ?? {})) total[k as keyof StatementDelta] = (total[k as keyof StatementDelta] ?? 0) + v;
  return Object.fromEntries(Object.entries(total).filter(([, v]) => v !== 0));
}
