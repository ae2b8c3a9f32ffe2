import type { Task } from '#domain/delivery/task.ts';
import type { Order } from '#domain/order.ts';
import type { Villager } from '#domain/villager.ts';
import { getMany } from './batch.ts';
import { withoutKeys } from './items.ts';
import { keys } from './keys.ts';

/** A stop's (or a run's) orders and tasks in one BatchGetItem. */
export async function ordersAndTasks(stationId: string, orderIds: readonly string[], taskIds: readonly string[]) {
  const lookup = await getMany([...orderIds.map(keys.order), ...taskIds.map((id) => keys.task(stationId, id))]);
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
}

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

/** Which of these villagers were already served this month (for the statement's count). */
export async function servedThisMonth(stationId: string, month: string, villagerIds: readonly string[]): Promise<Set<string>> {
  const unique = [...new Set(villagerIds)];
  const lookup = await getMany(unique.map((id) => keys.served(stationId, month, id)));
  return new Set(unique.filter((id) => lookup(keys.served(stationId, month, id))));
}
