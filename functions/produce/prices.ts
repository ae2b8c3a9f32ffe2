import { publishProduce } from '#domain/produce.ts';
import type { RouteHandler } from '#http/route.ts';
import * as produceStore from '#store/produce.ts';
import type { produceApi } from './api.ts';

export const putProduce: RouteHandler<typeof produceApi.putProduce> = async (req) => {
  const before = await produceStore.find(req.params.code);
  const produce = publishProduce(req.params.code, req.body, before, req.now);
  await produceStore.save(produce);
  return { status: before ? 200 : 201, body: produce };
};

export const listProduce: RouteHandler<typeof produceApi.listProduce> = async () => ({ status: 200, body: { items: await produceStore.list() } });
