import { completeStop as complete } from '#domain/delivery/run.ts';
import { shanghaiMonth } from '#domain/time.ts';
import { languageHeaders, problemOf } from '#http/problem.ts';
import type { RouteHandler } from '#http/route.ts';
import { runCommand } from '#store/command.ts';
import { ledgerStore } from '#store/ledger.ts';
import { orderStore } from '#store/orders.ts';
import { runStore, taskStore } from '#store/runs.ts';
import { statementStore } from '#store/statements.ts';
import type { deliveryApi } from './api.ts';
import { ordersAndTasks, servedThisMonth } from '#store/stop-context.ts';

export const completeStop: RouteHandler<typeof deliveryApi.completeStop> = (req) =>
  runCommand(req.idempotency, async () => {
    const { now } = req;
    const run = await runStore.getFor(req.principal, req.params.runId);
    const stop = run.trips.flatMap((t) => t.stops).find((s) => s.stopId === req.params.stopId);
    const { orders, tasks } = await ordersAndTasks(run.stationId, stop?.orderIds ?? [], stop?.pickups ?? []);
    const month = shanghaiMonth(now);
    const served = await servedThisMonth(
      run.stationId,
      month,
      [...orders.values()].map((o) => o.villagerId),
    );
    const result = complete(run, req.params.stopId, req.body.deliveries, req.body.pickups ?? [], orders, tasks, (v) => !served.has(v), now);
    if (!result.ok) {
      // Wrong codes are kept (and replayed, never counted twice) although the stop stays open.
      return {
        status: 422,
        body: problemOf(result.error, req.lang) as never,
        headers: { 'content-type': 'application/problem+json', ...languageHeaders(req.lang) },
        writes: result.wrongCodes.map(orderStore.save),
      };
    }
    const c = result.completion;
    const firstServed = [...new Set(c.orders.filter((o) => o.status === 'DELIVERED').map((o) => o.villagerId))].filter((v) => !served.has(v));
    const writes = [
      runStore.save(c.run),
      ...c.orders.map(orderStore.save),
      ...c.tasks.map(taskStore.save),
      ...ledgerStore.postMany(run.stationId, c.entries, { kind: 'cover' }),
      ...(Object.keys(c.statement).length ? [statementStore.add(run.stationId, month, c.statement)] : []),
      ...firstServed.map((v) => statementStore.markServed(run.stationId, month, v)),
    ];
    const done = c.run.trips.flatMap((t) => t.stops).find((s) => s.stopId === req.params.stopId)!;
    return { status: 200, body: { runId: c.run.runId, runStatus: c.run.status, stop: done, summary: c.run.summary }, writes };
  });
