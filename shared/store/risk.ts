import { riskWindow, sumRisk, type RiskDelta, type StationRisk } from '#domain/risk.ts';
import { shanghaiDate } from '#domain/time.ts';
import type { Write } from './command.ts';
import { tableName } from './db.ts';
import { counterUpdate } from './expressions.ts';
import * as keys from './keys.ts';
import { getMany } from './batch.ts';
import { queryPage } from './query.ts';

/** At most this many station-days are read for one view (a few pages); beyond it the view says it was cut short. */
const maxDaysRead = 5_000;

export interface NamedRisk extends StationRisk {
  stationName?: string;
  county?: string;
}

/** Adds to the station's counters of the day, in the command's transaction (ADD commutes: racing commands lose nothing). */
export function add(stationId: string, now: Date, delta: RiskDelta): Write {
  const date = shanghaiDate(now);
  const add = Object.fromEntries(Object.entries(delta).filter(([, v]) => v)) as Record<string, number>;
  return {
    item: {
      Update: {
        TableName: tableName(),
        Key: keys.riskDay(stationId, date),
        ...counterUpdate(add, { stationId, date, type: 'riskDay', ...keys.riskDayListing(stationId, date) }),
      },
    },
  };
}

/**
 * The last 30 days across stations: one Query of the days that had a signal
 * (sparse), summed per station; the `limit` with most signals named with one
 * BatchGetItem.
 */
export async function window(now: Date, limit: number): Promise<{ stations: NamedRisk[]; from: string; to: string; cutShort: boolean }> {
  const { from, to } = riskWindow(now);
  const days: Record<string, unknown>[] = [];
  let next: string | undefined;
  do {
    const page = await queryPage({ index: 'collection', partition: keys.riskDays(), sortBetween: [from, `${to}~`], limit: 1_000, cursor: next });
    days.push(...page.items);
    next = page.next;
  } while (next && days.length < maxDaysRead);
  const shown = sumRisk(days as ({ stationId: string } & RiskDelta)[]).slice(0, limit);
  const names = await getMany(shown.map((s) => keys.station(s.stationId)));
  const stations = shown.map((s): NamedRisk => {
    const station = names(keys.station(s.stationId));
    return { ...s, ...(station ? { stationName: String(station.name), county: String(station.county) } : {}) };
  });
  return { stations, from, to, cutShort: Boolean(next) };
}
