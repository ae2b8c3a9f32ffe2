import type { RouteHandler } from '#http/route.ts';
import { statementStore } from '#store/statements.ts';
import type { cashApi } from './api.ts';

export const getStatement: RouteHandler<typeof cashApi.getStatement> = async (req) => {
  const { stationId, month } = req.params;
  return { status: 200, body: { stationId, ...(await statementStore.get(stationId, month)) } };
};

export const rankStations: RouteHandler<typeof cashApi.rankStations> = async (req) => {
  const page = await statementStore.ranking(req.params.month, req.query.limit ?? 50, req.query.next);
  return { status: 200, body: { items: page.items, ...(page.next ? { next: page.next } : {}) } };
};
