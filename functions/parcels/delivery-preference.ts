import { giveDeliveryPreference, type Villager } from '#domain/villager.ts';
import type { RouteHandler } from '#http/route.ts';
import { runCommand } from '#store/command.ts';
import * as villagerStore from '#store/villagers.ts';
import type { parcelsApi } from './api.ts';

// Given in the same command that answers, so it is there (a retry reads it again).
const view = (v: Villager) => ({ villagerId: v.villagerId, stationId: v.stationId, deliveryPreference: v.deliveryPreference! });

/**
 * The villager's consent to where their parcels go: kept with when it was
 * given, who recorded it and how. Parcels scanned in from now on follow it.
 */
export const setDeliveryPreference: RouteHandler<typeof parcelsApi.setDeliveryPreference> = (req) => {
  const { stationId, villagerId } = req.params;
  return runCommand(req.idempotency, {
    reads: [villagerStore.readOne(stationId, villagerId)],
    plan: async ([villager]) => {
      const after = giveDeliveryPreference(villager, req.body, req.principal.sub, req.now);
      return { status: 200, body: view(after), stored: { villagerId }, writes: villagerStore.givePreference(villager, after) };
    },
    rebuild: async ({ status }) => ({ status, body: view(await villagerStore.get(stationId, villagerId)) }),
  });
};
