import type { RouteHandler } from '#http/route.ts';
import * as ledgerStore from '#store/ledger.ts';
import type { cashApi } from './api.ts';
import { readStationCash, stationCashPage } from '#store/station-cash.ts';
import { balancesView } from './balances.ts';

export const getCash: RouteHandler<typeof cashApi.getCash> = async (req) => {
  const { station, balances } = await readStationCash(req.params.stationId);
  return { status: 200, body: balancesView(station, balances) };
};

/** Every station's cash view, a page at a time (ops find the stations over their limit): one Query and one BatchGetItem. */
export const listStationCash: RouteHandler<typeof cashApi.listStationCash> = async (req) => {
  const page = await stationCashPage(req.query.limit ?? 100, req.query.next);
  const items = page.items.map(({ station, balances }) => ({
    station: { stationId: station.stationId, name: station.name, county: station.county },
    ...balancesView(station, balances),
  }));
  return { status: 200, body: { ...page, items } };
};

export const listEntries: RouteHandler<typeof cashApi.listEntries> = async (req) => ({
  status: 200,
  body: await ledgerStore.entries(req.params.stationId, req.query.limit ?? 50, req.query.next),
});
