import { balanceDelta, plus } from '#domain/ledger.ts';
import { repay, viewTab, writeOff } from '#domain/tab.ts';
import { shanghaiMonth } from '#domain/time.ts';
import type { RouteHandler } from '#http/route.ts';
import { runCommand } from '#store/command.ts';
import * as ledgerStore from '#store/ledger.ts';
import { stationCashRead } from '#store/station-cash.ts';
import * as statementStore from '#store/statements.ts';
import * as tabStore from '#store/tabs.ts';
import type { tabsApi } from './api.ts';

/** One read (station and balances, the tab) and one write (the tab, the entry with the balances, the month's figures). */
export const repayTab: RouteHandler<typeof tabsApi.repayTab> = (req) => {
  const { stationId, villagerId } = req.params;
  return runCommand(req.idempotency, {
    reads: [stationCashRead(stationId), tabStore.read(stationId, villagerId)],
    plan: async ([{ balances }, tab]) => {
      const r = repay(tab, req.body.amountFen, 'CASH', req.now);
      return {
        status: 200,
        body: {
          ...viewTab(r.tab, stationId, villagerId, req.now),
          repaidFen: r.repaidFen,
          commissionEarnedFen: r.earnedFen,
          drawerFen: plus(balances, balanceDelta(r.entry)).drawerFen,
        },
        writes: [
          tabStore.save(tab, r.tab),
          ...ledgerStore.post(r.entry, { kind: 'cover' }),
          statementStore.add(stationId, shanghaiMonth(req.now), r.statement),
        ],
      };
    },
  });
};

/** One read (the tab) and one write (the tab closed, the entry, the month's figures). */
export const writeOffTab: RouteHandler<typeof tabsApi.writeOffTab> = (req) => {
  const { stationId, villagerId } = req.params;
  return runCommand(req.idempotency, {
    reads: [tabStore.read(stationId, villagerId)],
    plan: async ([tab]) => {
      const w = writeOff(tab, req.body.reason, req.principal.sub, req.now);
      return {
        status: 200,
        body: { ...viewTab(w.tab, stationId, villagerId, req.now), writtenOffFen: w.statement.tabWrittenOffFen ?? 0, commissionForfeitedFen: w.forfeitedFen },
        writes: [
          tabStore.save(tab, w.tab),
          ...(w.entry ? ledgerStore.post(w.entry, { kind: 'cover' }) : []),
          statementStore.add(stationId, shanghaiMonth(req.now), w.statement),
        ],
      };
    },
  });
};
