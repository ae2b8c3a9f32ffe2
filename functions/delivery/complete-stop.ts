import { codeMatches } from '#shared/codes.ts';
import { derivedId } from '#shared/derived-ids.ts';
import { jobsAtHandOver } from '#domain/after-sales.ts';
import { completeStop as complete } from '#domain/delivery/run.ts';
import { shanghaiMonth } from '#domain/time.ts';
import type { RouteHandler } from '#http/route.ts';
import { refuse, runCommand } from '#store/command.ts';
import * as installationStore from '#store/installations.ts';
import * as ledgerStore from '#store/ledger.ts';
import * as orderStore from '#store/orders.ts';
import * as parcelStore from '#store/parcels.ts';
import * as riskStore from '#store/risk.ts';
import * as runStore from '#store/runs.ts';
import * as taskStore from '#store/tasks.ts';
import { mentionsOf, mentionWrites } from '#store/mentions.ts';
import * as statementStore from '#store/statements.ts';
import { servedFact } from '#store/facts.ts';
import type { deliveryApi } from './api.ts';
import { ordersAndTasksRead } from '#store/stop-context.ts';

/**
 * One read round trip: the run, and the parcels and pick-ups the partner
 * recorded (named in the body), with the idempotency record; then one write.
 * The domain checks they are exactly the stop's.
 */
export const completeStop: RouteHandler<typeof deliveryApi.completeStop> = (req) => {
  const stationId = req.principal.stationId!;
  const items = ordersAndTasksRead(
    stationId,
    req.body.deliveries.map((d) => d.orderId),
    (req.body.pickups ?? []).map((p) => p.taskId),
  );
  const parcelRecords = req.body.parcels ?? [];
  return runCommand(req.idempotency, {
    reads: [runStore.readFor(req.principal, req.params.runId), items, parcelStore.readMany(parcelRecords.map((p) => p.parcelId))],
    plan: async ([run, { orders, tasks }, parcels], attempt) => {
      const { now } = req;
      const month = shanghaiMonth(now);
      const served = (villagerId: string) => attempt.knows(servedFact(run.stationId, month, villagerId));
      const result = complete({
        run,
        stopId: req.params.stopId,
        deliveries: req.body.deliveries,
        taskRecords: req.body.pickups ?? [],
        parcelRecords,
        orders,
        tasks,
        parcels,
        parcelFeeEntryId: (parcelId) => derivedId('entry', parcelId, 'PARCEL_FEE'),
        codeMatches,
        firstServedThisMonth: (v) => !served(v),
        now,
      });
      if (!result.ok) {
        // Wrong codes are kept (and replayed, never counted twice) although the stop stays open.
        const wrongCodes = result.wrongCodes.length + result.wrongParcels.length;
        return refuse(result.error, [
          ...result.wrongCodes.flatMap((o) => orderStore.saveWrongCode(o)),
          ...result.wrongParcels.flatMap((p) => parcelStore.save(p)),
          riskStore.add(run.stationId, now, { wrongCodes }),
        ]);
      }
      const c = result.completion;
      const firstServed = [...new Set(c.orders.filter((o) => o.status === 'DELIVERED').map((o) => o.villagerId))].filter((v) => !served(v));
      const writes = [
        runStore.save(c.run),
        ...c.orders.map(orderStore.save),
        ...c.tasks.map(taskStore.save),
        ...c.parcels.flatMap((p) => parcelStore.save(p)),
        ...ledgerStore.postMany(run.stationId, c.entries, { kind: 'cover' }),
        ...(Object.keys(c.statement).length ? [statementStore.add(run.stationId, month, c.statement)] : []),
        ...firstServed.map((v) => statementStore.markServed(run.stationId, month, v)),
        // What was delivered and needs installing gets its jobs in the same transaction.
        ...c.orders.filter((o) => o.status === 'DELIVERED').flatMap((o) => jobsAtHandOver(o, now).map(installationStore.create)),
        // Why a parcel failed, and notes on pick-ups, are free text about villagers: listed for their erasure to reach.
        ...mentionWrites(run.stationId, [
          ...req.body.deliveries
            .filter((d) => d.outcome === 'FAILED')
            .flatMap((d) => {
              const o = orders.get(d.orderId);
              return o ? [...mentionsOf.order({ ...o, lastFailedDelivery: { at: '', reason: '' } }), ...mentionsOf.run(run.runId, o.villagerId)] : [];
            }),
          ...c.tasks.flatMap(mentionsOf.task),
        ]),
      ];
      const done = c.run.trips.flatMap((t) => t.stops).find((s) => s.stopId === req.params.stopId)!;
      return { status: 200, body: { runId: c.run.runId, runStatus: c.run.status, stop: done, summary: c.run.summary }, writes };
    },
  });
};
