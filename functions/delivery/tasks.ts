import { bookTask as book } from '#domain/delivery/task.ts';
import { requireVillage } from '#domain/station.ts';
import { NotFoundError } from '#shared/errors.ts';
import type { RouteHandler } from '#http/route.ts';
import { runCommand } from '#store/command.ts';
import * as taskStore from '#store/tasks.ts';
import { mentionsOf, mentionWrites } from '#store/mentions.ts';
import * as stationStore from '#store/stations.ts';
import * as villagerStore from '#store/villagers.ts';
import type { deliveryApi } from './api.ts';

export const bookTask: RouteHandler<typeof deliveryApi.bookTask> = (req) =>
  runCommand(req.idempotency, {
    reads: [],
    plan: async () => {
      const { stationId } = req.params;
      const station = await stationStore.get(stationId);
      requireVillage(station, req.body.villageId);
      if (req.body.villagerId && !(await villagerStore.find(stationId, req.body.villagerId))) throw new NotFoundError('villager');
      const task = book(stationId, req.body, req.now);
      return { status: 201, body: task, writes: [taskStore.save(task), ...mentionWrites(stationId, mentionsOf.task(task))] };
    },
  });

export const listTasks: RouteHandler<typeof deliveryApi.listTasks> = async (req) => ({
  status: 200,
  body: await taskStore.ofDay(req.params.stationId, req.query.date, req.query.status, req.query.limit ?? 50, req.query.next),
});
