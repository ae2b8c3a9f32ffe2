import { overdueFen } from '#domain/tab.ts';
import type { RouteHandler } from '#http/route.ts';
import * as statementStore from '#store/statements.ts';
import * as tabStore from '#store/tabs.ts';
import type { cashApi } from './api.ts';

/** The month's counters (one GetItem), and what is overdue on the station's tabs as the statement is read (one Query of its tabs). */
export const getStatement: RouteHandler<typeof cashApi.getStatement> = async (req) => {
  const { stationId, month } = req.params;
  const [statement, tabs] = await Promise.all([statementStore.get(stationId, month), tabStore.ofStation(stationId)]);
  return { status: 200, body: { stationId, ...statement, tabOverdueFen: tabs.reduce((n, t) => n + overdueFen(t, req.now), 0) } };
};

export const rankStations: RouteHandler<typeof cashApi.rankStations> = async (req) => {
  const page = await statementStore.ranking(req.params.month, req.query.limit ?? 50, req.query.next);
  return { status: 200, body: { items: page.items, ...(page.next ? { next: page.next } : {}) } };
};
