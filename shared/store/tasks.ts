import type { Task } from '#domain/delivery/task.ts';
import type { Write } from './command.ts';
import { withoutKeys } from './items.ts';
import * as keys from './keys.ts';
import { queryPage, type Page } from './query.ts';
import { putVersioned } from './versioned.ts';

const taskItem = (task: Task) => ({
  ...keys.task(task.stationId, task.taskId),
  ...keys.taskListing(task.stationId, task.date, task.status, task.taskId),
  type: 'task',
  ...task,
});

export const save = (task: Task): Write => putVersioned(taskItem(task), 'task');

/** A day's tasks; only the open ones when planning. */
export async function ofDay(stationId: string, date: string, status?: string, limit = 100, cursor?: string): Promise<Page<Task>> {
  const page = await queryPage({
    index: 'collection',
    partition: keys.tasksOfDay(stationId, date),
    ...(status ? { sortPrefix: `${status}#` } : {}),
    limit,
    cursor,
  });
  return { ...page, items: page.items.map((i) => withoutKeys<Task>(i)) };
}
