import type { RouteHandler } from '#http/route.ts';
import * as villagerStore from '#store/villagers.ts';
import type { networkApi } from './api.ts';

export const findVillagers: RouteHandler<typeof networkApi.findVillagers> = async (req) => ({
  status: 200,
  body: await villagerStore.search(req.params.stationId, req.query.q, req.query.limit ?? 20, req.query.next),
});

export const getVillager: RouteHandler<typeof networkApi.getVillager> = async (req) => ({
  status: 200,
  body: await villagerStore.getWithProduceCredit(req.params.stationId, req.params.villagerId),
});
