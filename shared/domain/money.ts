/**
 * Money rules of SPEC §3, in integer fen. Products of prices, quantities and
 * basis points can pass 2^53, so the one multiplication that could is done in
 * BigInt.
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

/** "¥3,900.00" for messages a person reads. */
export const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
