import type { StationLedger } from '#domain/audit.ts';
import type { Entry } from '#domain/ledger.ts';
import type { Order } from '#domain/order.ts';
import { withoutKeys } from './items.ts';
import * as keys from './keys.ts';
import type { Tab } from '#domain/tab.ts';
import { balancesOf, tabBalancesOf } from './ledger.ts';
import { queryPage, type PageRequest } from './query.ts';
import { statementOf } from './statements.ts';

/** Every item of a collection, page by page (Query, never Scan); `pages` counts the round trips. */
async function everything(request: Omit<PageRequest, 'limit' | 'cursor'>, counter: { pages: number }): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let cursor: string | undefined;
  do {
    const page = await queryPage({ ...request, limit: 500, cursor });
    counter.pages++;
    out.push(...page.items);
    cursor = page.next;
  } while (cursor);
  return out;
}

/**
 * One station's whole ledger for the auditor: its partition (journal, balances,
 * statements) and its orders by the station's order index. The read grows with
 * the station's own history, never with the network's.
 */
export async function readStationLedger(stationId: string): Promise<StationLedger & { pages: number }> {
  const counter = { pages: 0 };
  const [own, orders] = await Promise.all([
    everything({ partition: keys.station(stationId).pk }, counter),
    everything({ index: 'lookup', partition: keys.ordersOfStation(stationId) }, counter),
  ]);
  return {
    stationId,
    entries: own.filter((i) => i.type === 'entry').map((i) => withoutKeys<Entry>(i)),
    balances: balancesOf(own.find((i) => i.type === 'cash')),
    orders: orders.map((i) => withoutKeys<Order>(i)),
    statements: own.filter((i) => i.type === 'statement').map((i) => statementOf(String(i.month), i)),
    tabBalances: tabBalancesOf(own.find((i) => i.type === 'cash')),
    tabs: own.filter((i) => i.type === 'tab').map((i) => withoutKeys<Tab>(i)),
    pages: counter.pages,
  };
}
