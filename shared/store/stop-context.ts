import type { Task } from '#domain/delivery/task.ts';
import type { Order } from '#domain/order.ts';
import type { Villager } from '#domain/villager.ts';
import { getMany } from './batch.ts';
import { withoutKeys } from './items.ts';
import * as keys from './keys.ts';
import { read } from './reads.ts';

/** A stop's (or a run's) orders and tasks in one BatchGetItem. */
export async function ordersAndTasks(stationId: string, orderIds: readonly string[], taskIds: readonly string[]) {
  const items = ordersAndTasksRead(stationId, orderIds, taskIds);
  return items.from(await getMany(items.keys));
}

/** The same, as a command's read (fetched with its idempotency record). */
export const ordersAndTasksRead = (stationId: string, orderIds: readonly string[], taskIds: readonly string[]) =>
  read([...orderIds.map(keys.order), ...taskIds.map((id) => keys.task(stationId, id))], (lookup) => {
    const orders = new Map<string, Order>();
    const tasks = new Map<string, Task>();
    for (const id of orderIds) {
      const item = lookup(keys.order(id));
      if (item) orders.set(id, withoutKeys<Order>(item));
    }
    for (const id of taskIds) {
      const item = lookup(keys.task(stationId, id));
      if (item) tasks.set(id, withoutKeys<Task>(item));
    }
    return { orders, tasks };
  });

export async function villagersOf(stationId: string, villagerIds: readonly string[]): Promise<Map<string, Villager>> {
  const unique = [...new Set(villagerIds)];
  const lookup = await getMany(unique.map((id) => keys.villager(stationId, id)));
  const out = new Map<string, Villager>();
  for (const id of unique) {
    const item = lookup(keys.villager(stationId, id));
    if (item) out.set(id, withoutKeys<Villager>(item));
  }
  return out;
}
