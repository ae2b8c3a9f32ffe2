import { parcelView, unlockParcel as unlock } from '#domain/parcel.ts';
import type { RouteHandler } from '#http/route.ts';
import { runCommand } from '#store/command.ts';
import * as parcelStore from '#store/parcels.ts';
import type { parcelsApi } from './api.ts';

/** Ops, having checked with the recipient: the wrong tries cleared, who unlocked it, when and why kept on the parcel. */
export const unlockParcel: RouteHandler<typeof parcelsApi.unlockParcel> = (req) =>
  runCommand(req.idempotency, {
    reads: [parcelStore.readFor(req.principal, req.params.parcelId)],
    plan: async ([parcel]) => {
      const after = unlock(parcel, req.principal.sub, req.body.reason, req.now);
      return { status: 200, body: parcelView(after, req.now), stored: { parcelId: parcel.parcelId }, writes: parcelStore.save(after) };
    },
    rebuild: async ({ status, body }) => ({
      status,
      body: parcelView(await parcelStore.getFor(req.principal, (body as { parcelId: string }).parcelId), new Date()),
    }),
  });
