import { drawerShort, remit as remitCash } from '#domain/cash.ts';
import { balanceDelta, plus } from '#domain/ledger.ts';
import type { RouteHandler } from '#http/route.ts';
import { runCommand } from '#store/command.ts';
import * as ledgerStore from '#store/ledger.ts';
import * as remittanceStore from '#store/remittances.ts';
import type { cashApi } from './api.ts';
import { stationCashRead } from '#store/station-cash.ts';
import { balancesView } from './balances.ts';
import { msg } from '#shared/i18n/messages.ts';

/** The cash leaves the drawer now, in transit until ops confirm it arrived (what is owed drops then, not now). */
export const remit: RouteHandler<typeof cashApi.remit> = (req) =>
  runCommand(req.idempotency, {
    reads: [stationCashRead(req.params.stationId)],
    plan: async ([{ station, balances }]) => {
      const { stationId } = req.params;
      const { remittance, entry } = remitCash(stationId, balances, req.body.amountFen, req.body.reference, req.principal.sub, req.now);
      const refusal = () => drawerShort(msg('drawer-short.remitting'));
      return {
        status: 200,
        body: {
          remittanceId: remittance.remittanceId,
          status: remittance.status,
          amountFen: remittance.amountFen,
          reference: remittance.reference,
          ...balancesView(station, plus(balances, balanceDelta(entry))),
        },
        writes: [remittanceStore.save(remittance), ...ledgerStore.post(entry, { kind: 'cover', refusal })],
      };
    },
  });
