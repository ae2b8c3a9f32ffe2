import type { Transition } from '#domain/order.ts';
import type { Write } from './command.ts';
import type { CashGuard } from './ledger.ts';
import * as ledgerStore from './ledger.ts';
import * as orderStore from './orders.ts';
import { villagerRegistered } from './produce.ts';
import * as produceCreditStore from './produce-credits.ts';
import * as messageStore from './messages.ts';
import * as statementStore from './statements.ts';
import { mentionsOf, mentionWrites, type Mention } from './mentions.ts';

/**
 * The writes of one money command on an order: the order (new, or replaced if
 * unchanged since read), its ledger entry with the balances, and the month's
 * statement counters, all for one TransactWriteItems.
 */
export function transitionWrites(
  t: Transition,
  options: {
    create?: boolean;
    guard: CashGuard;
    month: string;
    /** More items of the command holding free text about a villager (a return's record, a claim), listed with the order's and entry's. */
    mentions?: readonly Mention[];
  },
): Write[] {
  const writes = [options.create ? orderStore.create(t.order) : orderStore.save(t.order)];
  if (t.entry) writes.push(...ledgerStore.post(t.entry, options.guard));
  else writes.push(...ledgerStore.check(t.order.stationId, options.guard));
  if (t.statement) writes.push(statementStore.add(t.order.stationId, options.month, t.statement));
  if (t.message) writes.push(...messageStore.queue(t.message, new Date(t.order.updatedAt)));
  if (t.creditRefund) {
    // Back to the villager's credit (an ADD: never refused), on condition they are still registered; if they were
    // erased, the command learns it and plans again paying that part in cash (shared/domain/order.ts splitRefund).
    const { villagerId, amountFen } = t.creditRefund;
    writes.push(villagerRegistered(t.order.stationId, villagerId), produceCreditStore.add(t.order.stationId, villagerId, amountFen, t.order.updatedAt));
  }
  // A reason typed about the villager (a cancel's, a return's) is listed on their mentions, for their erasure to reach.
  const cancelled = t.order.status === 'CANCELLED' ? mentionsOf.order(t.order) : [];
  writes.push(...mentionWrites(t.order.stationId, [...cancelled, ...mentionsOf.entry(t.entry, t.order.villagerId), ...(options.mentions ?? [])]));
  return writes;
}
