import { drawerShort } from '#domain/cash.ts';
import { balanceDelta, plus } from '#domain/ledger.ts';
import { payOutCredit as payOut } from '#domain/produce.ts';
import { shanghaiMonth } from '#domain/time.ts';
import type { RouteHandler } from '#http/route.ts';
import { msg } from '#shared/i18n/messages.ts';
import { runCommand } from '#store/command.ts';
import * as ledgerStore from '#store/ledger.ts';
import { villagerRead } from '#store/produce.ts';
import * as produceCreditStore from '#store/produce-credits.ts';
import { stationCashRead } from '#store/station-cash.ts';
import * as statementStore from '#store/statements.ts';
import type { produceApi } from './api.ts';

/** Cash from the drawer, credit down by as much, in one transaction: never more than either holds. */
export const payOutCredit: RouteHandler<typeof produceApi.payOutCredit> = (req) => {
  const { stationId, villagerId } = req.params;
  return runCommand(req.idempotency, {
    reads: [stationCashRead(stationId), villagerRead(stationId, villagerId), produceCreditStore.read(stationId, villagerId)],
    plan: async ([{ balances }, , creditFen]) => {
      const amountFen = req.body.amountFen;
      const p = payOut(stationId, villagerId, creditFen, balances, amountFen, req.now);
      const refusal = () => drawerShort(msg('drawer-short.payout', { drawerFen: balances.drawerFen, amountFen }));
      return {
        status: 200,
        body: { villagerId, amountFen, creditFen: p.creditFen, drawerFen: plus(balances, balanceDelta(p.entry)).drawerFen },
        writes: [
          ...ledgerStore.post(p.entry, { kind: 'cover', refusal }),
          produceCreditStore.add(stationId, villagerId, -amountFen, p.entry.at),
          statementStore.add(stationId, shanghaiMonth(req.now), p.statement),
        ],
      };
    },
  });
};
