import type { Station } from '../../shared/domain/station.ts';
import type { RouteHandler } from '../../shared/http/route.ts';
import { getMany } from '../../shared/store/batch.ts';
import { keys } from '../../shared/store/keys.ts';
import { statementStore } from '../../shared/store/statements.ts';
import type { cashApi } from './api.ts';

export const getStatement: RouteHandler<typeof cashApi.getStatement> = async (req) => {
  const { stationId, month } = req.params;
  return { status: 200, body: { stationId, ...(await statementStore.get(stationId, month)) } };
};

/** Ranked by the index; names joined with one BatchGetItem per page. */
export const rankStations: RouteHandler<typeof cashApi.rankStations> = async (req) => {
  const page = await statementStore.ranking(req.params.month, req.query.limit ?? 50, req.query.next);
  const lookup = await getMany(page.items.map((s) => keys.station(s.stationId)));
  const items = page.items.map((s) => {
    const station = lookup(keys.station(s.stationId)) as Partial<Station> | undefined;
    return { ...s, ...(station ? { stationName: station.name, county: station.county } : {}) };
  });
  return { status: 200, body: { items, ...(page.next ? { next: page.next } : {}) } };
};
