import { balanceDelta, fold, tabFold, zeroTabBalances, type Balances, type Entry, type TabBalances } from './ledger.ts';
import type { Order } from './order.ts';
import type { Statement } from './statement.ts';
import type { Tab } from './tab.ts';
import { shanghaiMonth } from './time.ts';

/** One thing the ledger of a station gets wrong, with the ids an operator needs to look. */
export interface Discrepancy {
  stationId: string;
  rule: string;
  detail: string;
  entryId?: string;
  orderId?: string;
  month?: string;
}

/** What the auditor reads of one station: its whole journal, its kept balances, its orders and its months. */
export interface StationLedger {
  stationId: string;
  entries: readonly Entry[];
  balances: Balances;
  orders: readonly Order[];
  statements: readonly Statement[];
  /** The tab's kept balances and its villagers' tabs (docs/rules.md "The tab"); absent: none. */
  tabBalances?: TabBalances;
  tabs?: readonly Tab[];
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const drawerOf = (e: Entry) => balanceDelta(e).drawerFen;
/** Credit a villager spent on an order: paid without cash. */
const produceCreditSpentOf = (e: Entry) => (e.kind === 'CREDIT_PAYMENT' ? -balanceDelta(e).villagerCreditFen : 0);
/** What a sale on the tab put on the villager's tab. */
const tabSoldOf = (e: Entry) => (e.kind === 'TAB_SALE' ? tabFold([e]).tabOwedFen : 0);
/** What a cancellation took back off the villager's tab. */
const tabRefundedOf = (e: Entry) => (e.kind === 'REFUND' ? -tabFold([e]).tabOwedFen : 0);
/** What a cancel or a return gave back to the villager's credit (the part of the order paid with credit). */
const creditRefundedOf = (e: Entry) => (e.kind === 'REFUND' || e.kind === 'RETURN' ? balanceDelta(e).villagerCreditFen : 0);

/**
 * The ledger's invariants (docs/quality.md "Ledger invariants"), checked from
 * the entries alone: every entry balances; the kept balances are the fold of
 * the entries; the drawer is never negative; each order's money agrees with its
 * entries (refunds ≤ paid, and per source: credit given back ≤ credit spent,
 * cash given back ≤ cash taken, commission earned once and reversed at most
 * once); each month's statement counts the cash its entries moved. An empty
 * list is a clean ledger.
 */
export function auditStation(ledger: StationLedger): Discrepancy[] {
  const { stationId, entries } = ledger;
  const found: Discrepancy[] = [];
  const say = (rule: string, detail: string, ids: Omit<Discrepancy, 'stationId' | 'rule' | 'detail'> = {}) => found.push({ stationId, rule, detail, ...ids });

  for (const e of entries) {
    const total = sum(e.postings.map((p) => p.amountFen));
    if (total !== 0) say('entry-unbalanced', `postings sum to ${total} fen`, { entryId: e.entryId });
  }
  const folded = fold(entries);
  for (const [name, value] of Object.entries(folded) as [keyof Balances, number][]) {
    if (ledger.balances[name] !== value) say('balance-drift', `${name} is kept as ${ledger.balances[name]} fen, the entries say ${value} fen`);
  }
  if (folded.drawerFen < 0) say('drawer-negative', `the entries leave the drawer at ${folded.drawerFen} fen`);
  if (folded.villagerCreditFen < 0) say('credit-negative', `the entries leave villagers' credit at ${folded.villagerCreditFen} fen`);
  const creditByVillager = Map.groupBy(
    entries.filter((e) => e.villagerId && e.postings.some((p) => p.account === 'villagerCredit')),
    (e) => e.villagerId!,
  );
  for (const [villagerId, mine] of creditByVillager) {
    const credit = fold(mine).villagerCreditFen;
    if (credit < 0) say('villager-credit-negative', `villager ${villagerId}'s entries leave their credit at ${credit} fen`);
  }
  auditTabs(ledger, say);
  const dispatches = Map.groupBy(
    entries.filter((e) => e.kind === 'PRODUCE_DISPATCHED'),
    (e) => e.lotId ?? '',
  );
  for (const [lotId, mine] of dispatches) if (mine.length > 1) say('fee-twice', `lot ${lotId} earned its handling fee ${mine.length} times`);

  const byOrder = Map.groupBy(
    entries.filter((e) => e.orderId),
    (e) => e.orderId!,
  );
  for (const order of ledger.orders) {
    const mine = byOrder.get(order.orderId) ?? [];
    const cashIn = sum(mine.map(drawerOf).filter((d) => d > 0));
    const creditIn = sum(mine.map(produceCreditSpentOf));
    const cashOut = -sum(mine.map(drawerOf).filter((d) => d < 0));
    const creditOut = sum(mine.map(creditRefundedOf));
    const tabIn = sum(mine.map(tabSoldOf));
    const received = cashIn + creditIn + tabIn;
    const tabOut = sum(mine.map(tabRefundedOf));
    const refunded = cashOut + creditOut + tabOut;
    const ids = { orderId: order.orderId };
    if ((order.refundedToTabFen ?? 0) !== tabOut)
      say('order-refunded-to-tab', `the order says ${order.refundedToTabFen ?? 0} fen taken off the tab, its entries ${tabOut} fen`, ids);
    if (tabOut > tabIn) say('tab-refund-over-sold', `${tabOut} fen taken off the tab of ${tabIn} fen sold on it`, ids);
    if ((order.paidByTabFen ?? 0) !== tabIn)
      say('order-paid-by-tab', `the order says ${order.paidByTabFen ?? 0} fen sold on the tab, its entries ${tabIn} fen`, ids);
    if (order.paidFen !== received) say('order-paid', `the order says ${order.paidFen} fen paid, its entries ${received} fen`, ids);
    if (order.refundedFen !== refunded) say('order-refunded', `the order says ${order.refundedFen} fen refunded, its entries ${refunded} fen`, ids);
    if (refunded > received) say('refund-over-paid', `${refunded} fen refunded of ${received} fen paid`, ids);
    if ((order.refundedToCreditFen ?? 0) !== creditOut) {
      say('order-refunded-to-credit', `the order says ${order.refundedToCreditFen ?? 0} fen refunded to credit, its entries ${creditOut} fen`, ids);
    }
    if (creditOut > creditIn) say('credit-refund-over-paid', `${creditOut} fen given back to credit of ${creditIn} fen paid with credit`, ids);
    // An order kept before credit payments were told apart holds none of its earlier ones (paidByCreditFen absent, or
    // counting only later ones): those count as cash for its refunds, as the refund rule read them (splitRefund).
    const paidByCredit = order.paidByCreditFen ?? 0;
    if (paidByCredit > creditIn) say('order-paid-by-credit', `the order says ${paidByCredit} fen paid with credit, its entries ${creditIn} fen`, ids);
    // Cash that stood for credit (an erased villager's) is the credit part, not more cash than was taken.
    const cashForCash = cashOut - (order.creditRefundedInCashFen ?? 0);
    const takenAsCash = cashIn + Math.max(0, creditIn - paidByCredit);
    if (cashForCash > takenAsCash) say('cash-refund-over-paid', `${cashForCash} fen refunded in cash of ${takenAsCash} fen taken as cash`, ids);
    const handovers = mine.filter((e) => e.kind === 'HANDOVER');
    if (handovers.length > 1) say('commission-twice', `${handovers.length} hand-over entries`, ids);
    const earned = sum(handovers.map((e) => balanceDelta(e).commissionEarnedFen));
    const reversed = -sum(mine.filter((e) => e.kind === 'RETURN').map((e) => balanceDelta(e).commissionEarnedFen));
    if (reversed < 0 || reversed > earned) say('commission-reversal', `${reversed} fen reversed of ${earned} fen earned`, ids);
    if (order.commissionEarnedFen !== earned - reversed) {
      say('order-commission', `the order says ${order.commissionEarnedFen} fen earned, its entries ${earned - reversed} fen`, ids);
    }
  }

  const byMonth = Map.groupBy(entries, (e) => shanghaiMonth(new Date(e.at)));
  for (const statement of ledger.statements) {
    const month = byMonth.get(statement.month) ?? [];
    const ofKind = (...kinds: Entry['kind'][]) => month.filter((e) => kinds.includes(e.kind));
    const expected: Partial<Statement> = {
      cashCollectedFen: sum(ofKind('PAYMENT', 'HANDOVER').map(drawerOf)),
      refundsFen: -sum(ofKind('REFUND', 'RETURN').map(drawerOf)),
      refundsToCreditFen: fold(ofKind('REFUND', 'RETURN')).villagerCreditFen,
      remittedFen: -sum(ofKind('REMITTANCE_CONFIRMED').map((e) => balanceDelta(e).pendingRemittancesFen)),
      varianceFen: fold(month).varianceFen,
      // Orders' commission; a bill's commission, produce handling fees and the tab's commission as repaid are counted apart.
      commissionFen: fold(month.filter((e) => !['BILL_COMMISSION', 'PRODUCE_DISPATCHED', 'PARCEL_FEE', 'TAB_REPAID', 'PRODUCE_BOUGHT'].includes(e.kind)))
        .commissionEarnedFen,
      billCommissionFen: fold(ofKind('BILL_COMMISSION')).commissionEarnedFen,
      // A ticket that repaid a tab moved what the station owes only by the commission it earned.
      producePaidFen:
        -fold(ofKind('PRODUCE_BOUGHT')).dueToPlatformFen - fold(ofKind('PRODUCE_BOUGHT')).commissionEarnedFen - tabFold(ofKind('PRODUCE_BOUGHT')).tabOwedFen,
      // Net of cancellations: a cancelled order's tab sale is taken off, and its commission no longer held.
      tabSalesFen: tabFold(ofKind('TAB_SALE', 'REFUND')).tabOwedFen,
      commissionHeldFen: tabFold(ofKind('TAB_SALE', 'REFUND')).commissionHeldFen,
      tabRepaidFen: -tabFold(ofKind('TAB_REPAID', 'PRODUCE_BOUGHT')).tabOwedFen,
      tabCommissionEarnedFen: fold(ofKind('TAB_REPAID', 'PRODUCE_BOUGHT')).commissionEarnedFen,
      tabWrittenOffFen: -tabFold(ofKind('TAB_WRITTEN_OFF')).tabOwedFen,
      tabCommissionForfeitedFen: -tabFold(ofKind('TAB_WRITTEN_OFF')).commissionHeldFen,
      produceFeeFen: fold(ofKind('PRODUCE_DISPATCHED')).commissionEarnedFen,
      parcelFeesFen: fold(ofKind('PARCEL_FEE')).commissionEarnedFen,
      creditPaidOutFen: -fold(ofKind('CREDIT_PAYOUT')).drawerFen,
    };
    for (const [name, value] of Object.entries(expected) as [keyof Statement, number][]) {
      if (statement[name] !== value)
        say('statement-drift', `${name} is ${statement[name]} fen, the month's entries say ${value} fen`, { month: statement.month });
    }
  }
  return found;
}

/**
 * The tab's invariants: its kept balances are the fold of its entries; each
 * villager's tab owes what its entries say, never less than nothing, never
 * more repaid on a sale than it came to; its held commission is earned or
 * forfeited at most once in total (all of it once repaid or written off), and
 * what is still held is the ledger's.
 */
function auditTabs(ledger: StationLedger, say: (rule: string, detail: string) => void): void {
  const folded = tabFold(ledger.entries);
  const kept = ledger.tabBalances ?? zeroTabBalances;
  for (const [name, value] of Object.entries(folded) as [keyof TabBalances, number][]) {
    if (kept[name] !== value) say('tab-balance-drift', `${name} is kept as ${kept[name]} fen, the entries say ${value} fen`);
  }
  let stillHeld = 0;
  for (const tab of ledger.tabs ?? []) {
    const who = `villager ${tab.villagerId}'s tab`;
    const mine = tabFold(ledger.entries.filter((e) => e.villagerId === tab.villagerId));
    if (tab.owedFen !== mine.tabOwedFen) say('tab-owed', `${who} owes ${tab.owedFen} fen, its entries say ${mine.tabOwedFen} fen`);
    if (tab.owedFen < 0) say('tab-negative', `${who} owes ${tab.owedFen} fen`);
    if (tab.owedFen !== sum(tab.sales.map((s) => s.amountFen - s.repaidFen)) && tab.status !== 'CLOSED')
      say('tab-sales', `${who}: its sales do not add up to what it owes`);
    for (const s of tab.sales) {
      if (s.repaidFen > s.amountFen || s.earnedFen > s.heldFen) say('tab-overrepaid', `${who}: order ${s.orderId} repaid or earned more than it came to`);
    }
    const held = tab.heldFen - tab.earnedFen - tab.forfeitedFen;
    if (held < 0) say('tab-commission-twice', `${who} earned or forfeited ${tab.earnedFen + tab.forfeitedFen} fen of ${tab.heldFen} fen held`);
    if ((tab.status === 'CLOSED' || tab.owedFen === 0) && held !== 0)
      say('tab-commission-left', `${who} still holds ${held} fen of commission with nothing owed`);
    if (held !== mine.commissionHeldFen) say('tab-commission-held', `${who} holds ${held} fen of commission, its entries ${mine.commissionHeldFen} fen`);
    stillHeld += held;
  }
  if (stillHeld !== folded.commissionHeldFen)
    say('tab-commission-held', `the tabs hold ${stillHeld} fen of commission, the ledger ${folded.commissionHeldFen} fen`);
}
