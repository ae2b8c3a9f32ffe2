import { registerVillager as newVillager } from '#domain/villager.ts';
import { ConflictError, fieldError } from '#shared/errors.ts';
import type { RouteHandler } from '#http/route.ts';
import { recordIdOf, runCommand } from '#store/command.ts';
import * as stationStore from '#store/stations.ts';
import * as villagerStore from '#store/villagers.ts';
import type { networkApi } from './api.ts';
import { msg } from '#shared/i18n/messages.ts';

/**
 * The idempotency record keeps only the villager's id, not their name, phone
 * or address (kept 90 days otherwise): a retry reads the villager again, and
 * gets 404 once they have withdrawn consent.
 */
export const registerVillager: RouteHandler<typeof networkApi.registerVillager> = (req) =>
  runCommand(req.idempotency, {
    reads: [],
    plan: async () => {
      const { stationId } = req.params;
      const station = await stationStore.get(stationId);
      if (req.body.phone) {
        const holder = await villagerStore.phoneHolder(stationId, req.body.phone);
        if (holder) {
          const existing = await villagerStore.find(stationId, holder);
          throw new ConflictError('phone-taken', msg('phone-taken', { name: existing?.name ?? holder }), [fieldError('body.phone', 'field.phoneTaken')]);
        }
      }
      const villager = newVillager(station, req.body, req.now);
      const record = recordIdOf(req.idempotency);
      return { status: 201, body: villager, stored: { villagerId: villager.villagerId }, writes: villagerStore.register(villager, { record }) };
    },
    rebuild: async ({ status, body }) => ({ status, body: await villagerStore.get(req.params.stationId, (body as { villagerId: string }).villagerId) }),
  });
