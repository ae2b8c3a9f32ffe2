/**
 * Money rules (docs/rules.md "Money", "Commission and savings"), in integer
 * fen. Products of prices, quantities and basis points can pass 2^53, so the
 * one multiplication that could is done in BigInt.
 */
export interface PricedLine {
  onlinePriceFen: number;
  localStorePriceFen: number;
  merchantCostFen: number;
}

/** floor(max(0, online − cost) × qty × shareBp / 10000) */
export function commissionFen(line: PricedLine, qty: number, shareBp: number): number {
  const margin = Math.max(0, line.onlinePriceFen - line.merchantCostFen);
  return Number((BigInt(margin) * BigInt(qty) * BigInt(shareBp)) / 10_000n);
}

/** max(0, county-store − online) × qty */
export function savingsFen(line: PricedLine, qty: number): number {
  return Math.max(0, line.localStorePriceFen - line.onlinePriceFen) * qty;
}

export function lineTotalFen(line: PricedLine, qty: number): number {
  return line.onlinePriceFen * qty;
}

export const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** What an order was paid with the villager's credit, and of it what was refunded already (to credit, or in cash for an erased villager). */
export interface CreditPaid {
  paidByCreditFen?: number;
  refundedToCreditFen?: number;
  creditRefundedInCashFen?: number;
}

/**
 * Of an order's credit-paid part, what a refund can still give back as credit:
 * a refund takes it first, the rest is cash (docs/rules.md
 * "Cancellations, returns and refunds"). Missing fields (older orders) are 0.
 * Pure and import-free, so the pages preview a refund with the same arithmetic
 * the server books.
 */
export const creditLeftToRefund = (order: CreditPaid) =>
  Math.max(0, (order.paidByCreditFen ?? 0) - (order.refundedToCreditFen ?? 0) - (order.creditRefundedInCashFen ?? 0));

/** "¥3,900.00" for messages a person reads. */
export const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
