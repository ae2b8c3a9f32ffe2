import { dispatchLot as dispatch, type Lot } from '#domain/produce.ts';
import { shanghaiMonth } from '#domain/time.ts';
import type { RouteHandler } from '#http/route.ts';
import { runCommand } from '#store/command.ts';
import * as ledgerStore from '#store/ledger.ts';
import * as lotStore from '#store/lots.ts';
import * as statementStore from '#store/statements.ts';
import type { produceApi } from './api.ts';

const summary = (lot: Lot) => ({ ...lot, tickets: lot.ticketCount });

export const listStationLots: RouteHandler<typeof produceApi.listStationLots> = async (req) => {
  const page = await lotStore.ofStation(req.params.stationId, req.query.status, req.query.limit ?? 50, req.query.next);
  return { status: 200, body: { ...page, items: page.items.map(summary) } };
};

export const listLots: RouteHandler<typeof produceApi.listLots> = async (req) => {
  const page = await lotStore.ofStatus(req.query.status ?? 'OPEN', req.query.limit ?? 50, req.query.next);
  return { status: 200, body: { ...page, items: page.items.map(summary) } };
};

export const getLot: RouteHandler<typeof produceApi.getLot> = async (req) => {
  const { lot, tickets } = await lotStore.getFor(req.principal, req.params.lotId);
  return {
    status: 200,
    body: {
      ...lot,
      tickets: tickets.map((t) => ({
        ticketId: t.ticketId,
        villagerId: t.villagerId,
        villageId: t.villageId,
        grossGrams: t.grossGrams,
        tareGrams: t.tareGrams,
        deductionBp: t.deductionBp,
        netGrams: t.netGrams,
        priceFenPerKg: t.priceFenPerKg,
        amountFen: t.amountFen,
        feeFen: t.feeFen,
        payout: t.payout,
        ...(t.taskId ? { taskId: t.taskId } : {}),
        at: t.at,
      })),
    },
  };
};

/** Closed, the fee of all its tickets earned, its pointer removed: one transaction, so the fee is earned once. */
export const dispatchLot: RouteHandler<typeof produceApi.dispatchLot> = (req) =>
  runCommand(req.idempotency, {
    reads: [lotStore.readFor(req.principal, req.params.lotId)],
    plan: async ([before]) => {
      const d = dispatch(before, req.body?.reference, req.now);
      return {
        status: 200,
        body: { ...summary(d.lot), feeEarnedFen: d.lot.feeFen },
        writes: [
          ...lotStore.dispatch(before, d.lot),
          ...(d.entry ? ledgerStore.post(d.entry, { kind: 'cover' }) : []),
          statementStore.add(before.stationId, shanghaiMonth(req.now), d.statement),
        ],
      };
    },
  });
