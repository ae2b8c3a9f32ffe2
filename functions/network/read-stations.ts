import type { RouteHandler } from '#http/route.ts';
import * as stationStore from '#store/stations.ts';
import type { networkApi } from './api.ts';

export const getStation: RouteHandler<typeof networkApi.getStation> = async (req) => ({
  status: 200,
  body: await stationStore.get(req.params.stationId),
});

export const listStations: RouteHandler<typeof networkApi.listStations> = async (req) => ({
  status: 200,
  body: await stationStore.list(req.query.limit ?? 50, req.query.next),
});
