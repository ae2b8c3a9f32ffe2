import { assertNoProduceCreditLeft } from '#domain/produce.ts';
import { correctVillager as correct } from '#domain/villager.ts';
import { ConflictError, fieldError } from '#shared/errors.ts';
import type { RouteHandler } from '#http/route.ts';
import { recordIdOf, runCommand } from '#store/command.ts';
import * as villagerStore from '#store/villagers.ts';
import type { networkApi } from './api.ts';
import { msg } from '#shared/i18n/messages.ts';
import { assertNothingOwed } from '#domain/tab.ts';

/** A correction; like registration, its record keeps only the id and a retry reads the villager again. */
export const correctVillager: RouteHandler<typeof networkApi.correctVillager> = (req) =>
  runCommand(req.idempotency, {
    reads: [],
    plan: async () => {
      const { stationId, villagerId } = req.params;
      const { station, villager, records, bills, phoneHolder } = await villagerStore.changeContext(stationId, villagerId, req.body.phone);
      if (phoneHolder && phoneHolder !== villagerId) {
        throw new ConflictError('phone-taken', msg('phone-taken.other', { holder: phoneHolder }), [fieldError('body.phone', 'field.phoneTaken')]);
      }
      const after = correct(station, villager, req.body, req.now);
      const record = recordIdOf(req.idempotency);
      return { status: 200, body: after, stored: { villagerId }, writes: villagerStore.correct(villager, after, records, bills, { record }) };
    },
    rebuild: async () => ({ status: 200, body: await villagerStore.get(req.params.stationId, req.params.villagerId) }),
  });

/**
 * Consent withdrawn: the villager's name, phone and address are erased from
 * every item that held them, the account numbers of the bills that named
 * them, or were paid to their number, are masked, and what partners wrote about
 * them (notes, problems, reasons) keeps neither their name nor their number, in
 * one transaction (what does not fit goes just before it). A retry with the same key
 * answers 204 again; a new request for the same villager is 404.
 */
export const deleteVillager: RouteHandler<typeof networkApi.deleteVillager> = (req) =>
  runCommand(req.idempotency, {
    reads: [],
    plan: async () => {
      const { villager, records, bills, creditFen, tabOwedFen, mentioned } = await villagerStore.changeContext(req.params.stationId, req.params.villagerId);
      assertNoProduceCreditLeft(creditFen);
      assertNothingOwed({ owedFen: tabOwedFen });
      // What was written about them, and top-ups to their number that did not name them (read now that the villager is known).
      const traces = await villagerStore.traces(villager, mentioned, bills);
      return { status: 204, body: null, writes: await villagerStore.ahead(villagerStore.erase(villager, records, bills, req.now), traces) };
    },
  });
