import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { RoadDistances } from '#domain/delivery/distance.ts';
import type { Run } from '#domain/delivery/run.ts';
import type { Task } from '#domain/delivery/task.ts';
import { ConflictError, NotFoundError } from '#shared/errors.ts';
import { assertStationAccess, type Principal } from '#domain/access.ts';
import type { Write } from './command.ts';
import { db, tableName } from './db.ts';
import { withoutKeys } from './items.ts';
import { keys } from './keys.ts';
import { queryPage, type Page } from './query.ts';
import { msg } from '#shared/i18n/messages.ts';

const runItem = (run: Run) => ({ ...keys.run(run.runId), ...keys.runListing(run.stationId, run.date, run.runId), type: 'run', ...run });
const taskItem = (task: Task) => ({
  ...keys.task(task.stationId, task.taskId),
  ...keys.taskListing(task.stationId, task.date, task.status, task.taskId),
  type: 'task',
  ...task,
});

const versioned = (Item: Record<string, unknown>, version: number, what: 'run' | 'task'): Write => ({
  item: {
    Put: {
      TableName: tableName(),
      Item,
      ConditionExpression: version === 1 ? 'attribute_not_exists(pk)' : 'version = :previous',
      ...(version === 1 ? {} : { ExpressionAttributeValues: { ':previous': version - 1 } }),
    },
  },
  onConditionFailed: () => new ConflictError('changed-meanwhile', msg('changed-meanwhile.what', { what })),
});

export const runStore = {
  async getFor(principal: Principal, runId: string): Promise<Run> {
    const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.run(runId), ConsistentRead: true }));
    if (!Item) throw new NotFoundError('run');
    const run = withoutKeys<Run>(Item);
    assertStationAccess(principal, run.stationId, 'run');
    return run;
  },

  /** Created (version 1) or replaced if still the version read. */
  save: (run: Run): Write => versioned(runItem(run), run.version, 'run'),

  async list(stationId: string, date: string | undefined, limit: number, cursor?: string): Promise<Page<Run>> {
    const page = await queryPage({
      index: 'lookup',
      partition: keys.runsOfStation(stationId),
      ...(date ? { sortPrefix: `${date}#` } : {}),
      limit,
      cursor,
      newestFirst: true,
    });
    return { ...page, items: page.items.map((i) => withoutKeys<Run>(i)) };
  },
};

export const taskStore = {
  save: (task: Task): Write => versioned(taskItem(task), task.version, 'task'),

  /** A day's tasks; only the open ones when planning. */
  async ofDay(stationId: string, date: string, status?: string, limit = 100, cursor?: string): Promise<Page<Task>> {
    const page = await queryPage({
      index: 'collection',
      partition: keys.tasksOfDay(stationId, date),
      ...(status ? { sortPrefix: `${status}#` } : {}),
      limit,
      cursor,
    });
    return { ...page, items: page.items.map((i) => withoutKeys<Task>(i)) };
  },
};

export const roadStore = {
  /** All of a station's entered road distances (a few dozen at most), keyed as the planner wants them. */
  async get(stationId: string): Promise<RoadDistances> {
    const out: Record<string, number> = {};
    let cursor: string | undefined;
    do {
      const page = await queryPage({ partition: keys.station(stationId).pk, sortPrefix: keys.roadPrefix, limit: 100, cursor });
      for (const item of page.items) out[String(item.pair)] = Number(item.km);
      cursor = page.next;
    } while (cursor);
    return out;
  },

  /** One distance, one item: two partners entering different roads never overwrite each other. */
  async set(stationId: string, pair: string, km: number, now: Date): Promise<void> {
    await db().send(
      new PutCommand({ TableName: tableName(), Item: { ...keys.road(stationId, pair), type: 'road', stationId, pair, km, updatedAt: now.toISOString() } }),
    );
  },
};
