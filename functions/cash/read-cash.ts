import type { RouteHandler } from '#http/route.ts';
import { ledgerStore } from '#store/ledger.ts';
import type { cashApi } from './api.ts';
import { readStationCash } from '#store/station-cash.ts';
import { balancesView } from './balances.ts';

export const getCash: RouteHandler<typeof cashApi.getCash> = async (req) => {
  const { station, balances } = await readStationCash(req.params.stationId);
  return { status: 200, body: balancesView(station, balances) };
};

export const listEntries: RouteHandler<typeof cashApi.listEntries> = async (req) => ({
  status: 200,
  body: await ledgerStore.entries(req.params.stationId, req.query.limit ?? 50, req.query.next),
});
