import { addDays, shanghaiDate } from './time.ts';

/**
 * What a partner alone could turn to their own gain, counted per station and
 * day (docs/rules.md "The risk view"): none is wrong in itself, each is worth
 * an operator's look when a station has many.
 */
export const riskSignals = [
  'reprints',
  'wrongCodes',
  'codesShownToPartner',
  'exchangesAndReturns',
  'smallTopUps',
  'countsWithVariance',
  'parcelsByPhoneDigits',
  'tabSalesOverdue',
] as const;
export type RiskSignal = (typeof riskSignals)[number];
export type RiskDelta = Partial<Record<RiskSignal, number>>;

/** The view looks back this many Shanghai days, today included. */
export const riskWindowDays = 30;
/** A phone top-up below this is counted: small top-ups are how commission is farmed. */
export const smallTopUpFen = 2_000;

/** The first and last day of the window that ends today. */
export function riskWindow(now: Date): { from: string; to: string } {
  return { from: shanghaiDate(addDays(now, 1 - riskWindowDays)), to: shanghaiDate(now) };
}

export interface StationRisk {
  stationId: string;
  /** Every signal's count, 0 when none. */
  counts: Record<RiskSignal, number>;
  total: number;
}

/** Each station's days summed, the station with most signals first (then by id, so a page is stable). */
export function sumRisk(days: readonly ({ stationId: string } & RiskDelta)[]): StationRisk[] {
  const byStation = new Map<string, Record<RiskSignal, number>>();
  for (const day of days) {
    const counts = byStation.get(day.stationId) ?? (Object.fromEntries(riskSignals.map((s) => [s, 0])) as Record<RiskSignal, number>);
    for (const s of riskSignals) counts[s] += Number(day[s] ?? 0);
    byStation.set(day.stationId, counts);
  }
  return [...byStation]
    .map(([stationId, counts]) => ({ stationId, counts, total: riskSignals.reduce((n, s) => n + counts[s], 0) }))
    .filter((r) => r.total > 0)
    .sort((a, b) => b.total - a.total || a.stationId.localeCompare(b.stationId));
}
