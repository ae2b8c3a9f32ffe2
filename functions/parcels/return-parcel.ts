import { parcelView, returnParcel as sendBack } from '#domain/parcel.ts';
import { shanghaiMonth } from '#domain/time.ts';
import type { RouteHandler } from '#http/route.ts';
import { runCommand } from '#store/command.ts';
import * as parcelStore from '#store/parcels.ts';
import * as statementStore from '#store/statements.ts';
import type { parcelsApi } from './api.ts';

/** Back to the courier, with the reason: never handed over afterwards. */
export const returnParcel: RouteHandler<typeof parcelsApi.returnParcel> = (req) =>
  runCommand(req.idempotency, {
    reads: [parcelStore.readFor(req.principal, req.params.parcelId)],
    plan: async ([parcel]) => {
      const { now } = req;
      const back = sendBack(parcel, req.body.reason, now);
      return {
        status: 200,
        body: parcelView(back.parcel, now),
        stored: { parcelId: parcel.parcelId },
        writes: [...parcelStore.save(back.parcel), statementStore.add(parcel.stationId, shanghaiMonth(now), back.statement)],
      };
    },
    rebuild: async ({ status, body }) => ({
      status,
      body: parcelView(await parcelStore.getFor(req.principal, (body as { parcelId: string }).parcelId), new Date()),
    }),
  });
