import { keepCourier } from '#domain/parcel.ts';
import type { RouteHandler } from '#http/route.ts';
import * as parcelStore from '#store/parcels.ts';
import type { parcelsApi } from './api.ts';

export const putCourier: RouteHandler<typeof parcelsApi.putCourier> = async (req) => {
  const courier = keepCourier(req.params.code, req.body, req.now);
  const created = await parcelStore.putCourier(courier);
  return { status: created ? 201 : 200, body: courier };
};

export const listCouriers: RouteHandler<typeof parcelsApi.listCouriers> = async (req) => ({
  status: 200,
  body: await parcelStore.listCouriers(req.query.limit ?? 100, req.query.next),
});
