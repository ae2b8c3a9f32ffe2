import { newId } from '#shared/ids.ts';

/** A bill's cash taken (pending), its commission earned (paid), its cash handed back (failed): shared/domain/bill.ts. */
const billEntryKinds = ['BILL_PAYMENT', 'BILL_COMMISSION', 'BILL_REFUND'] as const;

/**
 * A station's cash ledger (docs/rules.md "Cash"). Every movement of money is an
 * immutable entry whose postings sum to zero (debits positive, credits
 * negative). Balances are shown the way a partner reads them:
 *   drawer              = Σ drawer postings          (cash in the shop)
 *   pendingRemittances  = Σ inTransit postings       (remitted, not yet confirmed by ops)
 *   dueToPlatform       = −Σ dueToPlatform postings  (what the partner owes)
 *   commissionEarned    = −Σ commissionEarned postings
 *   variance            = −Σ cashVariance postings   (counted minus expected, summed)
 *   villagerCredit      = −Σ villagerCredit postings (what the station owes villagers for produce)
 * so that drawer + pendingRemittances = dueToPlatform + commissionEarned + variance + villagerCredit, always.
 * A villager's tab (docs/rules.md "The tab") is the platform's goods sold on
 * deferred payment: it moves none of those, and keeps accounts of its own
 * (`TabBalances`):
 *   tabOwed        = Σ villagerTab postings     (what villagers owe the platform on their tabs)
 *   tabPlatform    = −Σ platformTab postings    (of that, the platform's part)
 *   commissionHeld = −Σ commissionHeld postings (of that, the partner's commission, held until repaid)
 * so that tabOwed = tabPlatform + commissionHeld, always.
 * A produce lot's handling fee is earned like commission (it is the station's
 * income); the statement tells the two apart by the entry's kind.
 */
export const accounts = [
  'drawer',
  'inTransit',
  'dueToPlatform',
  'commissionEarned',
  'cashVariance',
  'villagerCredit',
  'villagerTab',
  'platformTab',
  'commissionHeld',
] as const;
export type Account = (typeof accounts)[number];

export interface Posting {
  account: Account;
  amountFen: number;
}

export const entryKinds = [
  'PAYMENT',
  'HANDOVER',
  /** An order cancelled: what was paid goes back, cash from the drawer and credit to the villager's credit (shared/domain/order.ts `splitRefund`). */
  'REFUND',
  /** Goods returned: the refund (as for REFUND) and the commission reversed. */
  'RETURN',
  'REMITTANCE',
  'REMITTANCE_CONFIRMED',
  'REMITTANCE_REJECTED',
  'CASH_COUNT',
  ...billEntryKinds,
  /** A weigh ticket accepted: paid from the drawer or owed to the villager as credit; the platform owes the station the amount. */
  'PRODUCE_BOUGHT',
  /** A villager's credit paid out in cash. */
  'CREDIT_PAYOUT',
  /** A villager's credit spent on their own order: no cash moves. */
  'CREDIT_PAYMENT',
  /** A produce lot taken by the platform's truck: the handling fee of its tickets earned. */
  'PRODUCE_DISPATCHED',
  /** A parcel handed over: the courier's handling fee earned by the station, like commission (shared/domain/parcel.ts). */
  'PARCEL_FEE',
  /** Goods sold on a villager's tab: owed to the platform by the due date, the partner's commission on it held (shared/domain/tab.ts). */
  'TAB_SALE',
  /** A tab repaid, in cash into the drawer or from a weigh ticket: the held commission earned pro rata. */
  'TAB_REPAID',
  /** A tab written off by ops: what was owed is the platform's loss, the commission still held forfeited. */
  'TAB_WRITTEN_OFF',
] as const;
export type EntryKind = (typeof entryKinds)[number];

export interface Entry {
  entryId: string;
  stationId: string;
  kind: EntryKind;
  postings: Posting[];
  at: string;
  orderId?: string;
  returnId?: string;
  remittanceId?: string;
  billPaymentId?: string;
  reference?: string;
  reason?: string;
  villagerId?: string;
  ticketId?: string;
  lotId?: string;
  parcelId?: string;
  confirmationId?: string;
}

export interface Balances {
  drawerFen: number;
  /** Remitted, set aside from the drawer, until ops confirm the money arrived (or reject it: back to the drawer). */
  pendingRemittancesFen: number;
  dueToPlatformFen: number;
  commissionEarnedFen: number;
  varianceFen: number;
  /** What the station owes villagers for produce they sold on credit (never negative). */
  villagerCreditFen: number;
}

export const zeroBalances: Balances = {
  drawerFen: 0,
  pendingRemittancesFen: 0,
  dueToPlatformFen: 0,
  commissionEarnedFen: 0,
  varianceFen: 0,
  villagerCreditFen: 0,
};

/** The cash the station still answers for: the drawer and what it remitted that ops have not confirmed. The cash limit is on this. */
export const cashHeld = (b: Balances) => b.drawerFen + b.pendingRemittancesFen;

/** The building blocks; an entry may combine several (a hand-over takes cash and earns commission). */
export const movements = {
  cashReceived: (fen: number): Posting[] => [
    { account: 'drawer', amountFen: fen },
    { account: 'dueToPlatform', amountFen: -fen },
  ],
  cashRefunded: (fen: number): Posting[] => [
    { account: 'drawer', amountFen: -fen },
    { account: 'dueToPlatform', amountFen: fen },
  ],
  commissionEarned: (fen: number): Posting[] => [
    { account: 'dueToPlatform', amountFen: fen },
    { account: 'commissionEarned', amountFen: -fen },
  ],
  commissionReversed: (fen: number): Posting[] => [
    { account: 'dueToPlatform', amountFen: -fen },
    { account: 'commissionEarned', amountFen: fen },
  ],
  /** Out of the drawer at once, into transit: it cannot be spent twice, but nothing is owed less yet. */
  remitted: (fen: number): Posting[] => [
    { account: 'drawer', amountFen: -fen },
    { account: 'inTransit', amountFen: fen },
  ],
  /** Ops confirm the money arrived: what the station owes drops. */
  remittanceConfirmed: (fen: number): Posting[] => [
    { account: 'inTransit', amountFen: -fen },
    { account: 'dueToPlatform', amountFen: fen },
  ],
  /** Ops reject it: the cash is the drawer's again. */
  remittanceRejected: (fen: number): Posting[] => [
    { account: 'inTransit', amountFen: -fen },
    { account: 'drawer', amountFen: fen },
  ],
  /** counted − expected: a shortage is negative. */
  counted: (varianceFen: number): Posting[] => [
    { account: 'drawer', amountFen: varianceFen },
    { account: 'cashVariance', amountFen: -varianceFen },
  ],
  /** Produce bought for cash: out of the drawer, and the platform owes the station that much (what the station owes drops). */
  produceBoughtForCash: (fen: number): Posting[] => [
    { account: 'drawer', amountFen: -fen },
    { account: 'dueToPlatform', amountFen: fen },
  ],
  /** Produce bought on credit: the station owes the villager, the platform owes the station. */
  produceBoughtOnCredit: (fen: number): Posting[] => [
    { account: 'villagerCredit', amountFen: -fen },
    { account: 'dueToPlatform', amountFen: fen },
  ],
  /** A villager's credit paid out from the drawer. */
  creditPaidOut: (fen: number): Posting[] => [
    { account: 'drawer', amountFen: -fen },
    { account: 'villagerCredit', amountFen: fen },
  ],
  /** Credit spent on an order: the villager is owed less, the station owes the platform for the goods as if paid in cash. */
  creditSpent: (fen: number): Posting[] => [
    { account: 'villagerCredit', amountFen: fen },
    { account: 'dueToPlatform', amountFen: -fen },
  ],
  /** A refund of what was paid with credit, back to the credit: the mirror of `creditSpent` (no cash moves). */
  creditRefunded: (fen: number): Posting[] => [
    { account: 'villagerCredit', amountFen: -fen },
    { account: 'dueToPlatform', amountFen: fen },
  ],
  /** Sold on a tab: the villager owes the platform; of it, `heldFen` is the partner's commission, held. Nothing the station owes moves. */
  tabSold: (fen: number, heldFen: number): Posting[] => [
    { account: 'villagerTab', amountFen: fen },
    { account: 'platformTab', amountFen: -(fen - heldFen) },
    { account: 'commissionHeld', amountFen: -heldFen },
  ],
  /** Repaid (the cash or the produce is the platform's): the villager owes less, and the held commission `earnedFen` is the partner's. */
  tabRepaid: (fen: number, earnedFen: number): Posting[] => [
    { account: 'villagerTab', amountFen: -fen },
    { account: 'platformTab', amountFen: fen - earnedFen },
    { account: 'commissionHeld', amountFen: earnedFen },
    { account: 'dueToPlatform', amountFen: earnedFen },
    { account: 'commissionEarned', amountFen: -earnedFen },
  ],
  /** A sale taken off the tab (its order cancelled before any of it was repaid): as if never sold, its held commission released. */
  tabSaleCancelled: (fen: number, heldFen: number): Posting[] => [
    { account: 'villagerTab', amountFen: -fen },
    { account: 'platformTab', amountFen: fen - heldFen },
    { account: 'commissionHeld', amountFen: heldFen },
  ],
  /** Written off: the platform's loss, and the commission still held forfeited (the partner never had it). */
  tabWrittenOff: (fen: number, forfeitedFen: number): Posting[] => [
    { account: 'villagerTab', amountFen: -fen },
    { account: 'platformTab', amountFen: fen - forfeitedFen },
    { account: 'commissionHeld', amountFen: forfeitedFen },
  ],
};

export class UnbalancedEntryError extends Error {}

/** Nets the postings per account, drops zeros, and refuses anything that does not sum to zero. */
export function makeEntry(fields: Omit<Entry, 'entryId' | 'postings' | 'at'> & { at: Date }, ...movementsOfEntry: Posting[][]): Entry | undefined {
  const net = new Map<Account, number>();
  for (const p of movementsOfEntry.flat()) {
    if (!Number.isSafeInteger(p.amountFen)) throw new UnbalancedEntryError(`not whole fen: ${p.amountFen}`);
    net.set(p.account, (net.get(p.account) ?? 0) + p.amountFen);
  }
  const postings = accounts.filter((a) => (net.get(a) ?? 0) !== 0).map((account) => ({ account, amountFen: net.get(account)! }));
  if (postings.reduce((s, p) => s + p.amountFen, 0) !== 0) throw new UnbalancedEntryError(`entry does not balance: ${JSON.stringify(postings)}`);
  if (postings.length === 0) return undefined;
  const { at, ...rest } = fields;
  return { entryId: newId('entry', at.getTime()), ...rest, postings, at: at.toISOString() };
}

/** How an entry changes the balances as shown. */
export function balanceDelta(entry: Entry | undefined): Balances {
  const d = { ...zeroBalances };
  for (const p of entry?.postings ?? []) {
    if (p.account === 'drawer') d.drawerFen += p.amountFen;
    else if (p.account === 'inTransit') d.pendingRemittancesFen += p.amountFen;
    else if (p.account === 'dueToPlatform') d.dueToPlatformFen -= p.amountFen;
    else if (p.account === 'commissionEarned') d.commissionEarnedFen -= p.amountFen;
    else if (p.account === 'villagerCredit') d.villagerCreditFen -= p.amountFen;
    else if (p.account === 'cashVariance') d.varianceFen -= p.amountFen;
  }
  return d;
}

export const plus = (a: Balances, b: Balances): Balances => ({
  drawerFen: a.drawerFen + b.drawerFen,
  pendingRemittancesFen: a.pendingRemittancesFen + b.pendingRemittancesFen,
  dueToPlatformFen: a.dueToPlatformFen + b.dueToPlatformFen,
  commissionEarnedFen: a.commissionEarnedFen + b.commissionEarnedFen,
  varianceFen: a.varianceFen + b.varianceFen,
  villagerCreditFen: a.villagerCreditFen + b.villagerCreditFen,
});

/** Balances as the fold of all entries: what the kept balances must always equal. */
export function fold(entries: readonly Entry[]): Balances {
  return entries.map(balanceDelta).reduce(plus, zeroBalances);
}

/** The tab's own balances (see `accounts`): what villagers owe the platform, the platform's part of it, and the commission held. */
export interface TabBalances {
  tabOwedFen: number;
  tabPlatformFen: number;
  commissionHeldFen: number;
}

export const zeroTabBalances: TabBalances = { tabOwedFen: 0, tabPlatformFen: 0, commissionHeldFen: 0 };

export function tabFold(entries: readonly (Entry | undefined)[]): TabBalances {
  const b = { ...zeroTabBalances };
  for (const p of entries.flatMap((e) => e?.postings ?? [])) {
    if (p.account === 'villagerTab') b.tabOwedFen += p.amountFen;
    else if (p.account === 'platformTab') b.tabPlatformFen -= p.amountFen;
    else if (p.account === 'commissionHeld') b.commissionHeldFen -= p.amountFen;
  }
  return b;
}
