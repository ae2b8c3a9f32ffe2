import { countDrawer } from '../../shared/domain/cash.ts';
import { balanceDelta, plus } from '../../shared/domain/ledger.ts';
import { shanghaiMonth } from '../../shared/domain/time.ts';
import { ConflictError } from '../../shared/errors.ts';
import type { RouteHandler } from '../../shared/http/route.ts';
import { runCommand } from '../../shared/store/command.ts';
import { ledgerStore, type CashGuard } from '../../shared/store/ledger.ts';
import { statementStore } from '../../shared/store/statements.ts';
import type { cashApi } from './api.ts';
import { balancesView, readStationCash } from './balances.ts';

export const countCash: RouteHandler<typeof cashApi.countCash> = (req) =>
  runCommand(req.idempotency, async () => {
    const { stationId } = req.params;
    const { station, balances } = await readStationCash(stationId);
    const { count, entry, statement } = countDrawer(stationId, balances, req.body.countedFen, req.body.reason, req.now);
    const guard: CashGuard = {
      kind: 'drawer-is',
      expectedFen: balances.drawerFen,
      refusal: () => new ConflictError('changed-meanwhile', 'Cash moved while you were counting. Count the drawer again.'),
    };
    const writes = [ledgerStore.recordCount(count), ...(entry ? ledgerStore.post(entry, guard) : ledgerStore.check(stationId, guard))];
    if (statement) writes.push(statementStore.add(stationId, shanghaiMonth(req.now), statement));
    return { status: 201, body: { ...count, balances: balancesView(station, plus(balances, balanceDelta(entry))) }, writes };
  });
