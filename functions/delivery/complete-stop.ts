import { completeStop as complete } from '#domain/delivery/run.ts';
import { shanghaiMonth } from '#domain/time.ts';
import type { RouteHandler } from '#http/route.ts';
import { refuse, runCommand } from '#store/command.ts';
import { ledgerStore } from '#store/ledger.ts';
import { orderStore } from '#store/orders.ts';
import { runStore } from '#store/runs.ts';
import { taskStore } from '#store/tasks.ts';
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
    const result = complete({
      run,
      stopId: req.params.stopId,
      deliveries: req.body.deliveries,
      taskRecords: req.body.pickups ?? [],
      orders,
      tasks,
      firstServedThisMonth: (v) => !served.has(v),
      now,
    });
    if (!result.ok) {
      // Wrong codes are kept (and replayed, never counted twice) although the stop stays open.
      return refuse(result.error, result.wrongCodes.map(orderStore.save));
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
