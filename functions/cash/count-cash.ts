import { countDrawer } from '#domain/cash.ts';
import { balanceDelta, plus } from '#domain/ledger.ts';
import { varianceLimitOf } from '#domain/station.ts';
import { shanghaiMonth } from '#domain/time.ts';
import { ConflictError } from '#shared/errors.ts';
import type { RouteHandler } from '#http/route.ts';
import { runCommand } from '#store/command.ts';
import type { CashGuard } from '#store/ledger.ts';
import * as ledgerStore from '#store/ledger.ts';
import * as riskStore from '#store/risk.ts';
import * as statementStore from '#store/statements.ts';
import type { cashApi } from './api.ts';
import { stationCashRead } from '#store/station-cash.ts';
import { balancesView } from './balances.ts';
import { msg } from '#shared/i18n/messages.ts';

export const countCash: RouteHandler<typeof cashApi.countCash> = (req) =>
  runCommand(req.idempotency, {
    reads: [stationCashRead(req.params.stationId)],
    plan: async ([{ station, balances }]) => {
      const { stationId } = req.params;
      const { count, entry, statement } = countDrawer(stationId, balances, req.body.countedFen, req.body.reason, varianceLimitOf(station), req.now);
      const guard: CashGuard = {
        kind: 'drawer-is',
        expectedFen: balances.drawerFen,
        refusal: () => new ConflictError('changed-meanwhile', msg('changed-meanwhile.count')),
      };
      const writes = [ledgerStore.recordCount(count), ...(entry ? ledgerStore.post(entry, guard) : ledgerStore.check(stationId, guard))];
      if (statement) writes.push(statementStore.add(stationId, shanghaiMonth(req.now), statement));
      if (count.varianceFen !== 0) writes.push(riskStore.add(stationId, req.now, { countsWithVariance: 1 }));
      return { status: 201, body: { ...count, balances: balancesView(station, plus(balances, balanceDelta(entry))) }, writes };
    },
  });
