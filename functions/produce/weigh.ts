import { drawerShort } from '#domain/cash.ts';
import { quote, writeTicket } from '#domain/produce.ts';
import { shanghaiMonth } from '#domain/time.ts';
import type { RouteHandler } from '#http/route.ts';
import { msg } from '#shared/i18n/messages.ts';
import { runCommand } from '#store/command.ts';
import * as ledgerStore from '#store/ledger.ts';
import { weighedAtStop } from '#domain/delivery/task.ts';
import * as produceStore from '#store/produce.ts';
import * as lotStore from '#store/lots.ts';
import * as produceCreditStore from '#store/produce-credits.ts';
import * as taskStore from '#store/tasks.ts';
import * as messageStore from '#store/messages.ts';
import { newId } from '#shared/ids.ts';
import { stationCashRead } from '#store/station-cash.ts';
import * as statementStore from '#store/statements.ts';
import * as tabStore from '#store/tabs.ts';
import * as produceSoldStore from '#store/produce-sold.ts';
import type { produceApi } from './api.ts';

/** The figures the villager is shown and read before accepting: one read of today's price, nothing written. */
export const quoteWeighTicket: RouteHandler<typeof produceApi.quoteWeighTicket> = async (req) => {
  return { status: 200, body: quote(await produceStore.quoteRead(req.body.code), req.body) };
};

/**
 * One BatchGetItem (station and balances, villager, credit, today's price, the
 * open lot) and one TransactWriteItems: the ticket, its lot (opened or added
 * to), the entry with the balances, the villager's credit, the month's figures.
 */
export const writeWeighTicket: RouteHandler<typeof produceApi.writeWeighTicket> = (req) => {
  const { stationId } = req.params;
  const { villagerId, code, grade } = req.body;
  return runCommand(req.idempotency, {
    reads: [
      stationCashRead(stationId),
      produceStore.villagerRead(stationId, villagerId),
      produceCreditStore.read(stationId, villagerId),
      produceStore.read(code),
      lotStore.openRead(stationId, code, grade),
      produceStore.taskRead(stationId, req.body.taskId),
      tabStore.read(stationId, villagerId),
    ],
    plan: async ([{ balances }, villager, creditFen, produce, openLotId, task, tab]) => {
      const messageId = newId('message', req.now.getTime());
      const t = writeTicket({
        stationId,
        villager,
        produce,
        balances,
        creditFen,
        openLotId,
        input: req.body,
        by: req.principal.sub,
        messageId,
        tab,
        now: req.now,
      });
      // At a stop of a run: the PRODUCE task lists the ticket, and its weight is what the tricycle carries back.
      const atStop = req.body.taskId ? weighedAtStop(task, villager.villageId, t.ticket, req.now) : undefined;
      const refusal = () => drawerShort(msg('drawer-short.produce', { drawerFen: balances.drawerFen, amountFen: t.ticket.amountFen }));
      return {
        status: 201,
        body: { ...t.ticket, villagerCreditFen: t.creditFen },
        writes: [
          ...(t.newLot ? [lotStore.putTicket(t.ticket), ...lotStore.open(t.newLot)] : lotStore.addTicket(t.ticket)),
          ...ledgerStore.post(t.entry, { kind: 'cover', refusal }),
          ...(t.creditFen !== creditFen ? [produceCreditStore.add(stationId, villagerId, t.creditFen - creditFen, t.ticket.at)] : []),
          ...(t.tab ? [tabStore.save(t.tab.before, t.tab.after)] : []),
          produceSoldStore.add(stationId, villagerId, t.ticket.amountFen, t.ticket.at),
          produceStore.villagerStillThere(stationId, villagerId),
          ...(atStop ? [taskStore.save(atStop)] : []),
          statementStore.add(stationId, shanghaiMonth(req.now), t.statement),
          ...(t.message ? messageStore.queue(t.message, req.now) : []),
        ],
      };
    },
  });
};
