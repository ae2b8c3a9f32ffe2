import type { Message } from '#domain/message.ts';
import * as messageStore from './messages.ts';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { assertStationAccess, type Principal } from '#domain/access.ts';
import { maskAccountNo, type Biller, type BillPayment, type BillStatus } from '#domain/bill.ts';
import type { Entry } from '#domain/ledger.ts';
import type { StatementDelta } from '#domain/statement.ts';
import type { Station } from '#domain/station.ts';
import type { Villager } from '#domain/villager.ts';
import { shanghaiMonth, startOfShanghaiDay, addDays } from '#domain/time.ts';
import { NotFoundError, UnavailableError } from '#shared/errors.ts';
import type { Write } from './command.ts';
import { db, tableName } from './db.ts';
import { withoutKeys } from './items.ts';
import * as keys from './keys.ts';
import * as ledgerStore from './ledger.ts';
import { classifyFailure } from './outcome.ts';
import { getMany } from './batch.ts';
import { queryPage, type Page } from './query.ts';
import { read, type Read } from './reads.ts';
import * as statementStore from './statements.ts';
import type { BillRef, RecordRef } from './villagers.ts';
import * as villagerStore from './villagers.ts';

function paymentItem(payment: BillPayment) {
  return {
    ...keys.billPayment(payment.billPaymentId),
    ...keys.billPaymentListing(payment.stationId, payment.status, payment.createdAt, payment.billPaymentId),
    type: 'billPayment',
    ...payment,
  };
}

export interface PaymentContext {
  station: Station;
  biller: Biller;
  /** The villager the payment names, as read, with the payments already listed on them. */
  named?: { villager: Villager; bills: BillRef[] };
}

/** How a settlement ended: written; someone settled it first; or the drawer cannot hand the cash back yet. */
export type SettleResult = 'settled' | 'already-settled' | 'drawer-short';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A phone number as an account (a top-up): payments to it are listed under it, named or not. */
export const isPhoneAccount = (accountNo: string) => /^1[3-9]\d{9}$/.test(accountNo);

/**
 * A top-up to a phone number is listed under the number at the station (an
 * ADD to a set, no read), whoever it names: a neighbour may top up a villager
 * without saying whose number it is. Erasing whoever has that number reaches it
 * there (shared/store/villagers.ts).
 */
function paidToPhone(payment: BillPayment): Write[] {
  if (!isPhoneAccount(payment.accountNo)) return [];
  return [
    {
      item: {
        Update: {
          TableName: tableName(),
          Key: keys.paidToPhone(payment.stationId, payment.accountNo),
          UpdateExpression: 'ADD #payments :payment SET #type = :type',
          ExpressionAttributeNames: { '#payments': 'billPayments', '#type': 'type' },
          ExpressionAttributeValues: { ':payment': new Set([payment.billPaymentId]), ':type': 'paidToPhone' },
        },
      },
    },
  ];
}

/** The station, the biller and the villager (when named), as a command's read (fetched with its idempotency record). */
export function contextRead(stationId: string, billerCode: string, villagerId?: string): Read<PaymentContext> {
  const wanted = [keys.station(stationId), keys.biller(billerCode), ...(villagerId ? [keys.villager(stationId, villagerId)] : [])];
  return read(wanted, (found) => {
    const station = found(keys.station(stationId));
    if (!station) throw new NotFoundError('station');
    const biller = found(keys.biller(billerCode));
    if (!biller) throw new NotFoundError('biller');
    const villager = villagerId ? found(keys.villager(stationId, villagerId)) : undefined;
    if (villagerId && !villager) throw new NotFoundError('villager');
    return {
      station: withoutKeys<Station>(station),
      biller: withoutKeys<Biller>(biller),
      ...(villager ? { named: { villager: withoutKeys<Villager>(villager), bills: villagerStore.billsOf(villager) } } : {}),
    };
  });
}

export async function find(billPaymentId: string): Promise<BillPayment | undefined> {
  const { Item } = await db().send(new GetCommand({ TableName: tableName(), Key: keys.billPayment(billPaymentId), ConsistentRead: true }));
  return Item ? withoutKeys<BillPayment>(Item) : undefined;
}

/** The payment, if the caller may see it: another station's is as absent as an unknown one. */
export async function getFor(principal: Principal, billPaymentId: string): Promise<BillPayment> {
  const payment = await find(billPaymentId);
  if (!payment) throw new NotFoundError('billPayment');
  assertStationAccess(principal, payment.stationId, 'billPayment');
  return payment;
}

/**
 * The cash is taken: the payment (PENDING), its marker for the reconciler,
 * the entry and the balances; and when it names a villager, the payment and
 * its command's record (`by`) listed on them, so that erasing them masks its
 * account number and tombstones the record (shared/store/villagers.ts).
 */
export function open(payment: BillPayment, entry: Entry, by: RecordRef, named: PaymentContext['named'], now: Date): Write[] {
  const bill: BillRef = { billPaymentId: payment.billPaymentId, record: by.record, masked: maskAccountNo(payment.accountNo) };
  return [
    ...(named ? villagerStore.nameInBill(named.villager, named.bills, bill, now) : []),
    { item: { Put: { TableName: tableName(), Item: paymentItem(payment), ConditionExpression: 'attribute_not_exists(pk)' } } },
    {
      item: {
        Put: {
          TableName: tableName(),
          Item: { ...keys.pendingBill(payment.createdAt, payment.billPaymentId), type: 'pendingBill', billPaymentId: payment.billPaymentId },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    },
    ...ledgerStore.post(entry, { kind: 'cover' }),
    ...paidToPhone(payment),
  ];
}

/**
 * Settles a PENDING payment in one TransactWriteItems: the payment (only if
 * still PENDING, so it is settled once whoever races), its marker gone, the
 * entry and balances (a refund only if the drawer holds it), the month's
 * counters. Busy tables and conflicts are retried here; a response lost
 * after commit shows up as 'already-settled' on the retry. The payment is
 * updated, not put: only what settling changes is written, so an erasure
 * that masked its account after it was read is never undone.
 */
export async function settle(settled: BillPayment, entry: Entry | undefined, statement: StatementDelta | undefined, message?: Message): Promise<SettleResult> {
  const listing = keys.billPaymentListing(settled.stationId, settled.status, settled.createdAt, settled.billPaymentId);
  const changed: Record<string, unknown> = {
    status: settled.status,
    updatedAt: settled.updatedAt,
    collectionPk: listing.collectionPk,
    collectionSk: listing.collectionSk,
    ...(settled.settledAt ? { settledAt: settled.settledAt } : {}),
    ...(settled.receiptNo ? { receiptNo: settled.receiptNo } : {}),
    ...(settled.failureReason ? { failureReason: settled.failureReason } : {}),
    ...(settled.messageId ? { messageId: settled.messageId } : {}),
  };
  const fields = Object.keys(changed);
  const writes: Write[] = [
    {
      item: {
        Update: {
          TableName: tableName(),
          Key: keys.billPayment(settled.billPaymentId),
          UpdateExpression: `SET ${fields.map((_, i) => `#f${i} = :f${i}`).join(', ')}`,
          ConditionExpression: '#status = :pending',
          ExpressionAttributeNames: { ...Object.fromEntries(fields.map((f, i) => [`#f${i}`, f])), '#status': 'status' },
          ExpressionAttributeValues: { ...Object.fromEntries(fields.map((f, i) => [`:f${i}`, changed[f]])), ':pending': 'PENDING' satisfies BillStatus },
        },
      },
    },
    { item: { Delete: { TableName: tableName(), Key: keys.pendingBill(settled.createdAt, settled.billPaymentId) } } },
    ...(entry ? ledgerStore.post(entry, { kind: 'cover' }) : []),
    ...(statement ? [statementStore.add(settled.stationId, shanghaiMonth(new Date(settled.settledAt ?? settled.updatedAt)), statement)] : []),
    ...(message ? messageStore.queue(message, new Date(settled.updatedAt)) : []),
  ];
  for (let attempt = 1; ; attempt++) {
    try {
      await db().send(new TransactWriteCommand({ TransactItems: writes.map((w) => w.item) }));
      return 'settled';
    } catch (error) {
      const failure = classifyFailure(error, writes);
      if (failure.kind === 'fatal') throw error;
      if (failure.kind === 'refused') return failure.write === 0 ? 'already-settled' : 'drawer-short';
      if (attempt >= 6) throw new UnavailableError();
      await sleep(Math.random() * 25 * 2 ** attempt);
    }
  }
}

/** A station's payments, newest first: of one status (collection index), or all of them between local dates (lookup index). */
export async function list(
  stationId: string,
  filter: { status?: BillStatus | undefined; date?: string | undefined },
  limit: number,
  cursor?: string,
): Promise<Page<BillPayment>> {
  const between: [string, string] | undefined = filter.date
    ? [startOfShanghaiDay(filter.date).toISOString(), addDays(startOfShanghaiDay(filter.date), 1).toISOString()]
    : undefined;
  const page = await queryPage({
    ...(filter.status
      ? { index: 'collection' as const, partition: keys.billsOfStatus(stationId, filter.status) }
      : { index: 'lookup' as const, partition: keys.billsOfStation(stationId) }),
    ...(between ? { sortBetween: between } : {}),
    limit,
    cursor,
    newestFirst: true,
  });
  return { ...page, items: page.items.map((i) => withoutKeys<BillPayment>(i)) };
}

/** Every station's pending payments, oldest first (what the reconciler walks); one Query per page. */
export async function pending(limit: number, cursor?: string): Promise<Page<string>> {
  const page = await queryPage({ partition: keys.pendingBills, limit, cursor });
  return { ...page, items: page.items.map((i) => String(i.billPaymentId)) };
}

/** Every station's pending payments themselves, oldest first: one Query of the markers, one BatchGetItem of the payments. */
export async function pendingPayments(limit: number, cursor?: string): Promise<Page<BillPayment>> {
  const ids = await pending(limit, cursor);
  const found = await getMany(ids.items.map((id) => keys.billPayment(id)));
  const items = ids.items.flatMap((id) => {
    const item = found(keys.billPayment(id));
    return item ? [withoutKeys<BillPayment>(item)] : [];
  });
  return { items, ...(ids.next ? { next: ids.next } : {}) };
}
