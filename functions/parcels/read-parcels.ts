import { defaultParcelKeepDays, parcelView } from '#domain/parcel.ts';
import { addDays } from '#domain/time.ts';
import type { RouteHandler } from '#http/route.ts';
import * as parcelStore from '#store/parcels.ts';
import * as stationStore from '#store/stations.ts';
import type { parcelsApi } from './api.ts';

/** The shelf (one Query of a page, whatever the station keeps), or the parcels due back, or those locked by wrong codes, or by the phone's last digits. */
export const listParcels: RouteHandler<typeof parcelsApi.listParcels> = async (req) => {
  const { now } = req;
  const dueBack = req.query.dueBack === 'true';
  const locked = req.query.locked === 'true';
  // Due back: scanned before the station's keeping days (the list is oldest first, so they are its head); each parcel's own last day decides.
  const keepDays = dueBack ? ((await stationStore.get(req.params.stationId)).parcelKeepDays ?? defaultParcelKeepDays) : 0;
  const page = await parcelStore.list(req.params.stationId, {
    status: dueBack || locked ? 'AT_STATION' : (req.query.status ?? 'AT_STATION'),
    lockedOnly: locked,
    phoneLast4: req.query.phoneLast4,
    ...(dueBack ? { dueBy: addDays(now, -keepDays) } : {}),
    limit: req.query.limit ?? 50,
    cursor: req.query.next,
  });
  const items = page.items.map((p) => parcelView(p, now)).filter((p) => !dueBack || p.dueBack);
  return { status: 200, body: { items, ...(page.next ? { next: page.next } : {}) } };
};

export const getParcel: RouteHandler<typeof parcelsApi.getParcel> = async (req) => ({
  status: 200,
  body: parcelView(await parcelStore.getFor(req.principal, req.params.parcelId), req.now),
});
