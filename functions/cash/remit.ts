import { remit as remitCash } from '#domain/cash.ts';
import { balanceDelta, plus } from '#domain/ledger.ts';
import { shanghaiMonth } from '#domain/time.ts';
import { ConflictError } from '#shared/errors.ts';
import type { RouteHandler } from '#http/route.ts';
import { runCommand } from '#store/command.ts';
import { ledgerStore } from '#store/ledger.ts';
import { statementStore } from '#store/statements.ts';
import type { cashApi } from './api.ts';
import { readStationCash } from '#store/station-cash.ts';
import { balancesView } from './balances.ts';
import { msg } from '#shared/i18n/messages.ts';

export const remit: RouteHandler<typeof cashApi.remit> = (req) =>
  runCommand(req.idempotency, async () => {
    const { stationId } = req.params;
    const { station, balances } = await readStationCash(stationId);
    const { entry, statement } = remitCash(stationId, balances, req.body.amountFen, req.body.reference, req.now);
    const refusal = () => new ConflictError('drawer-short', msg('drawer-short.remitting'));
    return {
      status: 200,
      body: balancesView(station, plus(balances, balanceDelta(entry))),
      writes: [...ledgerStore.post(entry, { kind: 'cover', refusal }), statementStore.add(stationId, shanghaiMonth(req.now), statement)],
    };
  });
