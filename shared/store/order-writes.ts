import type { Transition } from '#domain/order.ts';
import type { Write } from './command.ts';
import { ledgerStore, type CashGuard } from './ledger.ts';
import { orderStore } from './orders.ts';
import { statementStore } from './statements.ts';

/**
 * The writes of one money command on an order: the order (new, or replaced if
 * unchanged since read), its ledger entry with the balances, and the month's
 * statement counters, all for one TransactWriteItems.
 */
export function transitionWrites(t: Transition, options: { create?: boolean; guard: CashGuard; month: string }): Write[] {
  const writes = [options.create ? orderStore.create(t.order) : orderStore.save(t.order)];
  if (t.entry) writes.push(...ledgerStore.post(t.entry, options.guard));
  else writes.push(...ledgerStore.check(t.order.stationId, options.guard));
  if (t.statement) writes.push(statementStore.add(t.order.stationId, options.month, t.statement));
  return writes;
}
