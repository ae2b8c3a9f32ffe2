import { ageBands, tabBook as book, viewStationTabs, viewTab } from '#domain/tab.ts';
import type { RouteHandler } from '#http/route.ts';
import * as tabStore from '#store/tabs.ts';
import type { tabsApi } from './api.ts';

export const getTab: RouteHandler<typeof tabsApi.getTab> = async (req) => {
  const { stationId, villagerId } = req.params;
  return { status: 200, body: viewTab(await tabStore.find(stationId, villagerId), stationId, villagerId, req.now) };
};

export const listStationTabs: RouteHandler<typeof tabsApi.listStationTabs> = async (req) => ({
  status: 200,
  body: { items: viewStationTabs(await tabStore.ofStation(req.params.stationId), req.now) },
});

/** Every tab of the network summed per station (one Query of the tabs' collection, then the stations' names in one batch). */
export const tabBook: RouteHandler<typeof tabsApi.tabBook> = async (req) => {
  const stations = book(await tabStore.all(), req.now);
  const names = await tabStore.stationNames(stations.map((s) => s.stationId));
  const totals = {
    owedFen: stations.reduce((n, s) => n + s.owedFen, 0),
    overdueFen: stations.reduce((n, s) => n + s.overdueFen, 0),
    overdueByAge: Object.fromEntries(ageBands.map((b) => [b, stations.reduce((n, s) => n + s.overdueByAge[b], 0)])) as Record<
      (typeof ageBands)[number],
      number
    >,
  };
  const items = stations.map((s) => ({ ...s, ...(names.has(s.stationId) ? { stationName: names.get(s.stationId)! } : {}) }));
  return { status: 200, body: { items, totals } };
};
