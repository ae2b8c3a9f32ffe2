import { confirmRemittance as confirm, rejectRemittance as reject } from '#domain/cash.ts';
import { shanghaiMonth } from '#domain/time.ts';
import type { RouteHandler } from '#http/route.ts';
import { runCommand } from '#store/command.ts';
import * as ledgerStore from '#store/ledger.ts';
import * as remittanceStore from '#store/remittances.ts';
import * as statementStore from '#store/statements.ts';
import type { cashApi } from './api.ts';

/**
 * Ops settle a remittance: one TransactWriteItems holds the remittance (only
 * if still the version read, so it is settled once), its entry, the balances
 * and, on confirmation, the month's `remittedFen`.
 */
export const confirmRemittance: RouteHandler<typeof cashApi.confirmRemittance> = (req) =>
  runCommand(req.idempotency, {
    reads: [remittanceStore.readFor(req.principal, req.params.remittanceId)],
    plan: async ([read]) => {
      const { remittance, entry, statement } = confirm(read, req.principal.sub, req.now);
      return {
        status: 200,
        body: remittance,
        writes: [
          remittanceStore.save(remittance),
          ...ledgerStore.post(entry, { kind: 'cover' }),
          statementStore.add(remittance.stationId, shanghaiMonth(req.now), statement),
        ],
      };
    },
  });

export const rejectRemittance: RouteHandler<typeof cashApi.rejectRemittance> = (req) =>
  runCommand(req.idempotency, {
    reads: [remittanceStore.readFor(req.principal, req.params.remittanceId)],
    plan: async ([read]) => {
      const { remittance, entry } = reject(read, req.body.reason, req.principal.sub, req.now);
      return { status: 200, body: remittance, writes: [remittanceStore.save(remittance), ...ledgerStore.post(entry, { kind: 'cover' })] };
    },
  });

export const getRemittance: RouteHandler<typeof cashApi.getRemittance> = async (req) => ({
  status: 200,
  body: await remittanceStore.getFor(req.principal, req.params.remittanceId),
});

export const listStationRemittances: RouteHandler<typeof cashApi.listStationRemittances> = async (req) => ({
  status: 200,
  body: await remittanceStore.ofStation(req.params.stationId, req.query.status, req.query.limit ?? 20, req.query.next),
});

export const listRemittances: RouteHandler<typeof cashApi.listRemittances> = async (req) => ({
  status: 200,
  body: await remittanceStore.ofStatus(req.query.status ?? 'PENDING', req.query.limit ?? 50, req.query.next),
});

export const listFlaggedCounts: RouteHandler<typeof cashApi.listFlaggedCounts> = async (req) => ({
  status: 200,
  body: await ledgerStore.flaggedCounts(req.query.limit ?? 50, req.query.next),
});
